"""Flag the rows whose new person may already be recorded: never merged, shown.

The same matcher as the admin's warning on a person's names
(cases.duplicates.possible_duplicates_of), run inside the import's
transaction, so a dry run flags what the real run would create.
"""

import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from cases import access
from cases.duplicates import describe_evidence, possible_duplicates_of, score_label
from cases.models import Person

from .report import DuplicateFlag

__all__ = ["NewSubject", "flag_duplicates"]

CHUNK_SIZE = 500


class NewSubject(NamedTuple):
    """A person a row creates: the row, the person's uid and name forms."""

    row: int
    uid: uuid.UUID
    names: list[str]


def flag_duplicates(rows: Sequence[NewSubject], *, user: Any) -> list[DuplicateFlag]:
    """Return, for each row's new subject, the recorded persons it may be.

    Persons this import creates are not offered (they do not exist yet for a
    dry run), nor persons the user may not know exist. Rows are read a chunk
    at a time, so that memory stays flat however many there are.
    """
    created = set(
        Person.objects.filter(uid__in=[row.uid for row in rows]).values_list(
            "pk", flat=True
        )
    )
    flags = []
    for start in range(0, len(rows), CHUNK_SIZE):
        chunk = rows[start : start + CHUNK_SIZE]
        persons = Person.objects.in_bulk([row.uid for row in chunk], field_name="uid")
        for row in chunk:
            person = persons.get(row.uid)
            if person is not None and row.names:
                flags += _flags(row, person, created, user)
    return flags


def _flags(
    row: NewSubject, person: Person, created: set[int], user: Any
) -> list[DuplicateFlag]:
    found = [
        duplicate
        for duplicate in possible_duplicates_of(person, row.names)
        if duplicate.person.pk not in created
    ]
    shown = _visible([duplicate.person.pk for duplicate in found], user)
    return [
        DuplicateFlag(
            row=row.row,
            name=row.names[0],
            candidate_id=duplicate.person.pk,
            candidate=str(duplicate.person),
            score=score_label(duplicate.score),
            evidence=describe_evidence(duplicate.evidence),
        )
        for duplicate in found
        if duplicate.person.pk in shown
    ]


def _visible(ids: list[int], user: Any) -> set[int]:
    if not ids:
        return set()
    persons = Person.objects.filter(pk__in=ids)
    if user is not None:
        persons = access.visible(persons, user=user)
    return set(persons.values_list("pk", flat=True))
