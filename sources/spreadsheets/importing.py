"""Import cases from a spreadsheet: every row checked, all or nothing.

Each row becomes a bundle of one case (rows.py) loaded by the bundle loader,
so a row obeys the rules a bundle does: the model's validation, the user's
right to write each field, matching on keys. Each row loads in a savepoint, so
that every bad row is reported, not only the first; any bad row, or a dry run,
rolls everything back.
"""

import hashlib
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from api.visibility import hidden_in_bundle
from cases.models import Person
from casetracker.celery import enqueue_on_commit
from casetracker.storable import unstorable
from sources.bundles import BundleError, load_bundle
from sources.models import SpreadsheetImport

from .cells import Lookups
from .columns import NAME_COLUMNS, SENSITIVE_COLUMNS, check_header
from .duplicates import NewSubject, flag_duplicates
from .reading import SpreadsheetError, read_sheet
from .report import ImportReport
from .rows import RowBundle, RowProblem, RowReader

__all__ = ["ImportReport", "import_spreadsheet"]

IDENTITY = re.compile(r" \([^)]*\)")
# Where a bundle key of a row's bundle came from, longest first.
BUNDLE_COLUMNS = (
    ("persons[0].names", "subject.names"),
    ("persons[0].id", "subject.uid"),
    ("persons[0].", "subject."),
    ("persons[1].names", "relative.names"),
    ("persons[1]", "relative.names"),
    ("facilities[0]", "facility"),
    ("cases[0].relatives[0].person", "relative.names"),
    ("cases[0].relatives[0].", "relative."),
    ("cases[0].detentions[0].facility", "facility"),
    ("cases[0].detentions[0].", "detention."),
    ("cases[0].subject", "subject.uid"),
    ("cases[0].", ""),
)


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
        persons = _load_rows(report, RowReader(sheet.header, Lookups()), sheet, user)
        if report.problems or dry_run:
            transaction.set_rollback(True)
            return report
        _record(report, user)
        if report.summary.created.total() or report.summary.updated.total():
            enqueue_follow_ups(persons)
    report.written = True
    return report


def _load_rows(
    report: ImportReport, reader: RowReader, sheet: Any, user: Any
) -> list[int]:
    """Load every row; add counts, problems and duplicate flags to the report.

    Return the ids of the persons the rows name.
    """
    new_subjects: list[NewSubject] = []
    uids = []
    for number, cells in sheet.rows:
        report.rows += 1
        row = reader.read(number, cells)
        values = dict(zip(sheet.header, cells, strict=False))
        problems = row.problems or _refused(row, user, values)
        if not problems:
            problems = _load(report, row, user, values, sheet.header)
        report.problems += problems
        uids += [person["id"] for person in row.bundle["persons"]]
        if row.new_subject and not problems:
            new_subjects.append(NewSubject(row.number, row.subject, row.names))
    if report.problems:
        return []
    ids = list(Person.objects.filter(uid__in=uids).values_list("pk", flat=True))
    report.duplicates = flag_duplicates(new_subjects, user=user)
    return ids


def _refused(row: RowBundle, user: Any, values: dict) -> list[RowProblem]:
    """Refuse a row naming a record hidden from the user, as the API does."""
    refused = unstorable(row.bundle)
    if refused is not None:
        message = _("The row holds %(what)s, which cannot be stored.")
        return [RowProblem(row.number, "", message % {"what": refused})]
    if user is None or not hidden_in_bundle(row.bundle, user=user):
        return []
    # One answer, whichever record is hidden: as a reference already taken,
    # which tells nothing of the hidden case.
    column = "reference" if "reference" in values else ""
    return [RowProblem(row.number, column, _("Another record already has this key."))]


def _load(
    report: ImportReport, row: RowBundle, user: Any, values: dict, header: list[str]
) -> list[RowProblem]:
    try:
        report.summary += load_bundle(data=row.bundle, user=user)
    except BundleError as error:
        return [
            _problem(row.number, part, values, header)
            for part in str(error).split("; ")
        ]
    return []


def _problem(number: int, text: str, values: dict, header: list[str]) -> RowProblem:
    """Turn a loader's message into the row's problem, naming the column."""
    # As "cases[0] (CT-2021-0001).relatives[0].relationship: required".
    where, _colon, message = text.partition(": ")
    if not message:
        return RowProblem(number, "", text)
    column = _column(where, header)
    if column in SENSITIVE_COLUMNS and values.get(column):
        message = message.replace(str(values[column]), "•••")
    return RowProblem(number, column, message)


def _column(where: str, header: list[str]) -> str:
    path = IDENTITY.sub("", where)
    for start, column in BUNDLE_COLUMNS:
        if path.startswith(start):
            found = (
                column + path.removeprefix(start) if column.endswith(".") else column
            )
            found = found or path.removeprefix(start)
            if found == "subject.names" and found not in header:
                return next((c for c in NAME_COLUMNS if c in header), found)
            return found.split(".names[")[0] if ".names[" in found else found
    return ""


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
