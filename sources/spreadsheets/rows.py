"""Turn one row of a spreadsheet into a case bundle of one case.

A row names its case by reference, or is given one; its subject, relative and
detention get ids derived from the case (uuid5), so that importing the same
row again finds the records it made and changes nothing.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from cases.models import Case, Facility
from sources.bundles import FORMAT, VERSION

from . import cells
from .cells import CellError, Lookups
from .columns import CASE_COLUMNS
from .known import ROW_IDS, Known, row_uid, subject_uid
from .reading import Cell

__all__ = ["RowBundle", "RowProblem", "RowReader"]

DATES = ("disappeared", "last_contact", "missing_until")
SUBJECT_TEXTS = ("description", "origin_prefecture", "origin_county", "occupation")


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell (or a whole row: column "")."""

    row: int
    column: str
    message: str


@dataclass
class RowBundle:
    """A row as a bundle, with what the report needs to know of it."""

    number: int
    bundle: dict[str, Any]
    subject: uuid.UUID
    names: list[str]
    new_subject: bool
    problems: list[RowProblem] = field(default_factory=list)


class RowReader:
    """Read rows into bundles, with the lookups and references of one import."""

    def __init__(self, header: list[str], lookups: Lookups) -> None:
        self.header = header
        self.lookups = lookups
        self.year = timezone.now().year
        self.next_number: int | None = None
        # Cases recorded when the reader first numbered one, and the references
        # of the rows read since: a new reference is neither.
        self.taken: set[str] = set()
        self.references: set[str] = set()
        self.known = Known()  # of the rows about to be read: set it first
        # Of the row being read: its case if recorded (reference, subject's
        # uid), and whether its subject is recorded.
        self.case_found: tuple[str, uuid.UUID] | None = None
        self.known_subject = False

    def read(self, number: int, row: list[Cell]) -> RowBundle:
        values = dict(zip(self.header, row, strict=False))
        problems: list[RowProblem] = []

        def cell(column: str, read: Callable[[Cell], Any] = cells.text) -> Any:
            value = values.get(column)
            if cells.text(value) == "":
                return None
            try:
                return read(value)
            except CellError as error:
                problems.append(RowProblem(number, column, str(error)))
                return None

        subject = self.subject(values, cell)
        relative = self.relative(cell, subject["id"])
        facility = cell("facility", self.lookups.facility)
        case = self.case(cell, subject)
        self.references.add(case["reference"])
        case["relatives"] = [relative[0]] if relative else []
        case["detentions"] = self.detentions(cell, case["reference"], facility)
        bundle = {
            "format": FORMAT,
            "version": VERSION,
            "persons": [subject, *([relative[1]] if relative else [])],
            "facilities": (
                [{"id": str(facility.uid), "name": facility.name}] if facility else []
            ),
            "cases": [case],
        }
        return RowBundle(
            number=number,
            bundle=bundle,
            subject=uuid.UUID(subject["id"]),
            names=[name["text"] for name in subject.get("names", [])],
            new_subject=not self.known_subject,
            problems=problems,
        )

    def subject(self, values: dict[str, Cell], cell: Callable[..., Any]) -> dict:
        """Return the subject's record; note the row's case_found and known_subject."""
        reference = cell("reference")
        self.case_found = self.known.cases.get(reference) if reference else None
        given = cell("subject.uid", row_uid)
        names = cell("subject.names", cells.names) or []
        display = cell("subject.display_name")
        uid = subject_uid(values, given, self.case_found, names or [display or ""])
        self.known_subject = uid in self.known.persons
        if display and not names and not self.known_subject:
            names = [display]  # as the export writes the subject: one form
        record: dict[str, Any] = {"id": str(uid)}
        if names:
            record["names"] = [{"text": name} for name in names]
        for key in SUBJECT_TEXTS:
            self.put(record, key, cell(f"subject.{key}"))
        self.put(record, "gender", cell("subject.gender", self.vocabulary("gender")))
        self.put(
            record, "ethnicity", cell("subject.ethnicity", self.vocabulary("ethnicity"))
        )
        self.put(record, "birth_date", cell("subject.birth_date", cells.date))
        self.put(record, "citizenship", cell("subject.citizenship", _country))
        return record

    def case(self, cell: Callable[..., Any], subject: dict) -> dict:
        reference = cell("reference") or self.reference_of(subject["id"])
        record: dict[str, Any] = {"reference": reference, "subject": subject["id"]}
        for column in CASE_COLUMNS[1:]:
            if column in DATES:
                self.put(record, column, cell(column, cells.date))
            elif column in cells.VOCABULARIES:
                self.put(record, column, cell(column, self.vocabulary(column)))
            else:
                self.put(record, column, cell(column))
        return record

    def relative(
        self, cell: Callable[..., Any], subject: str
    ) -> tuple[dict, dict] | None:
        names = cell("relative.names", cells.names)
        relationship = cell("relative.relationship", self.vocabulary("relationship"))
        if not names and not relationship:
            return None
        key = " | ".join(names or []).casefold()
        uid = str(uuid.uuid5(ROW_IDS, f"relative {subject} {key}"))
        person = {"id": uid, "names": [{"text": name} for name in names or []]}
        record: dict[str, Any] = {"person": uid, "relationship": relationship}
        self.put(record, "contact_details", cell("relative.contact_details"))
        self.put(record, "country_of_residence", cell("relative.country_of_residence"))
        self.put(record, "reported_case", cell("relative.reported_case", cells.flag))
        return record, person

    def detentions(
        self, cell: Callable[..., Any], reference: str, facility: Facility | None
    ) -> list[dict]:
        record: dict[str, Any] = {}
        self.put(record, "kind", cell("detention.kind", self.vocabulary("kind")))
        self.put(record, "started", cell("detention.started", cells.date))
        self.put(record, "ended", cell("detention.ended", cells.date))
        if facility is not None:
            record["facility"] = str(facility.uid)
        if not record:
            return []
        record["id"] = str(uuid.uuid5(ROW_IDS, f"detention {reference}"))
        return [record]

    def vocabulary(self, name: str) -> Callable[[Cell], str]:
        column = {
            "gender": "subject.gender",
            "ethnicity": "subject.ethnicity",
            "relationship": "relative.relationship",
            "kind": "detention.kind",
        }.get(name, name)
        return lambda value: self.lookups.vocabulary(column, value)

    def reference_of(self, subject: str) -> str:
        """Return the reference of the subject's case, or the next free one."""
        if self.case_found:
            return str(self.case_found[0])
        if found := self.known.subject_cases.get(uuid.UUID(subject)):
            return found
        prefix = f"CT-{self.year}-"
        if self.next_number is None:
            self.taken = set(
                Case.objects.filter(reference__startswith=prefix).values_list(
                    "reference", flat=True
                )
            )
            latest = Case.objects.next_reference(self.year)
            self.next_number = int(latest.removeprefix(prefix))
        ref = self.take(prefix)
        while ref in self.taken or ref in self.references:
            ref = self.take(prefix)
        return ref

    def take(self, prefix: str) -> str:
        number = self.next_number or 1
        self.next_number = number + 1
        return f"{prefix}{number:04d}"

    def checkpoint(self) -> tuple[int | None, set[str]]:
        """Return the reader's numbering, to read the same rows again."""
        return self.next_number, set(self.references)

    def rewind(self, checkpoint: tuple[int | None, set[str]]) -> None:
        self.next_number, self.references = checkpoint[0], set(checkpoint[1])

    @staticmethod
    def put(record: dict[str, Any], key: str, value: Any) -> None:
        """Set a key only for a cell that holds something: an empty cell leaves
        the stored value alone."""
        if value is not None and value != "":
            record[key] = value


def _country(value: Cell) -> str:
    return cells.text(value).upper()
