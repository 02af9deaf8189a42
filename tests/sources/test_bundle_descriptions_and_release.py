"""Bundles: a person is named or described; a case's absence may have ended."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case, Person
from sources.bundles import BundleError, export_bundle, load_bundle
from tests.sources.test_bundles import count_rows, make_bundle

BROTHER = "younger brother of Baibolat Kunbolat, name not known"


def test_a_person_with_neither_name_nor_description_is_refused(db):
    bundle = make_bundle(cases=1)
    bundle["persons"][1]["names"] = []
    before = count_rows()

    with pytest.raises(BundleError) as error:
        load_bundle(data=bundle)

    assert "persons[1]" in str(error.value)
    assert "names: give at least one name form, or a description" in str(error.value)
    assert count_rows() == before


def test_a_described_person_without_names_loads(db):
    bundle = make_bundle(cases=1)
    bundle["persons"][1].update(names=[], description=BROTHER)

    load_bundle(data=bundle)

    assert Person.objects.get(description=BROTHER).display_name == BROTHER


def test_the_end_of_the_absence_round_trips_with_its_precision(db):
    bundle = make_bundle(cases=1)
    bundle["cases"][0].update(fate="released", missing_until="2019-12")

    load_bundle(data=bundle)

    case = Case.objects.get()
    assert (case.missing_until, case.missing_until_precision) == (
        datetime.date(2019, 12, 1),
        "month",
    )
    exported = export_bundle(cases=Case.objects.all())
    assert exported["cases"][0]["missing_until"] == "2019-12"


def test_an_end_before_the_disappearance_is_refused(db):
    bundle = make_bundle(cases=1)
    bundle["cases"][0]["missing_until"] = "2017"

    with pytest.raises(BundleError) as error:
        load_bundle(data=bundle)

    assert "missing_until: The release, finding or death cannot come" in str(
        error.value
    )


def test_demo_shows_the_nameless_founding_subject_by_description(db):
    call_command("load_demo", stdout=StringIO())

    case = Case.objects.get(reference="CT-2021-0001")

    assert str(case) == f"CT-2021-0001: \u2068{BROTHER}\u2069"


def test_demo_released_person_shows_how_long_she_was_held(db):
    call_command("load_demo", stdout=StringIO())

    case = Case.objects.get(reference="CT-2021-0002")

    assert case.days_missing_display() == "held 641–698 days, released December 2019"
    assert case.days_missing(on=datetime.date(2030, 1, 1)) == case.days_missing()
