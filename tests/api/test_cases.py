"""Cases through the API: the list, the nested record and the nested create."""

import datetime

import pytest
from django.utils import timezone

from cases.merging import merge_persons
from cases.models import Case, Detention, Person, PersonName, Relative
from tests.factories import (
    CaseFactory,
    DocumentedCaseFactory,
    FacilityFactory,
    PersonFactory,
    person_named,
)

pytestmark = pytest.mark.django_db


def new_case(facility_uid: str) -> dict:
    """Return a POST body for an invented case with a relative and a detention."""
    return {
        "reference": "CT-2024-0100",
        "fate": "camp",
        "confidentiality": "public",
        "disappeared": "2018-03",
        "place_last_seen": "An invented village",
        "subject": {
            "gender": "male",
            "ethnicity": "kazakh",
            "birth_date": "1975",
            "names": [
                {"text": "Erlan Inventedov", "kind": "primary"},
                {"text": "Ерлан Инвентедов", "kind": "transliteration"},
            ],
        },
        "relatives": [
            {
                "relationship": "daughter",
                "reported_case": True,
                "reported_on": "2019-09-14",
                "contact_details": "+7 700 000 0000 (invented)",
                "person": {"names": [{"text": "Aliya Inventedova"}]},
            }
        ],
        "detentions": [
            {"kind": "camp", "facility": facility_uid, "started": "2018-04-01"}
        ],
    }


def test_detail_nests_subject_relatives_detentions_and_citations(api) -> None:
    case = DocumentedCaseFactory(disappeared_on_precision="month")

    body = api.get(f"/api/v1/cases/{case.reference}/").json()

    assert body["reference"] == case.reference
    assert body["disappeared"] == "2018-03"
    assert body["subject"]["names"][0]["text"].startswith("Aigerim Testova")
    assert body["relatives"][0]["person"]["display_name"]
    detention = body["detentions"][0]
    assert detention["facility"]["name"].startswith("Invented Camp")
    assert detention["facility"]["names"][0]["text"].startswith("Лагерь")
    assert detention["ended"] == "2019-06"
    assert len(body["citations"]) == 2
    cited = [c for c in body["citations"] if c["detention"]]
    assert cited[0]["detention"] == detention["uid"]
    assert cited[0]["article"]["title"].startswith("Invented report")


def test_days_missing_is_a_range_when_the_date_is_imprecise(api) -> None:
    today = timezone.localdate()
    case = CaseFactory(
        disappeared_on=datetime.date(today.year - 1, 1, 1),
        disappeared_on_precision="year",
    )

    body = api.get(f"/api/v1/cases/{case.reference}/").json()

    days = body["days_missing"]
    assert days["most"] - days["fewest"] in (364, 365)
    assert days["display"] == f"{days['fewest']:,}–{days['most']:,}"


def test_list_shows_the_subject_and_days_missing(api) -> None:
    CaseFactory(disappeared_on=None)

    row = api.get("/api/v1/cases/").json()["results"][0]

    assert row["subject"]["display_name"].startswith("Aigerim Testova")
    assert row["days_missing"] is None
    assert row["api_url"].endswith(f"/api/v1/cases/{row['reference']}/")


def test_list_names_the_subject_by_the_primary_form_else_the_first(api) -> None:
    CaseFactory(subject=person_named("Nurlan Inventedov", "Нұрлан Инвентедов"))
    alias_first = PersonFactory()
    PersonName.objects.create(person=alias_first, text="Zhanar I.", kind="alias")
    PersonName.objects.create(person=alias_first, text="Жанар", kind="primary")
    CaseFactory(subject=alias_first)
    CaseFactory(subject=PersonFactory())

    rows = api.get("/api/v1/cases/?ordering=created_at").json()["results"]

    names = [row["subject"]["display_name"] for row in rows]
    assert names == ["Nurlan Inventedov", "Жанар", ""]
    assert names == [case.subject.display_name for case in Case.objects.order_by("pk")]


def test_creates_a_case_with_subject_relatives_and_detentions(api) -> None:
    facility = FacilityFactory()

    response = api.post("/api/v1/cases/", new_case(str(facility.uid)), format="json")

    assert response.status_code == 201, response.json()
    case = Case.objects.get(reference="CT-2024-0100")
    assert case.disappeared_on == datetime.date(2018, 3, 1)
    assert case.disappeared_on_precision == "month"
    assert case.subject.birth_display() == "1975"
    assert {n.text for n in case.subject.names.all()} == {
        "Erlan Inventedov",
        "Ерлан Инвентедов",
    }
    relative = case.relatives.get()
    assert relative.person.display_name == "Aliya Inventedova"
    assert case.detentions.get().facility == facility
    assert response.json()["relatives"][0]["relationship"] == "daughter"


def test_a_bad_relative_leaves_nothing_written(api) -> None:
    body = new_case(str(FacilityFactory().uid))
    # The model refuses a report date without a report.
    body["relatives"][0]["reported_case"] = False
    before = (Case.objects.count(), Person.objects.count(), PersonName.objects.count())

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert "relatives[0]" in response.json()["errors"]
    after = (Case.objects.count(), Person.objects.count(), PersonName.objects.count())
    assert after == before
    assert not Relative.objects.exists()
    assert not Detention.objects.exists()


def test_a_bad_name_of_a_relative_is_named_by_its_path(api) -> None:
    body = new_case(str(FacilityFactory().uid))
    body["relatives"][0]["person"]["names"] = [{"text": "!!!"}]

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert "relatives[0].person.names[0].text" in response.json()["errors"]
    assert not Case.objects.exists()


def test_a_future_disappearance_is_refused_by_the_model_rules(api) -> None:
    body = new_case(str(FacilityFactory().uid))
    body["disappeared"] = f"{timezone.localdate().year + 1}"

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["disappeared"] == [
        "This date cannot be in the future."
    ]
    assert not Person.objects.exists()


def test_patch_changes_the_case_and_clears_a_date_with_null(api) -> None:
    case = CaseFactory(fate="missing")

    response = api.patch(
        f"/api/v1/cases/{case.reference}/",
        {"fate": "released", "disappeared": None},
        format="json",
    )

    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.fate == "released"
    assert case.disappeared_on is None


def test_a_new_case_without_reference_gets_the_next_one(api) -> None:
    body = new_case(str(FacilityFactory().uid))
    del body["reference"]

    response = api.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 201
    assert response.json()["reference"] == f"CT-{timezone.now().year}-0001"


def test_a_person_merged_into_another_is_listed_once(api) -> None:
    keep = person_named("Gulnar Inventedova")
    duplicate = person_named("Gulnar Inventedova", "Гүлнар Инвентедова")
    merge_persons(keep=keep, duplicate=duplicate, actor=None)

    response = api.get("/api/v1/persons/")

    assert [p["uid"] for p in response.json()["results"]] == [str(keep.uid)]
    assert api.get(f"/api/v1/persons/{duplicate.uid}/").status_code == 404
