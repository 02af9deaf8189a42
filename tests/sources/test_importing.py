from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from cases.models import Person, PersonName
from sources.importing import (
    STALLED_AFTER,
    TransientImportError,
    Upload,
    import_article,
    queue_upload,
    queue_url,
    resume_stalled_imports,
    start_import,
)
from sources.models import (
    ArticleState,
    Capture,
    Feed,
    Mention,
    SourceArticle,
    SourceKind,
)
from sources.rematching import sweep_new_names
from sources.reviewing import confirm_mention
from tests.sources.articles import news_page, seed_page, seed_text
from tests.sources.conftest import Route

pytestmark = pytest.mark.django_db

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def demo(db):
    call_command("load_demo")


def suggested_persons(article: SourceArticle) -> set[str]:
    return {
        mention.person.display_name
        for mention in article.mentions.select_related("person")
    }


def test_imports_the_founding_article_from_a_url(
    demo, local_server, evidence_storage, case_worker
):
    local_server.routes["/news/protests"] = Route(headers=HTML, body=seed_page())

    article = import_article(article=queue_url(url=local_server.url("/news/protests")))

    assert article.state == ArticleState.MATCHED
    assert suggested_persons(article) == {"Baibolat Kunbolat", "Serikzhan Bilash"}
    capture = article.captures.get()
    assert capture.verify()
    assert capture.final_url == local_server.url("/news/protests")
    mention = article.mentions.filter(person__names__text="Baibolat Kunbolat").first()
    citation = confirm_mention(mention=mention, actor=case_worker)
    assert citation is not None
    assert citation.article == article


def test_imports_the_founding_article_from_a_text_file(demo, evidence_storage):
    upload = Upload("apple-daily-2021-02-10.txt", seed_text().encode())

    article = import_article(article=queue_upload(upload=upload))

    assert article.state == ArticleState.MATCHED
    assert suggested_persons(article) == {"Baibolat Kunbolat", "Serikzhan Bilash"}
    assert article.title == "apple-daily-2021-02-10.txt"
    assert article.captures.get().verify()


def test_same_url_with_tracking_parameters_is_the_same_article(local_server):
    first = queue_url(url=local_server.url("/a?id=7"))

    again = queue_url(url=local_server.url("/a?id=7&utm_source=newsletter"))

    assert again == first
    assert SourceArticle.objects.count() == 1


def test_same_text_under_another_url_is_a_duplicate(local_server, evidence_storage):
    page = news_page("Report", ["An invented report on a camp. " * 20])
    local_server.routes["/one"] = Route(headers=HTML, body=page)
    local_server.routes["/two"] = Route(headers=HTML, body=page)
    first = import_article(article=queue_url(url=local_server.url("/one")))

    second = import_article(article=queue_url(url=local_server.url("/two")))

    assert first.state == ArticleState.MATCHED
    assert second.state == ArticleState.DUPLICATE
    assert second.duplicate_of == first


def test_records_a_permanent_failure_with_its_reason(local_server, evidence_storage):
    article = queue_url(url=local_server.url("/gone"))

    import_article(article=article)

    article.refresh_from_db()
    assert article.state == ArticleState.FAILED
    assert "404" in article.failure_reason
    assert not Capture.objects.exists()


def test_leaves_a_transient_failure_queued_for_a_retry(local_server, evidence_storage):
    local_server.routes["/busy"] = Route(status=503)
    article = queue_url(url=local_server.url("/busy"))

    with pytest.raises(TransientImportError):
        import_article(article=article)

    article.refresh_from_db()
    assert (article.state, article.attempts) == (ArticleState.QUEUED, 1)


def test_refuses_a_redirect_to_another_loopback_address(local_server, evidence_storage):
    target = f"http://127.0.0.2:{local_server.port}/private"
    local_server.routes["/jump"] = Route(status=302, headers={"Location": target})

    article = import_article(article=queue_url(url=local_server.url("/jump")))

    assert article.state == ArticleState.FAILED
    assert article.failure_reason


def test_fails_an_article_that_is_not_html_or_text(local_server, evidence_storage):
    local_server.routes["/report.pdf"] = Route(
        headers={"Content-Type": "application/pdf"}, body=b"%PDF-1.7 invented"
    )

    article = import_article(article=queue_url(url=local_server.url("/report.pdf")))

    assert article.state == ArticleState.FAILED
    assert "application/pdf" in article.failure_reason


def test_a_bad_line_in_a_batch_loses_nothing_else(
    local_server, evidence_storage, django_capture_on_commit_callbacks
):
    page = news_page("Report", ["An invented report about detentions. " * 10])
    local_server.routes["/good"] = Route(headers=HTML, body=page)
    urls = [local_server.url("/good"), "not a url", "file:///etc/passwd"]

    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(urls=urls, label="batch")

    progress = job.progress()
    assert (progress["matched"], progress["failed"], progress["total"]) == (1, 2, 3)
    reasons = set(job.articles.failed().values_list("failure_reason", flat=True))
    assert reasons == {"Not an http or https URL."}


def test_a_batch_counts_a_url_imported_before_without_importing_it_again(
    local_server, evidence_storage, django_capture_on_commit_callbacks
):
    page = news_page("Report", ["An invented report about a closed camp. " * 10])
    local_server.routes["/known"] = Route(headers=HTML, body=page)
    other = news_page("Other", ["Another invented report on a detention. " * 10])
    local_server.routes["/new"] = Route(headers=HTML, body=other)
    with django_capture_on_commit_callbacks(execute=True):
        first = start_import(urls=[local_server.url("/known")], label="first")
    requests = len(local_server.requests)

    with django_capture_on_commit_callbacks(execute=True):
        second = start_import(
            urls=[local_server.url("/known?utm_source=feed"), local_server.url("/new")],
            label="second",
        )

    known = first.articles.get()
    assert set(second.articles.all()) == {known, SourceArticle.objects.latest("pk")}
    assert second.progress()["total"] == 2
    assert second.progress()["matched"] == 2
    assert known.import_job == first  # the job that queued it first
    assert len(local_server.requests) == requests + 1  # only /new was fetched
    assert Capture.objects.count() == 2


def test_an_empty_file_fails_with_a_reason(evidence_storage):
    article = queue_upload(upload=Upload("empty.html", b"  \n"))

    assert (article.state, article.failure_reason) == (
        ArticleState.FAILED,
        "The file is empty.",
    )


def test_importing_again_duplicates_nothing_and_keeps_reviews(
    demo, local_server, evidence_storage, case_worker
):
    local_server.routes["/news"] = Route(headers=HTML, body=seed_page())
    article = import_article(article=queue_url(url=local_server.url("/news")))
    rejected = article.mentions.first()
    rejected.status = "rejected"
    rejected.save()
    mentions = Mention.objects.count()

    article.state = ArticleState.QUEUED
    article.save()
    import_article(article=article)

    assert Mention.objects.count() == mentions
    assert Capture.objects.count() == 1
    rejected.refresh_from_db()
    assert rejected.status == "rejected"


def test_a_name_added_later_finds_the_articles_imported_before(
    local_server, evidence_storage
):
    text = "Relatives say Nurlan Invented-Zhaksybekov has not been heard from. " * 3
    local_server.routes["/old"] = Route(headers=HTML, body=news_page("Old", [text]))
    article = import_article(article=queue_url(url=local_server.url("/old")))
    assert not article.mentions.exists()
    person = Person.objects.create()

    PersonName.objects.create(person=person, text="Nurlan Invented-Zhaksybekov")
    sweep_new_names()

    assert {m.person for m in article.mentions.all()} == {person}
    assert article.mentions.count() == 3  # the text names them three times


def left_half_way(article: SourceArticle, hours: float) -> SourceArticle:
    """Make the article look as if its import stopped some hours ago."""
    SourceArticle.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() - timedelta(hours=hours)
    )
    return article


def test_an_import_left_half_way_is_taken_up_again(
    demo, evidence_storage, django_capture_on_commit_callbacks
):
    upload = Upload("report.txt", seed_text().encode())
    stalled = left_half_way(queue_upload(upload=upload), hours=2)  # fetched
    recent = queue_upload(upload=Upload("new.txt", b"An invented new report."))
    by_hand = left_half_way(SourceArticle.objects.create(title="Typed in"), hours=2)
    done = left_half_way(
        SourceArticle.objects.create(
            title="Done", source_kind=SourceKind.FILE, state=ArticleState.MATCHED
        ),
        hours=2,
    )

    with django_capture_on_commit_callbacks(execute=True):
        resumed = resume_stalled_imports()

    assert resumed == 1
    stalled.refresh_from_db()
    assert stalled.state == ArticleState.MATCHED
    assert suggested_persons(stalled) == {"Baibolat Kunbolat", "Serikzhan Bilash"}
    states = {a.pk: a.state for a in SourceArticle.objects.all()}
    assert states[recent.pk] == ArticleState.FETCHED  # its own task is on its way
    assert states[by_hand.pk] == ArticleState.EXTRACTED  # entered by hand
    assert states[done.pk] == ArticleState.MATCHED


def test_an_import_taken_up_again_waits_before_the_next_attempt(
    evidence_storage, django_capture_on_commit_callbacks
):
    article = queue_upload(upload=Upload("report.txt", b"An invented report."))
    left_half_way(article, hours=2)
    with django_capture_on_commit_callbacks(execute=False) as enqueued:
        assert resume_stalled_imports() == 1

    with django_capture_on_commit_callbacks(execute=False) as again:
        assert resume_stalled_imports() == 0

    assert (len(enqueued), len(again)) == (1, 0)


def test_an_import_stranded_a_quarter_hour_ago_is_taken_up_again(
    evidence_storage, django_capture_on_commit_callbacks
):
    article = queue_upload(upload=Upload("report.txt", b"An invented report."))
    SourceArticle.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() - timedelta(minutes=11)
    )
    sweep = settings.CELERY_BEAT_SCHEDULE["resume-stalled-imports"]["schedule"]

    with django_capture_on_commit_callbacks(execute=False) as enqueued:
        assert resume_stalled_imports() == 1

    assert len(enqueued) == 1
    # Stalled for STALLED_AFTER, then found by the next sweep at the latest.
    assert STALLED_AFTER + timedelta(seconds=sweep) <= timedelta(minutes=15)


def test_a_failed_url_asked_for_again_is_fetched_again(
    demo, local_server, evidence_storage
):
    failed = import_article(article=queue_url(url=local_server.url("/gone")))
    assert failed.state == ArticleState.FAILED
    local_server.routes["/gone"] = Route(headers=HTML, body=seed_page())

    again = import_article(article=queue_url(url=local_server.url("/gone")))

    assert again.pk == failed.pk
    assert again.state == ArticleState.MATCHED
    assert again.captures.count() == 1
    states = list(
        again.history.order_by("history_date").values_list("state", "failure_reason")
    )
    assert (ArticleState.FAILED, failed.failure_reason) in states


def test_a_feed_listing_a_failed_url_again_does_not_fetch_it(local_server):
    failed = import_article(article=queue_url(url=local_server.url("/gone")))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"))

    again = queue_url(url=local_server.url("/gone"), feed=feed, entry_id="gone")

    assert again.pk == failed.pk
    assert again.state == ArticleState.FAILED
