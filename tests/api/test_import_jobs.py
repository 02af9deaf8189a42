"""Starting imports through the API: 202 and the job's address."""

import pytest

from sources.models import ArticleState, ImportJob, SourceArticle

pytestmark = pytest.mark.django_db


def test_posting_urls_answers_202_with_the_jobs_address(api) -> None:
    response = api.post(
        "/api/v1/import-jobs/",
        {"urls": ["https://news.example.org/a"], "label": "Batch"},
        format="json",
    )

    assert response.status_code == 202, response.json()
    job = ImportJob.objects.get()
    assert response["Location"].endswith(f"/api/v1/import-jobs/{job.pk}/")
    assert response.json()["progress"]["total"] == 1
    assert response.json()["progress"][ArticleState.QUEUED] == 1
    assert job.created_by == api.user
    assert api.get(response["Location"]).json()["label"] == "Batch"


def test_posting_a_file_as_a_form_queues_it(api, evidence_storage) -> None:
    upload = ("report.txt", b"An invented report about an invented camp.")

    response = api.post(
        "/api/v1/import-jobs/",
        {"files": [_file(*upload)], "label": "Files"},
        format="multipart",
    )

    assert response.status_code == 202, response.json()
    article = SourceArticle.objects.get()
    assert article.title == "report.txt"
    assert article.state == ArticleState.FETCHED


def test_an_empty_import_is_a_400(api) -> None:
    response = api.post("/api/v1/import-jobs/", {"label": "x"}, format="json")

    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_a_bad_url_is_named(api) -> None:
    response = api.post(
        "/api/v1/import-jobs/", {"urls": ["ftp://example.org/x"]}, format="json"
    )

    assert response.status_code == 400
    assert "urls[0]" in response.json()["errors"]


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/plain")
