"""An import job's page states what really happened, and the form checks URLs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.admin.articles import ImportForm
from sources.models import ArticleState, ImportJob, Lead
from tests.factories import MentionFactory, SourceArticleFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:sources_sourcearticle_import")


def job_with(*states: str) -> ImportJob:
    job = ImportJob.objects.create(label="Radio reports")
    for state in states:
        reason = "The page was not found (404)." if state == ArticleState.FAILED else ""
        job.articles.add(SourceArticleFactory(state=state, failure_reason=reason))
    return job


def job_page(admin_client, job: ImportJob) -> str:
    url = reverse("admin:sources_importjob_change", args=[job.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_import_form_refuses_a_line_that_is_not_a_url(admin_client):
    response = admin_client.post(IMPORT, {"urls": "https://example.org/a\nnot a url"})

    assert response.status_code == 200
    assert "Each line must be a web address" in response.content.decode()
    assert "not a url" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_import_form_takes_an_address_typed_without_its_scheme():
    form = ImportForm(data={"urls": "news.example.org/report/1"})

    assert form.is_valid()
    assert form.cleaned_data["urls"] == ["https://news.example.org/report/1"]


def test_running_job_says_so_and_reloads_itself(admin_client):
    job = job_with(ArticleState.MATCHED, ArticleState.QUEUED)

    content = job_page(admin_client, job)

    assert "Running: 1 of 2 articles done so far." in content
    assert '<meta http-equiv="refresh"' in content


def test_finished_job_gives_counts_and_stops_reloading(admin_client):
    job = job_with(ArticleState.MATCHED, ArticleState.FAILED)

    content = job_page(admin_client, job)

    assert "Finished: 1 imported, 1 failed." in content
    assert "The page was not found (404)." in content
    assert '<meta http-equiv="refresh"' not in content


def test_job_whose_articles_all_failed_says_it_failed_with_reasons(admin_client):
    job = job_with(ArticleState.FAILED, ArticleState.FAILED, ArticleState.FAILED)

    content = job_page(admin_client, job)

    assert "Failed: none of the 3 articles could be imported." in content
    assert content.count("The page was not found (404).") == 3


def test_job_page_links_to_articles_and_what_they_suggested(admin_client):
    mention = MentionFactory(article__state=ArticleState.MATCHED)
    article = mention.article
    Lead.objects.create(article=article, text="Gulnar Tursun", start=0, end=13)
    job = ImportJob.objects.create()
    job.articles.add(article)

    content = job_page(admin_client, job)

    assert reverse("admin:sources_sourcearticle_change", args=[article.pk]) in content
    mentions = reverse("admin:sources_mention_changelist")
    assert f"{mentions}?article__id__exact={article.pk}" in content
    assert "1 suggested mention" in content
    assert "1 new name" in content
    assert "object (" not in content


def test_import_message_says_what_happened_not_only_that_it_started(
    admin_client, django_capture_on_commit_callbacks
):
    empty = SimpleUploadedFile("empty.txt", b" ")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(IMPORT, {"file": empty}, follow=True)

    content = response.content.decode()
    assert "The import has started." not in content
    assert "Failed: the article could not be imported." in content
