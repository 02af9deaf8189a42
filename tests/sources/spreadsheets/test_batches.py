"""Rows load a chunk at a time, with the outcome of loading them one by one."""

import pytest

from cases.models import Case, Person, PersonName, PersonNameKey
from cases.models.name_keys import keys_for
from sources.bundles.batched import Repeated
from sources.spreadsheets import batches, import_spreadsheet
from tests.factories import CaseFactory, person_named

from .conftest import count_every_table, csv_bytes

HEADER = [
    "reference",
    "subject.names",
    "fate",
    "disappeared",
    "relative.names",
    "relative.relationship",
]
ROWS = [
    ["CT-2019-0201", "Aigul Serikkyzy", "camp", "2018", "Tursun Ahmet", "son"],
    ["CT-2019-0202", "Yerzhan Tursun", "prison", "2017", "", ""],
    ["", "马玉芳", "house_arrest", "2019-12", "", ""],
    ["CT-2019-0204", "Baibolat Kunbolat", "missing", "2016", "Aidana", "sister"],
    ["CT-2019-0205", "Abdurehim Tursun", "camp", "2018-03", "", ""],
]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(batches, "CHUNK_SIZE", 2)


def run(rows, *, dry_run=False):
    return import_spreadsheet(
        data=csv_bytes([HEADER, *rows]), filename="c.csv", user=None, dry_run=dry_run
    )


def outcome(report):
    return report.rows, report.counts(), report.problems, report.duplicates


def one_by_one(monkeypatch, rows):
    """Return the dry run's outcome with every chunk loaded row by row."""

    def refuse(*args, **kwargs):
        raise Repeated("load in turn")

    with monkeypatch.context() as patched:
        patched.setattr(batches, "_load_together", refuse)
        return outcome(run(rows, dry_run=True))


@pytest.mark.usefixtures("small_chunks")
def test_rows_across_chunks_all_load_with_their_history():
    report = run(ROWS)

    assert report.ok, report.problems
    assert report.counts()["case"] == {"created": 5, "updated": 0, "unchanged": 0}
    assert Case.objects.count() == 5
    assert Case.history.filter(history_type="+").count() == 5
    assert Person.history.filter(history_type="+").count() == Person.objects.count()
    assert PersonName.history.count() == PersonName.objects.count() == 7
    assert run(ROWS).counts()["case"]["unchanged"] == 5


@pytest.mark.usefixtures("small_chunks")
def test_bad_rows_in_several_chunks_are_all_reported_and_nothing_written():
    rows = [list(row) for row in ROWS]
    rows[1][2] = "vanished"  # a cell: first chunk
    rows[3][5] = ""  # a relative without relationship, for the loader: second
    before = count_every_table()

    report = run(rows)

    assert [(p.row, p.column) for p in report.problems] == [
        (3, "fate"),
        (5, "relative.relationship"),
    ]
    assert count_every_table() == before


@pytest.mark.parametrize("chunk_size", [2, 500])
def test_a_reference_repeated_in_the_file_loads_as_row_by_row(monkeypatch, chunk_size):
    monkeypatch.setattr(batches, "CHUNK_SIZE", chunk_size)
    rows = [ROWS[0], ROWS[1], [*ROWS[0][:2], "released", *ROWS[0][3:]]]

    assert outcome(run(rows, dry_run=True)) == one_by_one(monkeypatch, rows)
    report = run(rows)

    assert report.counts()["case"] == {"created": 2, "updated": 1, "unchanged": 0}
    assert Case.objects.get(reference="CT-2019-0201").fate == "released"


def test_a_name_form_the_database_refuses_is_named_on_its_row(monkeypatch):
    rows = [ROWS[1], ["CT-2019-0209", "Aigul | AIGUL", "camp", "2018", "", ""]]
    before = count_every_table()

    report = run(rows)

    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (3, "subject.names", "This person has this name form already.")
    ]
    assert outcome(report)[1:] == one_by_one(monkeypatch, rows)[1:]
    assert count_every_table() == before


def test_a_row_refused_by_the_loader_leaves_the_records_it_read_as_stored(
    monkeypatch,
):
    CaseFactory(reference="CT-2019-0201", fate="missing")
    bad = ["CT-2019-0201", "Aigul Serikkyzy", "camp", "2018", "Tursun", ""]
    good = ["CT-2019-0201", "Aigul Serikkyzy", "prison", "2017", "", ""]

    report = run([bad, good], dry_run=True)

    assert outcome(report) == one_by_one(monkeypatch, [bad, good])
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "relative.relationship")
    ]


def test_updates_and_duplicate_flags_match_loading_row_by_row(monkeypatch):
    person_named("Aigul Serikkyzy")
    CaseFactory(reference="CT-2019-0204", fate="missing")

    assert outcome(run(ROWS, dry_run=True)) == one_by_one(monkeypatch, ROWS)
    report = run(ROWS)

    assert [flag.row for flag in report.duplicates] == [2]
    updated = report.counts()["case"]["updated"]
    assert Case.history.filter(history_type="~").count() == updated == 1


@pytest.mark.usefixtures("small_chunks")
def test_name_forms_written_in_bulk_get_their_lookup_keys():
    run(ROWS)

    stored = set(PersonNameKey.objects.values_list("name_id", "person_id", "key"))
    expected = {
        (key.name_id, key.person_id, key.key)
        for key in keys_for(PersonName.objects.all())
    }
    assert stored == expected and expected
