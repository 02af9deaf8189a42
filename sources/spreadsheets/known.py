"""What the database holds of the rows about to be read, fetched a chunk at a time.

A row's subject and case depend on what is recorded: its reference's case, the
person its uid names, the case of that person. Asking once per chunk of rows,
rather than once per row, keeps the reading of a large sheet to a few queries.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cases.models import Case, Person

from . import cells
from .cells import CellError
from .reading import Cell

__all__ = ["ROW_IDS", "Known", "known_of", "row_subject_uid", "row_uid"]

# The namespace of the ids a spreadsheet's rows derive (uuid5).
ROW_IDS = uuid.UUID("3f0c2a51-6d8e-4b7f-9a41-0c5e2b7d9f16")
DATES = ("disappeared", "last_contact", "missing_until")

CaseFound = tuple[str, uuid.UUID]  # a recorded case's reference, subject's uid


@dataclass
class Known:
    """The recorded cases and persons some rows name."""

    cases: dict[str, CaseFound] = field(default_factory=dict)  # by reference
    persons: set[uuid.UUID] = field(default_factory=set)
    subject_cases: dict[uuid.UUID, str] = field(default_factory=dict)


def known_of(rows: Sequence[dict[str, Cell]]) -> Known:
    """Return what is recorded of these rows' cases and subjects: three queries."""
    references = {
        ref for values in rows if (ref := cells.text(values.get("reference")))
    }
    found = Case.objects.filter(reference__in=references).values_list(
        "reference", "subject__uid"
    )
    known = Known(cases={reference: (reference, uid) for reference, uid in found})
    uids = {row_subject_uid(values, known) for values in rows}
    known.persons = set(
        Person.objects.filter(uid__in=uids).values_list("uid", flat=True)
    )
    # In the cases' own order, as .first() of the subject's cases would read.
    by_subject = Case.objects.filter(subject__uid__in=uids).values_list(
        "subject__uid", "reference"
    )
    for uid, reference in by_subject:
        known.subject_cases.setdefault(uid, reference)
    return known


def row_subject_uid(values: dict[str, Cell], known: Known) -> uuid.UUID:
    """Return the uid of a row's subject, as the reader derives it."""
    reference = cells.text(values.get("reference"))
    cell = values.get("subject.uid")
    try:
        given = row_uid(cell) if cells.text(cell) else None
    except CellError:
        given = None
    names = cells.names(values.get("subject.names"))
    display = cells.text(values.get("subject.display_name"))
    return subject_uid(values, given, known.cases.get(reference), names or [display])


def subject_uid(
    values: dict[str, Cell],
    given: uuid.UUID | None,
    case_found: CaseFound | None,
    names: list[str],
) -> uuid.UUID:
    """Return the subject's uid: given, its case's, or derived from the row."""
    reference = cells.text(values.get("reference"))
    if given:
        return given
    if case_found:
        return case_found[1]
    if reference:
        return uuid.uuid5(ROW_IDS, f"case {reference}")
    return uuid.uuid5(ROW_IDS, _row_key(values, names))


def row_uid(value: Cell) -> uuid.UUID:
    """Read a uid cell."""
    try:
        return uuid.UUID(cells.text(value))
    except ValueError:
        raise CellError(
            _("Not a UUID: leave the cell empty for a new person.")
        ) from None


def _row_key(values: dict[str, Cell], names: list[str]) -> str:
    """Return what identifies a row without a reference: its names and facts."""
    parts = [" | ".join(names).casefold()]
    parts += [cells.text(values.get(column)) for column in DATES]
    parts.append(cells.text(values.get("place_last_seen")).casefold())
    return "row " + " / ".join(parts)
