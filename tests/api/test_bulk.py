"""Bulk export: every case as one streamed CSV, JSON Lines or case bundle."""

import csv
import datetime
import io
import json

import pytest

from api.views.cases import perms
from audit.models import AccessAction, AccessLogEntry
from cases.models import Case, Confidentiality
from sources.bundles import export_bundle
from tests.factories import CaseFactory, DocumentedCaseFactory, RelativeFactory

pytestmark = pytest.mark.django_db

# A bundle holds persons, facilities and articles: it needs their view too.
VIEWER = perms("view")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_streams_every_case_with_a_bom_and_the_lists_columns(api) -> None:
    CaseFactory.create_batch(3, fate="camp")
    CaseFactory(fate="released", place_last_seen="=1+1")

    response = api.get("/api/v1/cases/export/csv/")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    listed = api.get("/api/v1/cases/?format=csv&ordering=created_at")
    expected = list(csv.DictReader(io.StringIO(listed.content.decode("utf-8-sig"))))
    for row in expected:  # the list's links keep its ?format=csv
        row["api_url"] = row["api_url"].removesuffix("?format=csv")
    assert rows == expected
    assert rows[-1]["place_last_seen"] == "'=1+1"


@pytest.mark.parametrize("undated_first", [True, False])
def test_csv_has_one_set_of_columns_for_dated_and_undated_cases(
    api, undated_first
) -> None:
    dates = [None, datetime.date(2018, 3, 21)]
    for disappeared_on in dates if undated_first else dates[::-1]:
        CaseFactory(disappeared_on=disappeared_on)

    response = api.get("/api/v1/cases/export/csv/")

    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 2 and None not in rows[0] and None not in rows[1]
    counts = {row["reference"]: row["days_missing.fewest"] for row in rows}
    assert sorted(bool(count) for count in counts.values()) == [False, True]
    assert "days_missing" not in rows[0]


def test_csv_of_no_case_is_a_header(api) -> None:
    content = body(api.get("/api/v1/cases/export/csv/")).decode("utf-8-sig")

    assert content.startswith("reference,api_url,subject,")
    assert content.count("\r\n") == 1


def test_jsonl_has_a_line_per_case_as_the_list_shows_it(api) -> None:
    CaseFactory.create_batch(2)
    CaseFactory(fate="released")

    response = api.get("/api/v1/cases/export/jsonl/?fate=released")

    lines = body(response).decode().splitlines()
    listed = api.get("/api/v1/cases/?fate=released").json()["results"]
    assert [json.loads(line) for line in lines] == listed


def test_the_bundle_equals_the_bundle_of_the_same_cases(api) -> None:
    for _ in range(3):
        DocumentedCaseFactory()

    response = api.get("/api/v1/cases/export/bundle/")

    exported = json.loads(body(response))
    expected = export_bundle(cases=Case.objects.all())
    assert exported == expected


def test_hidden_cases_and_sensitive_fields_are_left_out(make_client) -> None:
    client = make_client(*VIEWER)
    public = CaseFactory(confidentiality=Confidentiality.PUBLIC)
    RelativeFactory(case=public, contact_details="+1 555 0100")
    CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)

    bundle = json.loads(body(client.get("/api/v1/cases/export/bundle/")))
    lines = body(client.get("/api/v1/cases/export/jsonl/")).decode().splitlines()

    assert [case["reference"] for case in bundle["cases"]] == [public.reference]
    assert "contact_details" not in bundle["cases"][0]["relatives"][0]
    assert [json.loads(line)["reference"] for line in lines] == [public.reference]


def test_an_export_is_logged_with_each_confidential_case(api) -> None:
    CaseFactory()
    secret = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)

    body(api.get("/api/v1/cases/export/jsonl/"))

    entries = AccessLogEntry.objects.filter(action=AccessAction.EXPORTED)
    assert sorted((e.case_reference, e.rows) for e in entries) == [
        ("", 2),
        (secret.reference, None),
    ]


def test_an_unknown_filter_is_refused(api) -> None:
    response = api.get("/api/v1/cases/export/csv/?colour=red")

    assert response.status_code == 400
    assert "colour" in response.json()["errors"]


def test_an_unknown_kind_is_a_404(api) -> None:
    assert api.get("/api/v1/cases/export/xlsx/").status_code == 404


@pytest.mark.parametrize("accept", ["application/jsonl", "text/csv", "text/html"])
def test_an_export_is_its_kind_whatever_accept_asks(api, accept: str) -> None:
    CaseFactory()

    done = api.get("/api/v1/cases/export/jsonl/", HTTP_ACCEPT=accept)
    refused = api.get("/api/v1/cases/export/jsonl/?fate=bad", HTTP_ACCEPT=accept)

    assert done["Content-Type"] == "application/jsonl; charset=utf-8"
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/json"
