"""Hostile input through the API: script and SQL-like text are data, spreadsheet
formulas are defused in CSV, and stale tokens are refused."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from api.models import ApiToken
from cases.models import Case, PersonName
from tests.factories import user_with_role

from .api_helpers import (
    ADMINISTRATOR,
    CASE_WORKER,
    RESEARCHER,
    case_with_records,
    client_for,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
SQL = "Robert'); DROP TABLE cases_case; --"
PAYLOADS = [SCRIPT, SQL, "' OR 1=1 --", '"; SELECT * FROM auth_user; --']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_names_and_notes_is_stored_as_written(payload: str) -> None:
    client = client_for(user_with_role(CASE_WORKER))
    body = {
        "confidentiality": "public",
        "summary": payload,
        "subject": {"names": [{"text": f"Aigul {payload}"}], "notes": payload},
    }

    response = client.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.summary == payload
    assert case.subject.notes == payload
    assert PersonName.objects.get(person=case.subject).text == f"Aigul {payload}"
    shown = client.get(f"/api/v1/cases/{case.reference}/").json()
    assert shown["summary"] == payload
    assert Case.objects.count() == 1  # and the table is still there


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("endpoint", ["cases", "persons", "facilities", "articles"])
def test_hostile_text_in_a_search_is_a_search(payload: str, endpoint: str) -> None:
    case_with_records("public")
    client = client_for(user_with_role(RESEARCHER))

    response = client.get(f"/api/v1/{endpoint}/", {"q": payload})

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []
    else:  # nothing in it a name could match
        assert list(response.json()["errors"]) == ["q"]


def test_the_browsable_api_escapes_script_in_names() -> None:
    client = client_for(user_with_role(ADMINISTRATOR))
    records = case_with_records("public", subject_name=f"Aigul {SCRIPT}")

    page = client.get(
        f"/api/v1/persons/{records.subject.uid}/", HTTP_ACCEPT="text/html"
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert SCRIPT not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(1)"]
)
def test_formulas_in_names_and_notes_are_defused_in_csv(formula: str) -> None:
    case_with_records("public", subject_name=f"{formula}")
    client = client_for(user_with_role(ADMINISTRATOR))
    Case.objects.update(place_last_seen=formula)

    cases = client.get("/api/v1/cases/", {"format": "csv"})
    persons = client.get("/api/v1/persons/", {"format": "csv"})

    case_row = next(csv.DictReader(io.StringIO(cases.content.decode("utf-8-sig"))))
    assert case_row["place_last_seen"] == "'" + formula
    assert case_row["subject.display_name"] == "'" + formula
    person_rows = list(csv.DictReader(io.StringIO(persons.content.decode("utf-8-sig"))))
    assert "'" + formula in {row["display_name"] for row in person_rows}
    assert not any(
        cell.startswith(("=", "+", "-", "@"))
        for row in person_rows
        for cell in row.values()
        if cell
    )


@pytest.mark.parametrize("state", ["revoked", "expired"])
@pytest.mark.parametrize("path", ["/cases/{ref}/", "/cases/{ref}/bundle/", "/cases/"])
def test_a_stale_token_is_a_401_even_for_an_administrator(
    state: str, path: str
) -> None:
    records = case_with_records("confidential")
    client = client_for(user_with_role(ADMINISTRATOR))
    token = ApiToken.objects.get(user=client.user)
    if state == "revoked":
        token.revoke()
    else:
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )

    response = client.get("/api/v1" + path.format(ref=records.case.reference))

    assert response.status_code == 401
    assert response.json()["message"] == "The token is unknown, expired or revoked."
    assert records.case.reference not in response.content.decode()
