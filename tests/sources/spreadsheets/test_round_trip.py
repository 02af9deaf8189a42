"""The case list's CSV and XLSX exports load back as they were, in every script."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from api.exporting import csv_chunks, serialized_rows, xlsx_file
from api.serializers.cases import CaseSerializer
from api.views.cases import listed_cases
from cases.models import Case, Person
from sources.spreadsheets import import_spreadsheet
from tests.factories import CaseFactory, person_named
from tests.sources.test_bundles import wipe_case_records

# Set by CaseTracker on save: a new case loaded back has its own.
TIMESTAMPS = ("created_at", "updated_at")


@pytest.fixture
def cases(db):
    names = ["Байболат Күнболатұлы", "ئابدۇرېھىم تۇرسۇن", "马玉芳"]
    return [
        CaseFactory(
            subject=person_named(name, gender="male", ethnicity="kazakh"),
            fate="camp",
            place_last_seen="=SUM(A1)",  # defused by the export, read back as written
            summary="Taken at night,\nthe family says.",
        )
        for name in names
    ]


def exported(kind: str) -> tuple[bytes, list[dict]]:
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_active=True)
    cases = listed_cases().order_by("reference")
    rows = list(serialized_rows(cases, CaseSerializer, request=request))
    if kind == "csv":
        data = b"".join(csv_chunks(rows))
    else:
        data = xlsx_file(iter(rows), sheet="cases").read()
    kept = [{k: v for k, v in row.items() if k not in TIMESTAMPS} for row in rows]
    return data, kept


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_loads_into_an_empty_database_as_it_was(cases, kind):
    data, before = exported(kind)
    wipe_case_records()

    report = import_spreadsheet(
        data=data, filename=f"cases.{kind}", user=None, dry_run=False
    )

    assert report.ok, report.problems
    assert report.counts()["case"]["created"] == 3
    assert exported(kind)[1] == before
    assert set(Person.objects.values_list("names__text", flat=True)) == {
        "Байболат Күнболатұлы",
        "ئابدۇرېھىم تۇرسۇن",
        "马玉芳",
    }


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_loaded_back_changes_nothing(cases, kind):
    data, _rows = exported(kind)

    report = import_spreadsheet(
        data=data, filename=f"cases.{kind}", user=None, dry_run=False
    )

    assert report.counts()["case"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert report.counts()["person"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert Case.objects.count() == 3
