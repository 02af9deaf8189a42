"""Poll RSS and Atom feeds and queue their new items for import."""

import logging

import feedparser
from django.utils import timezone

from . import fetching
from .importing import enqueue_imports, queue_url
from .models import Feed, SourceArticle

logger = logging.getLogger(__name__)

# A feed with more items than this is cut: the newest are kept.
MAX_ITEMS_PER_POLL = 500


def poll_feed(*, feed: Feed) -> list[SourceArticle]:
    """Fetch a feed with conditional GET and queue the items we don't have.

    Return the newly queued articles. A failed fetch or a feed that is not XML
    is recorded on the feed (last_error) and queues nothing.
    """
    conditions = [("If-None-Match", feed.etag)] if feed.etag else []
    if feed.last_modified:
        conditions.append(("If-Modified-Since", feed.last_modified))
    feed.last_polled_at = timezone.now()
    try:
        response = fetching.fetch(feed.url, extra_headers=conditions)
    except fetching.FetchError as error:
        return _record_error(feed, error.reason)
    if response.status_code == 304:
        feed.last_error = ""
        feed.save(update_fields=["last_polled_at", "last_error"])
        return []
    # Bytes, never a string: feedparser treats a string as a path or a URL.
    parsed = feedparser.parse(response.body)
    if parsed.bozo and not parsed.entries:
        return _record_error(feed, f"not a readable feed ({parsed.bozo_exception})")
    feed.etag = (response.header("etag") or "")[:500]
    feed.last_modified = (response.header("last-modified") or "")[:100]
    feed.title = feed.title or parsed.feed.get("title", "")[:300]
    feed.last_error = ""
    feed.save()
    return _queue_entries(feed, parsed.entries[:MAX_ITEMS_PER_POLL])


def _queue_entries(feed: Feed, entries: list) -> list[SourceArticle]:
    known = set(
        SourceArticle.objects.filter(feed=feed).values_list("feed_entry_id", flat=True)
    )
    queued = []
    for entry in entries:
        link = entry.get("link", "")
        entry_id = entry.get("id") or link
        if not link or entry_id in known:
            continue
        article = queue_url(url=link, feed=feed, entry_id=entry_id)
        if article.feed_id == feed.pk and article.feed_entry_id == entry_id[:2000]:
            queued.append(article)
    enqueue_imports(article.pk for article in queued)
    return queued


def _record_error(feed: Feed, reason: str) -> list[SourceArticle]:
    logger.info("Feed %s not polled: %s", feed.pk, reason)
    feed.last_error = reason[:500]
    feed.save(update_fields=["last_polled_at", "last_error"])
    return []
