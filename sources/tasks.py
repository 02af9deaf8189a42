"""Celery tasks of the import: thin wrappers that take ids and call one function."""

from celery import shared_task

from casetracker.celery import enqueue_on_commit

from . import feeds, importing, rematching
from .models import Feed, SourceArticle

# Transient fetch failures are retried with exponential backoff (1 s, 2 s, 4 s...
# up to 10 min, with jitter); after the last retry the article is marked failed.
IMPORT_RETRIES = 6


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(importing.TransientImportError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=IMPORT_RETRIES,
)
def import_article(self, article_id: int) -> None:
    """Take one article as far through the import as it goes."""
    article = SourceArticle.objects.filter(pk=article_id).first()
    if article is None:
        return
    try:
        importing.import_article(article=article)
    except importing.TransientImportError as error:
        if self.request.retries >= self.max_retries:
            article.mark_failed(f"{error} (gave up after {IMPORT_RETRIES} retries)")
            return
        raise


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> None:
    """Fetch one feed (conditional GET) and queue its new items."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is not None:
        feeds.poll_feed(feed=feed)


@shared_task(acks_late=True)
def poll_feeds() -> None:
    """Enqueue a poll of every active feed (run by Celery beat)."""
    for feed_id in Feed.objects.active().values_list("pk", flat=True):
        enqueue_on_commit(poll_feed, feed_id)


@shared_task(acks_late=True)
def resume_stalled_imports() -> None:
    """Enqueue again the imports left half-way (run by Celery beat)."""
    importing.resume_stalled_imports()


@shared_task(acks_late=True)
def sweep_new_names() -> None:
    """Search the imported articles for name forms added since the last sweep."""
    rematching.sweep_new_names()
