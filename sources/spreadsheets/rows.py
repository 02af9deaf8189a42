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
from django.utils.translation import gettext as _

from cases.models import Case, Facility, Person
from sources.bundles import FORMAT, VERSION

from . import cells
from .cells import CellError, Lookups
from .columns import CASE_COLUMNS
from .reading import Cell

__all__ = ["RowBundle", "RowProblem", "RowReader"]

# The namespace of the ids a spreadsheet's rows derive (uuid5).
ROW_IDS = uuid.UUID("3f0c2a51-6d8e-4b7f-9a41-0c5e2b7d9f16")
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
        self.case_found = (
            Case.objects.filter(reference=reference)
            .values_list("reference", "subject__uid")
            .first()
            if reference
            else None
        )
        given = cell("subject.uid", _uid)
        names = cell("subject.names", cells.names) or []
        display = cell("subject.display_name")
        if given:
            uid = given
        elif self.case_found:
            uid = self.case_found[1]
        elif reference:
            uid = uuid.uuid5(ROW_IDS, f"case {reference}")
        else:
            uid = uuid.uuid5(ROW_IDS, _row_key(values, names or [display or ""]))
        self.known_subject = Person.objects.filter(uid=uid).exists()
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
        existing = Case.objects.filter(subject__uid=subject).values_list(
            "reference", flat=True
        )
        if found := existing.first():
            return found
        prefix = f"CT-{self.year}-"
        if self.next_number is None:
            latest = Case.objects.next_reference(self.year)
            self.next_number = int(latest.removeprefix(prefix))
        while Case.objects.filter(reference=(ref := self.take(prefix))).exists():
            pass
        return ref

    def take(self, prefix: str) -> str:
        number = self.next_number or 1
        self.next_number = number + 1
        return f"{prefix}{number:04d}"

    @staticmethod
    def put(record: dict[str, Any], key: str, value: Any) -> None:
        """Set a key only for a cell that holds something: an empty cell leaves
        the stored value alone."""
        if value is not None and value != "":
            record[key] = value


def _uid(value: Cell) -> uuid.UUID:
    try:
        return uuid.UUID(cells.text(value))
    except ValueError:
        raise CellError(
            _("Not a UUID: leave the cell empty for a new person.")
        ) from None


def _country(value: Cell) -> str:
    return cells.text(value).upper()


def _row_key(values: dict[str, Cell], names: list[str]) -> str:
    """Return what identifies a row without a reference: its names and facts."""
    parts = [" | ".join(names).casefold()]
    parts += [cells.text(values.get(column)) for column in DATES]
    parts.append(cells.text(values.get("place_last_seen")).casefold())
    return "row " + " / ".join(parts)
