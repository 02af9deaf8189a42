"""The UN Working Group's checklist: six elements, each with its reason; urgency."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from cases import wgeid
from cases.models import Case, Fate, PersonName
from sources.bundles import load_bundle_files
from tests.factories import (
    CaseFactory,
    PersonFactory,
    PersonNameFactory,
    RelativeFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)
# What each demo case lacks (seeds/), in the order of the six elements.
DEMO = {
    "CT-2019-0001": [],
    "CT-2019-0002": [],
    "CT-2020-0001": ["date"],
    "CT-2020-0002": ["date", "responsible"],
    "CT-2020-0003": [],
    "CT-2021-0001": ["name"],
    "CT-2021-0002": ["responsible"],
    "CT-2021-0003": [],
    "CT-2022-0001": ["date", "responsible", "steps", "source"],
}


def ready_case(**fields: object) -> Case:
    """Return a case with all six elements, changed by the fields given."""
    fields = {
        "disappeared_on": datetime.date(2018, 3, 21),
        "place_last_seen": "Invented village",
        "believed_responsible": "County police (invented)",
        "submitted_by": "group",
        **fields,
    }
    case = CaseFactory(**fields)
    StepFactory(case=case)
    return case


def missing_keys(case: Case) -> list[str]:
    return [element.key for element in wgeid.check_case(case, today=TODAY).missing]


def test_every_demo_case_is_checked_right():
    load_bundle_files(paths=sorted((Path(settings.BASE_DIR) / "seeds").glob("*.json")))

    found = {case.reference: missing_keys(case) for case in Case.objects.all()}

    assert found == DEMO


def test_the_list_filters_agree_with_the_checklist_on_the_demo_cases():
    load_bundle_files(paths=sorted((Path(settings.BASE_DIR) / "seeds").glob("*.json")))
    every = Case.objects.all()

    ready = set(wgeid.ready(every).values_list("reference", flat=True))
    missing = set(wgeid.missing_something(every).values_list("reference", flat=True))

    assert ready == {reference for reference, lacks in DEMO.items() if not lacks}
    assert missing == set(DEMO) - ready


def test_a_case_with_the_six_elements_is_ready():
    checklist = wgeid.check_case(ready_case(), today=TODAY)

    assert checklist.ready
    assert [e.key for e in checklist.elements] == list(wgeid.ELEMENTS)


def test_a_person_known_only_by_a_description_lacks_the_name():
    case = ready_case(subject=PersonFactory(description="his younger brother"))

    (element,) = wgeid.check_case(case, today=TODAY).missing

    assert element.key == "name"
    assert "only a description" in element.reason
    assert not wgeid.ready(Case.objects.all()).exists()


def test_a_single_name_is_not_a_full_name_but_a_chinese_one_is():
    person = PersonFactory()
    PersonNameFactory(person=person, text="Nurlan")
    case = ready_case(subject=person)
    assert missing_keys(case) == ["name"]

    PersonName.objects.create(person=person, text="努尔兰", script="Hans")

    assert missing_keys(case) == []
    assert wgeid.ready(Case.objects.all()).get() == case


def test_a_date_known_only_to_the_year_lacks_the_month():
    case = ready_case(disappeared_on_precision="year")

    (element,) = wgeid.check_case(case, today=TODAY).missing

    assert element.key == "date"
    assert element.reason == (
        "Date known only to the year: the Working Group needs at least the month."
    )
    assert wgeid.missing_something(Case.objects.all()).get() == case


def test_a_date_known_to_the_month_is_enough():
    case = ready_case(disappeared_on_precision="month")

    assert wgeid.check_case(case, today=TODAY).ready


def test_an_unknown_date_is_missing():
    assert missing_keys(ready_case(disappeared_on=None)) == ["date"]


def test_a_blank_place_is_missing():
    case = ready_case(place_last_seen="  ")

    assert missing_keys(case) == ["place"]
    assert wgeid.missing_something(Case.objects.all()).get() == case


def test_nobody_presumed_responsible_is_missing():
    assert missing_keys(ready_case(believed_responsible="")) == ["responsible"]


def test_no_step_taken_is_missing():
    case = ready_case()
    case.steps.all().delete()

    assert missing_keys(case) == ["steps"]
    assert wgeid.missing_something(Case.objects.all()).get() == case


def test_an_unknown_source_is_missing():
    assert missing_keys(ready_case(submitted_by="")) == ["source"]


def test_a_relative_who_submits_must_be_named():
    case = ready_case(submitted_by="relative")
    assert missing_keys(case) == ["source"]

    case.submitting_relative = RelativeFactory(case=case)
    case.save()

    assert missing_keys(case) == []
    assert wgeid.ready(Case.objects.all()).get() == case


@pytest.mark.parametrize(
    ("disappeared", "precision", "urgent"),
    [
        (datetime.date(2026, 9, 8), "day", True),
        (datetime.date(2026, 9, 6), "day", False),
        (datetime.date(2026, 9, 1), "month", True),  # may be after 7 September
        (datetime.date(2026, 8, 1), "month", False),
        (datetime.date(2026, 1, 1), "year", True),  # may be in December
        (datetime.date(2025, 1, 1), "year", False),
    ],
)
def test_urgent_when_the_disappearance_may_be_under_three_months_old(
    disappeared, precision, urgent
):
    case = ready_case(disappeared_on=disappeared, disappeared_on_precision=precision)

    checklist = wgeid.check_case(case, today=TODAY)

    assert checklist.urgent is urgent
    assert bool(checklist.urgent_reason) is urgent
    assert wgeid.urgent(Case.objects.all(), today=TODAY).exists() is urgent


def test_a_precise_recent_date_is_certainly_urgent_an_imprecise_one_perhaps():
    day = ready_case(disappeared_on=datetime.date(2026, 11, 20))
    year = ready_case(
        disappeared_on=datetime.date(2026, 1, 1), disappeared_on_precision="year"
    )

    assert "under three months ago" in wgeid.check_case(day, today=TODAY).urgent_reason
    assert "perhaps" in wgeid.check_case(year, today=TODAY).urgent_reason


def test_a_person_released_is_not_urgent():
    case = ready_case(disappeared_on=datetime.date(2026, 11, 20), fate=Fate.RELEASED)

    assert not wgeid.check_case(case, today=TODAY).urgent
    assert not wgeid.urgent(Case.objects.all(), today=TODAY).exists()


@pytest.mark.parametrize(
    ("today", "before"),
    [
        (datetime.date(2026, 12, 7), datetime.date(2026, 9, 7)),
        (datetime.date(2026, 2, 10), datetime.date(2025, 11, 10)),
        (datetime.date(2026, 5, 31), datetime.date(2026, 2, 28)),
    ],
)
def test_three_months_before_counts_calendar_months(today, before):
    assert wgeid.three_months_before(today) == before
