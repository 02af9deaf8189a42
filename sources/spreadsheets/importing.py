"""Import cases from a spreadsheet: every row checked, all or nothing.

Each row becomes a bundle of one case (rows.py) loaded by the bundle loader,
so a row obeys the rules a bundle does: the model's validation, the user's
right to write each field, matching on keys. Rows load a chunk at a time
(batches.py), a bad row writing nothing of its own, so that every bad row is
reported, not only the first; any bad row, or a dry run, rolls everything back.
"""

import hashlib
from typing import Any

from django.db import transaction

from cases.models import Person
from casetracker.celery import enqueue_on_commit
from sources.models import SpreadsheetImport

from .batches import load_rows
from .cells import Lookups
from .columns import check_header
from .duplicates import flag_duplicates
from .reading import Sheet, SpreadsheetError, read_sheet
from .report import ImportReport
from .rows import RowProblem, RowReader

__all__ = ["ImportReport", "import_spreadsheet"]


def import_spreadsheet(
    *, data: bytes, filename: str, user: Any, dry_run: bool
) -> ImportReport:
    """Import the cases of a CSV or XLSX file; return what was (or would be) done.

    A dry run runs the same import and rolls it back: the same report, nothing
    written, nothing queued. A real run writes every row or none, records the
    import with the file's SHA-256, and queues the duplicate search and the
    name sweep once committed. `user` is None for the operator (every right).
    """
    report = ImportReport(
        filename=filename, sha256=hashlib.sha256(data).hexdigest(), dry_run=dry_run
    )
    try:
        sheet = read_sheet(data=data, filename=filename)
    except SpreadsheetError as error:
        report.problems.append(RowProblem(0, "", str(error)))
        return report
    problems = check_header(sheet.header, user=user)
    if problems:
        report.problems = [RowProblem(1, p.column, p.message) for p in problems]
        return report
    with transaction.atomic():
        persons = _load_rows(report, data, sheet, user)
        if report.problems or dry_run:
            transaction.set_rollback(True)
            return report
        _record(report, user)
        if report.summary.created.total() or report.summary.updated.total():
            enqueue_follow_ups(persons)
    report.written = True
    return report


def _load_rows(report: ImportReport, data: bytes, sheet: Sheet, user: Any) -> list[int]:
    """Load every row; add counts, problems and duplicate flags to the report.

    Return the ids of the persons the rows name.
    """
    lookups = Lookups()
    # Flagged first, on a second reading of the file: the candidates are the
    # persons recorded before the import.
    again = read_sheet(data=data, filename=report.filename)
    flags = flag_duplicates(again, lookups, user=user)
    loaded = load_rows(sheet, RowReader(sheet.header, lookups), user)
    report.rows += loaded.rows
    report.summary += loaded.summary
    report.problems += loaded.problems
    if report.problems:
        return []
    new = set(loaded.new_subjects)
    report.duplicates = [flag for flag in flags if flag.row in new]
    persons = Person.objects.filter(uid__in=loaded.uids)
    return list(persons.values_list("pk", flat=True))


def _record(report: ImportReport, user: Any) -> None:
    counts = report.counts()
    record = SpreadsheetImport.objects.create(
        sha256=report.sha256,
        filename=report.filename[:255],
        created_by=user,
        rows=report.rows,
        cases_created=counts["case"]["created"],
        cases_updated=counts["case"]["updated"],
        persons_created=counts["person"]["created"],
        persons_updated=counts["person"]["updated"],
    )
    report.import_id = record.pk


def enqueue_follow_ups(person_ids: list[int]) -> None:
    """Once committed, look for the persons' duplicates and sweep the articles
    for their names, as the beat tasks would a little later."""
    from cases.tasks import find_duplicate_persons
    from sources.tasks import sweep_new_names

    if person_ids:
        enqueue_on_commit(find_duplicate_persons, person_ids)
        enqueue_on_commit(sweep_new_names)
