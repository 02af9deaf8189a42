"""The API: a person is named or described; days missing end and say when."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Case, Person
from tests.factories import CaseFactory, PersonFactory, person_named

pytestmark = pytest.mark.django_db

BROTHER = "younger brother of Baibolat Kunbolat, name not known"


def test_refuses_a_person_with_neither_name_nor_description(api) -> None:
    response = api.post("/api/v1/persons/", {"gender": "male"}, format="json")

    assert response.status_code == 400
    assert "Give at least one name form" in str(response.json()["errors"]["names"])
    assert not Person.objects.exists()


def test_creates_a_described_person_shown_by_description(api) -> None:
    response = api.post(
        "/api/v1/persons/", {"names": [], "description": BROTHER}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["display_name"] == BROTHER


def test_refuses_removing_every_name_of_an_undescribed_person(api) -> None:
    person = person_named("Aigerim Testova")

    response = api.patch(f"/api/v1/persons/{person.uid}/", {"names": []}, format="json")

    assert response.status_code == 400
    assert person.names.count() == 1


def test_a_described_person_may_lose_every_name(api) -> None:
    person = person_named("Aigerim Testova", description=BROTHER)

    response = api.patch(f"/api/v1/persons/{person.uid}/", {"names": []}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["display_name"] == BROTHER


def test_a_new_case_needs_its_subject_named_or_described(api) -> None:
    body = {"reference": "CT-2024-0100", "subject": {"gender": "male"}}

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert "subject.names" in response.json()["errors"]
    assert not Case.objects.exists()


def test_the_list_names_a_nameless_subject_by_description(api) -> None:
    CaseFactory(subject=PersonFactory(description=BROTHER))

    row = api.get("/api/v1/cases/").json()["results"][0]

    assert row["subject"]["display_name"] == BROTHER


def test_days_missing_end_at_the_release_and_say_so(api) -> None:
    body = {
        "reference": "CT-2024-0101",
        "fate": "released",
        "disappeared": "2018-03-21",
        "missing_until": "2019-12-20",
        "subject": {"names": [{"text": "Erlan Inventedov"}]},
    }

    created = api.post("/api/v1/cases/", body, format="json")

    assert created.status_code == 201, created.json()
    days = created.json()["days_missing"]
    assert created.json()["missing_until"] == "2019-12-20"
    assert (days["most"], days["until"]) == (639, "2019-12-20")
    assert days["as_of"] == timezone.localdate().isoformat()


def test_ongoing_days_missing_say_the_day_they_were_counted(api) -> None:
    case = CaseFactory(disappeared_on=datetime.date(2018, 3, 21))

    days = api.get(f"/api/v1/cases/{case.reference}/").json()["days_missing"]

    assert days["as_of"] == timezone.localdate().isoformat()
    assert days["until"] is None
    assert days["most"] == (timezone.localdate() - case.disappeared_on).days


def test_refuses_an_end_before_the_disappearance(api) -> None:
    case = CaseFactory(disappeared_on=datetime.date(2018, 3, 21))

    response = api.patch(
        f"/api/v1/cases/{case.reference}/", {"missing_until": "2017"}, format="json"
    )

    assert response.status_code == 400
    assert "missing_until" in response.json()["errors"]
