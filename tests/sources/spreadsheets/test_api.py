"""POST /api/v1/cases/import/: the import as the API's callers use it."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from api.models import ApiToken
from cases.models import Case
from tests.factories import UserFactory, user_with_role

from .conftest import count_every_table, csv_bytes

URL = "/api/v1/cases/import/"
GOOD = csv_bytes([["subject.names", "fate"], ["Aigul", "camp"], ["Tursun", "prison"]])


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


def client_of(user) -> APIClient:
    _token, secret = ApiToken.objects.issue(user=user, read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def upload(data: bytes, name: str = "cases.csv") -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="text/csv")}


@pytest.fixture
def api() -> APIClient:
    return client_of(UserFactory(is_superuser=True))


def test_imports_a_file_and_answers_with_the_report(api):
    response = api.post(URL, upload(GOOD), format="multipart")

    assert response.status_code == 200, response.json()
    assert response.json()["counts"]["case"]["created"] == 2
    assert response.json()["written"] is True
    assert Case.objects.count() == 2


def test_a_dry_run_answers_the_same_counts_and_writes_nothing(api):
    before = count_every_table()

    response = api.post(f"{URL}?dry_run=true", upload(GOOD), format="multipart")

    assert response.status_code == 200
    assert response.json()["counts"]["case"]["created"] == 2
    assert response.json()["written"] is False
    assert count_every_table() == before


def test_bad_rows_are_a_400_naming_row_and_column(api):
    data = csv_bytes([["subject.names", "disappeared"], ["Aigul", "03/04/2018"]])

    response = api.post(URL, upload(data), format="multipart")

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["row"], error["column"]) == (2, "disappeared")
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        upload(b"\xff\xfe\x00garbage"),
        upload(b"PK\x03\x04 not a workbook", "cases.xlsx"),
        {},
    ],
)
def test_a_bad_file_is_a_400_not_a_500(api, body):
    assert api.post(URL, body, format="multipart").status_code == 400


def test_an_unknown_dry_run_value_is_a_400(api):
    response = api.post(f"{URL}?dry_run=perhaps", upload(GOOD), format="multipart")

    assert response.status_code == 400


def test_needs_the_permissions_of_loading_a_bundle():
    researcher = client_of(user_with_role("Researcher", is_staff=False))

    response = researcher.post(URL, upload(GOOD), format="multipart")

    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_is_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/cases/import/"]["post"]
    assert operation["operationId"] == "cases_import"
    assert "multipart/form-data" in operation["requestBody"]["content"]
