"""import_spreadsheet: all or nothing, a dry run that writes nothing, idempotent."""

import datetime

from cases.models import Case, Detention, Person, PersonName, Relative
from sources.models import SpreadsheetImport
from sources.spreadsheets import import_spreadsheet
from tests.factories import (
    CaseFactory,
    FacilityFactory,
    FacilityNameFactory,
    person_named,
    user_with_role,
)

from .conftest import count_every_table, csv_bytes, xlsx_bytes

HEADER = [
    "reference",
    "subject.names",
    "fate",
    "disappeared",
    "place_last_seen",
    "relative.names",
    "relative.relationship",
]
GOOD = [
    [
        "CT-2019-0101",
        "Айгүл Серікқызы | Aigul Serikkyzy",
        "camp",
        "2018-03",
        "Almaty",
        "",
        "",
    ],
    ["", "ئابدۇرېھىم تۇرسۇن", "prison", "2017", "Ghulja", "Tursun Ahmet", "son"],
    ["CT-2019-0103", "马玉芳", "house_arrest", "2019-12-02", "Qitai", "", ""],
]
BAD = ["CT-2019-0104", "Yerzhan", "vanished", "2018", "", "", ""]


def run(rows, *, dry_run=False, user=None, **options):
    return import_spreadsheet(
        data=csv_bytes([HEADER, *rows]),
        filename="cases.csv",
        user=user,
        dry_run=dry_run,
    )


def test_three_good_rows_and_a_bad_one_write_nothing_and_name_the_bad_row():
    before = count_every_table()

    report = run([*GOOD, BAD])

    assert count_every_table() == before
    assert not report.written
    assert [(p.row, p.column) for p in report.problems] == [(5, "fate")]
    assert "vanished" in report.problems[0].message


def test_imports_good_rows_with_their_names_relatives_and_references():
    report = run(GOOD)

    assert report.ok and report.written
    assert report.counts()["case"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert report.counts()["person"] == {"created": 4, "updated": 0, "unchanged": 0}
    first = Case.objects.get(reference="CT-2019-0101")
    assert set(first.subject.names.values_list("text", flat=True)) == {
        "Айгүл Серікқызы",
        "Aigul Serikkyzy",
    }
    assert (first.disappeared_on, first.disappeared_on_precision) == (
        datetime.date(2018, 3, 1),
        "month",
    )
    relative = Relative.objects.get()
    assert relative.relationship == "son"
    assert relative.case.reference.startswith("CT-")  # the row had none: given one


def test_the_same_file_twice_creates_nothing():
    run(GOOD)
    before = count_every_table()

    report = run(GOOD)

    assert report.ok
    assert report.counts()["case"] == {"created": 0, "updated": 0, "unchanged": 3}
    before.pop("sources.SpreadsheetImport")
    after = count_every_table()
    assert after.pop("sources.SpreadsheetImport") == 2
    assert after == before


def test_a_known_reference_updates_that_case():
    run(GOOD)
    changed = [
        ["CT-2019-0101", "Aigul Serikkyzy", "released", "2018-03", "Almaty", "", ""]
    ]

    report = run(changed)

    assert report.counts()["case"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert Case.objects.get(reference="CT-2019-0101").fate == "released"


def test_a_dry_run_writes_nothing_and_reports_what_the_real_run_does(
    django_capture_on_commit_callbacks,
):
    person_named("Aigul Serikkyzy")  # flagged as a possible duplicate
    before = count_every_table()
    with django_capture_on_commit_callbacks() as queued:
        dry = run(GOOD, dry_run=True)

    assert count_every_table() == before
    assert queued == []
    assert not dry.written
    real = run(GOOD)
    assert real.written
    assert (dry.counts(), dry.problems, dry.duplicates) == (
        real.counts(),
        real.problems,
        real.duplicates,
    )
    assert [(flag.row, flag.candidate) for flag in dry.duplicates] == [
        (2, "Aigul Serikkyzy")
    ]


def test_queues_duplicate_detection_and_the_name_sweep_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        report = run(GOOD)

    assert len(queued) == 2  # find_duplicate_persons and sweep_new_names, eager
    record = SpreadsheetImport.objects.get()
    assert (record.sha256, record.rows, record.cases_created) == (report.sha256, 3, 3)


def test_reads_vocabularies_by_their_label_and_facilities_by_any_name():
    facility = FacilityFactory(name="Invented Camp No. 9")
    FacilityNameFactory(facility=facility, text="Тоғызыншы лагерь")
    header = [
        "subject.names",
        "fate",
        "facility",
        "detention.kind",
        "detention.started",
    ]
    rows = [
        [
            "Aigul",
            "Held in a camp",
            "тоғызыншы ЛАГЕРЬ",
            "Camp",
            datetime.date(2018, 4, 3),
        ]
    ]

    report = import_spreadsheet(
        data=xlsx_bytes([header, *rows]), filename="c.xlsx", user=None, dry_run=False
    )

    assert report.ok, report.problems
    detention = Detention.objects.get()
    assert (detention.facility, detention.started_on) == (
        facility,
        datetime.date(2018, 4, 3),
    )
    assert detention.case.fate == "camp"


def test_refuses_a_date_that_may_be_day_or_month_first_with_a_hint():
    report = run([["", "Aigul", "camp", "03/04/2018", "", "", ""]])

    [problem] = report.problems
    assert (problem.row, problem.column) == (2, "disappeared")
    assert "2018-04-03 or 2018-03-04" in problem.message


def test_names_the_column_of_a_rule_the_bundle_loader_enforces():
    rows = [["", "Aigul", "camp", "2018", "", "Tursun", ""]]  # no relationship

    [problem] = run(rows).problems

    assert (problem.row, problem.column, problem.message) == (
        2,
        "relative.relationship",
        "required",
    )


def test_a_new_person_keeps_every_name_form_of_the_cell():
    run([["", "Aigul | Айгүл | ئايگۈل | 阿依古丽", "", "", "", "", ""]])

    assert PersonName.objects.count() == 4
    assert Person.objects.count() == 1


def test_a_user_who_may_not_see_contacts_may_not_import_them():
    researcher = user_with_role("Researcher")
    before = count_every_table()
    header = ["subject.names", "relative.names", "relative.relationship"]
    data = csv_bytes(
        [[*header, "relative.contact_details"], ["Aigul", "Tursun", "son", "+90 5"]]
    )

    report = import_spreadsheet(
        data=data, filename="c.csv", user=researcher, dry_run=False
    )

    assert [(p.row, p.column) for p in report.problems] == [
        (1, "relative.contact_details")
    ]
    assert "+90 5" not in str(report.as_json())
    assert count_every_table() == before


def test_a_case_worker_imports_contacts_kept_encrypted():
    worker = user_with_role("Case worker")
    header = ["subject.names", "relative.names", "relative.relationship"]
    data = csv_bytes(
        [[*header, "relative.contact_details"], ["Aigul", "Tursun", "son", "+90 5"]]
    )

    report = import_spreadsheet(data=data, filename="c.csv", user=worker, dry_run=False)

    assert report.ok, report.problems
    assert Relative.objects.get().contact_details == "+90 5"


def test_a_row_naming_a_case_hidden_from_the_user_is_refused_as_taken():
    hidden = CaseFactory(reference="CT-2019-0101", confidentiality="confidential")
    worker = user_with_role("Case worker")  # not on the case's team

    report = import_spreadsheet(
        data=csv_bytes([HEADER, GOOD[0]]), filename="c.csv", user=worker, dry_run=False
    )

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (2, "reference", "Another record already has this key.")
    ]
    hidden.refresh_from_db()
    assert hidden.fate == "missing"
