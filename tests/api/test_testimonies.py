"""Sensitive fields and testimonies in the API, for a user allowed to see them."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, Person, Relative
from tests.factories import (
    CaseFactory,
    NamedPersonFactory,
    RelativeFactory,
    TestimonyFactory,
)

pytestmark = pytest.mark.django_db

CONTACT = "+7 700 000 0000 (invented)"
ADDRESS = "Invented Street 12, flat 3, Almaty"
TESTIMONY = "ئاكامنى كېچىدە ئېلىپ كەتتى (invented testimony)"


def new_case(witness_uid: str | None) -> dict:
    """Return a POST body for an invented case with a relative and testimonies."""
    return {
        "reference": "CT-2024-0300",
        "subject": {"names": [{"text": "Erlan Inventedov"}]},
        "relatives": [
            {
                "relationship": "sister",
                "contact_details": CONTACT,
                "address": ADDRESS,
                "person": {"names": [{"text": "Aliya Inventedova"}]},
            }
        ],
        "testimonies": [
            {
                "witness": witness_uid,
                "given_on": "2019-05-14",
                "language": "ug",
                "text": TESTIMONY,
            },
            {"text": "An anonymous invented testimony."},
        ],
    }


def test_person_shows_and_takes_the_id_number_and_address(api) -> None:
    person = NamedPersonFactory(id_document_number="INVENTED-ID-1")
    url = f"/api/v1/persons/{person.uid}/"

    assert api.get(url).json()["id_document_number"] == "INVENTED-ID-1"
    response = api.patch(url, {"home_address": ADDRESS}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["home_address"] == ADDRESS
    assert Person.objects.get(pk=person.pk).home_address == ADDRESS


def test_relative_shows_and_takes_the_address(api) -> None:
    relative = RelativeFactory(contact_details=CONTACT)
    url = f"/api/v1/relatives/{relative.pk}/"

    response = api.patch(url, {"address": ADDRESS}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["address"] == ADDRESS
    assert response.json()["contact_details"] == CONTACT
    assert Relative.objects.get(pk=relative.pk).address == ADDRESS


def test_case_detail_nests_its_testimonies(api) -> None:
    testimony = TestimonyFactory(text=TESTIMONY)

    body = api.get(f"/api/v1/cases/{testimony.case.reference}/").json()

    assert body["testimonies"] == [
        {
            "uid": str(testimony.uid),
            "witness": str(testimony.witness.uid),
            "given_on": "2019-05-14",
            "language": "kk",
            "text": TESTIMONY,
            "consent": "none",
            "created_at": body["testimonies"][0]["created_at"],
        }
    ]
    assert body["testimonies"][0]["created_at"]


def test_case_detail_queries_do_not_grow_with_the_testimonies(api) -> None:
    case = CaseFactory()
    TestimonyFactory(case=case)
    url = f"/api/v1/cases/{case.reference}/"
    api.get(url)  # the token's last use is written once, on the first request
    with CaptureQueriesContext(connection) as one:
        api.get(url)
    TestimonyFactory.create_batch(4, case=case)
    with CaptureQueriesContext(connection) as five:
        api.get(url)

    assert len(five) == len(one)


def test_creates_a_case_with_testimonies(api) -> None:
    witness = NamedPersonFactory()

    response = api.post("/api/v1/cases/", new_case(str(witness.uid)), format="json")

    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference="CT-2024-0300")
    named, anonymous = case.testimonies.order_by("id")
    assert (named.witness, named.text, named.language) == (witness, TESTIMONY, "ug")
    assert anonymous.witness is None
    assert case.relatives.get().address == ADDRESS
    # Undated testimonies sort first on SQLite, last on PostgreSQL.
    assert {t["text"] for t in response.json()["testimonies"]} == {
        TESTIMONY,
        "An anonymous invented testimony.",
    }


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"witness": "00000000-0000-4000-8000-000000000000"}, "testimonies[0].witness"),
        ({"text": ""}, "testimonies[0].text"),
        ({"consent": "maybe"}, "testimonies[0].consent"),
        ({"given_on": "2019-13-01"}, "testimonies[0].given_on"),
    ],
    ids=["unknown-witness", "empty-text", "bad-consent", "bad-date"],
)
def test_a_bad_testimony_is_named_and_nothing_is_written(api, change, where) -> None:
    body = new_case(str(NamedPersonFactory().uid))
    body["testimonies"][0] |= change
    persons = Person.objects.count()

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert where in response.json()["errors"]
    assert TESTIMONY not in response.content.decode()
    assert not Case.objects.exists()
    assert Person.objects.count() == persons


def test_saving_through_the_api_logs_no_sensitive_value(api, caplog) -> None:
    witness = NamedPersonFactory()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO

    # The debug cursor logs every statement and its parameters too.
    with CaptureQueriesContext(connection) as queries:
        created = api.post("/api/v1/cases/", new_case(str(witness.uid)), format="json")
        relative = Case.objects.get(reference="CT-2024-0300").relatives.get()
        changed = api.patch(
            f"/api/v1/relatives/{relative.pk}/",
            {"contact_details": "invented-new@example.org"},
            format="json",
        )

    assert (created.status_code, changed.status_code) == (201, 200)
    assert any(r.name == "django.db.backends" for r in caplog.records)
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r}" for record in caplog.records
    )
    sql = repr(queries.captured_queries)
    for value in (CONTACT, ADDRESS, TESTIMONY, "invented-new@example.org"):
        assert value not in logged
        assert value not in sql
