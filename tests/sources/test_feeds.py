import pytest

from sources.feeds import MAX_ITEMS_PER_POLL, poll_feed
from sources.models import ArticleState, Feed, SourceArticle
from tests.sources.conftest import Route

pytestmark = pytest.mark.django_db
RSS = {"Content-Type": "application/rss+xml", "ETag": '"v1"'}


def rss(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Invented News</title>'
        f"{items}</channel></rss>"
    ).encode()


def test_queues_the_new_items_of_a_feed(
    local_server, django_capture_on_commit_callbacks
):
    links = [local_server.url(f"/story/{n}") for n in range(3)]
    local_server.routes["/feed.xml"] = Route(headers=RSS, body=rss(links))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))

    queued = poll_feed(feed=feed)

    assert sorted(article.url for article in queued) == sorted(links)
    feed.refresh_from_db()
    assert (feed.title, feed.etag, feed.last_error) == ("Invented News", '"v1"', "")
    assert {a.state for a in SourceArticle.objects.all()} == {ArticleState.QUEUED}


def test_polls_again_with_the_etag_and_queues_nothing_twice(local_server):
    links = [local_server.url("/story/1")]
    local_server.routes["/feed.xml"] = [
        Route(headers=RSS, body=rss(links)),
        Route(status=304),
    ]
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))
    poll_feed(feed=feed)

    assert poll_feed(feed=feed) == []

    assert local_server.requests[-1].headers["if-none-match"] == '"v1"'
    assert SourceArticle.objects.count() == 1


def test_known_items_are_not_queued_again_without_conditional_get(local_server):
    links = [local_server.url("/story/1"), local_server.url("/story/2")]
    local_server.routes["/feed.xml"] = Route(
        headers={"Content-Type": "application/rss+xml"}, body=rss(links)
    )
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))
    poll_feed(feed=feed)

    assert poll_feed(feed=feed) == []
    assert SourceArticle.objects.count() == 2


def test_records_a_feed_that_is_not_xml(local_server):
    local_server.routes["/feed.xml"] = Route(
        headers={"Content-Type": "text/html"}, body=b"<html><p>not a feed</p>"
    )
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))

    assert poll_feed(feed=feed) == []

    feed.refresh_from_db()
    assert feed.last_error.startswith("not a readable feed")
    assert feed.last_polled_at is not None


def test_records_a_feed_that_cannot_be_fetched(local_server):
    feed = Feed.objects.create(url=local_server.url("/missing.xml"))

    poll_feed(feed=feed)

    feed.refresh_from_db()
    assert "404" in feed.last_error


def test_takes_at_most_a_bounded_number_of_items_from_a_huge_feed(local_server):
    links = [local_server.url(f"/story/{n}") for n in range(10_000)]
    local_server.routes["/feed.xml"] = Route(headers=RSS, body=rss(links))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))

    queued = poll_feed(feed=feed)

    assert len(queued) == MAX_ITEMS_PER_POLL
    assert SourceArticle.objects.count() == MAX_ITEMS_PER_POLL
