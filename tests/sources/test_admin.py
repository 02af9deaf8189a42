import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import PersonName
from sources.models import ArticleState, Citation, ImportJob, Lead, Mention
from tests.factories import CaseFactory, SourceArticleFactory
from tests.sources.articles import news_page
from tests.sources.conftest import Route

pytestmark = pytest.mark.django_db
HTML = {"Content-Type": "text/html; charset=utf-8"}


def make_mention(status: str = "suggested") -> Mention:
    case = CaseFactory()
    name = case.subject.names.get()
    text = f"Relatives of {name.text} protested outside the embassy."
    article = SourceArticleFactory(text=text)
    start = text.index(name.text)
    return Mention.objects.create(
        article=article,
        person=case.subject,
        name_form=name,
        text=name.text,
        start=start,
        end=start + len(name.text),
        score=0.97,
        explanation=f"{name.text} = {name.text} (exact)",
        status=status,
    )


def test_import_form_starts_a_job_and_shows_its_progress(
    admin_client, local_server, evidence_storage, django_capture_on_commit_callbacks
):
    page = news_page("Invented", ["An invented report on detentions. " * 20])
    local_server.routes["/report"] = Route(headers=HTML, body=page)
    url = reverse("admin:sources_sourcearticle_import")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"urls": f"{local_server.url('/report')}\n", "label": "x"}
        )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:sources_importjob_change", args=[job.pk])
    assert job.progress()["matched"] == 1
    page = admin_client.get(reverse("admin:sources_importjob_changelist"))
    assert "Finished: 1 imported, 0 failed." in page.content.decode()


def test_job_page_lists_an_article_imported_before_the_job(
    admin_client, local_server, evidence_storage, django_capture_on_commit_callbacks
):
    page = news_page("Known", ["An invented report imported twice. " * 20])
    local_server.routes["/known"] = Route(headers=HTML, body=page)
    form = reverse("admin:sources_sourcearticle_import")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(form, {"urls": local_server.url("/known"), "label": "one"})
        admin_client.post(form, {"urls": local_server.url("/known"), "label": "two"})

    second = ImportJob.objects.get(label="two")
    article = second.articles.get()
    shown = admin_client.get(
        reverse("admin:sources_importjob_change", args=[second.pk])
    )
    listing = admin_client.get(reverse("admin:sources_importjob_changelist"))

    assert article.import_job.label == "one"
    content = shown.content.decode()
    assert reverse("admin:sources_sourcearticle_change", args=[article.pk]) in content
    assert "Finished: 1 imported, 0 failed." in content
    assert listing.content.decode().count("Finished: 1 imported, 0 failed.") == 2


def test_import_form_refuses_an_empty_submission(admin_client):
    response = admin_client.post(reverse("admin:sources_sourcearticle_import"), {})

    assert response.status_code == 200
    assert "Give at least one URL or a file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_import_form_takes_a_saved_file(
    admin_client, evidence_storage, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "saved.html", news_page("Saved", ["A saved invented page. " * 20])
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:sources_sourcearticle_import"), {"file": upload}
        )

    assert ImportJob.objects.get().articles.get().state == ArticleState.MATCHED


def test_review_queue_shows_the_passage_with_the_name_highlighted(admin_client):
    mention = make_mention()

    response = admin_client.get(reverse("admin:sources_mention_changelist"))

    content = response.content.decode()
    assert f"<mark>{mention.text}</mark>" in content
    assert mention.person.cases.get().reference in content


def test_review_queue_shows_the_date_and_facility_hints(admin_client):
    mention = make_mention()
    mention.hints = {
        "dates": [{"kind": "day_count", "text": "the 1,049th day"}],
        "facilities": [{"id": 1, "name": "Invented Camp No. 3", "text": "Camp 3"}],
    }
    mention.save()

    response = admin_client.get(reverse("admin:sources_mention_changelist"))

    content = response.content.decode()
    assert "dates nearby: the 1,049th day" in content
    assert "facilities nearby: Invented Camp No. 3" in content


def test_review_queue_costs_the_same_queries_for_10_and_100_mentions(admin_client):
    url = reverse("admin:sources_mention_changelist")
    for _ in range(10):
        make_mention()
    with CaptureQueriesContext(connection) as at_10:
        admin_client.get(url)
    for _ in range(90):
        make_mention()
    with CaptureQueriesContext(connection) as at_100:
        admin_client.get(url)

    assert len(at_100) == len(at_10)


def test_confirming_in_the_review_queue_cites_the_article_on_the_case(admin_client):
    mention = make_mention()

    admin_client.post(
        reverse("admin:sources_mention_changelist"),
        {"action": "confirm", "_selected_action": [mention.pk]},
    )

    mention.refresh_from_db()
    assert mention.status == "confirmed"
    citation = Citation.objects.get()
    assert (citation.article, citation.case) == (
        mention.article,
        mention.person.cases.get(),
    )


def test_rejecting_in_the_review_queue_adds_no_citation(admin_client):
    mention = make_mention()

    admin_client.post(
        reverse("admin:sources_mention_changelist"),
        {"action": "reject", "_selected_action": [mention.pk]},
    )

    mention.refresh_from_db()
    assert mention.status == "rejected"
    assert not Citation.objects.exists()


def test_creates_a_person_from_a_lead(admin_client):
    lead = Lead.objects.create(
        article=SourceArticleFactory(), text="Aigerim Inventedova", start=0, end=18
    )

    admin_client.post(
        reverse("admin:sources_lead_changelist"),
        {"action": "create_persons", "_selected_action": [lead.pk]},
    )

    lead.refresh_from_db()
    assert PersonName.objects.get(person=lead.person).text == "Aigerim Inventedova"


def test_article_list_shows_why_an_import_failed(admin_client):
    SourceArticleFactory(state=ArticleState.FAILED, failure_reason="HTTP 404 Not Found")

    response = admin_client.get(reverse("admin:sources_sourcearticle_changelist"))

    assert "HTTP 404 Not Found" in response.content.decode()
