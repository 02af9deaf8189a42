"""Flag the rows whose new person may already be recorded: never merged, shown.

The same matcher as the admin's warning on a person's names
(cases.duplicates.possible_duplicates_of), run inside the import's
transaction before it writes anything: the persons recorded before the import
are the candidates, never one the import itself creates, and a dry run flags
what the real run would. The names of a chunk of rows are looked up together.
"""

import uuid
from typing import Any

from cases import access
from cases.duplicates import PossibleDuplicate, possible_duplicates_of_many
from cases.evidence import describe_evidence, score_label
from cases.models import Person
from sources.bundles import BundleError
from sources.bundles.fields import PERSON
from sources.bundles.records import Record

from .cells import Lookups
from .known import known_of
from .reading import Sheet, chunks
from .report import DuplicateFlag
from .rows import RowBundle, RowReader

__all__ = ["flag_duplicates"]

CHUNK_SIZE = 500


def flag_duplicates(
    sheet: Sheet, lookups: Lookups, *, user: Any
) -> list[DuplicateFlag]:
    """Return, for each row whose subject is new, the recorded persons it may be.

    Call it before the rows are loaded. A subject is new on the first row
    that names it, as loading the rows in turn finds it. Persons the user may
    not know exist are not offered. Rows are read a chunk at a time, so that
    memory stays flat however many there are.
    """
    reader = RowReader(sheet.header, lookups)
    seen: set[uuid.UUID] = set()
    flags = []
    for chunk in chunks(sheet.rows, CHUNK_SIZE):
        values = [dict(zip(sheet.header, cells, strict=False)) for _n, cells in chunk]
        reader.known = known_of(values)
        subjects = []
        for number, cells in chunk:
            row = reader.read(number, cells)
            new = row.new_subject and row.subject not in seen
            if new and row.names and (person := _person(row)) is not None:
                subjects.append((row, person))
            seen.add(row.subject)
        flags += _flags_of(subjects, user)
    return flags


def _person(row: RowBundle) -> Person | None:
    """Return the row's new subject as the import would create it, unsaved."""
    try:
        values = Record(row.bundle["persons"][0], "", PERSON).values(Person)
    except BundleError:
        return None  # a row the import refuses, so flags nothing
    return Person(uid=row.subject, **values)


def _flags_of(
    subjects: list[tuple[RowBundle, Person]], user: Any
) -> list[DuplicateFlag]:
    # No second look one edit away for a name that matches nobody: matched
    # once saved, as the import used to match them, every name finds at
    # least its own person, which never looks again.
    entries = [(person, row.names) for row, person in subjects]
    found = possible_duplicates_of_many(entries, fallback=False)
    shown = _visible([d.person.pk for ds in found for d in ds], user)
    return [
        flag
        for (row, _person), duplicates in zip(subjects, found, strict=True)
        for flag in _flags(row, duplicates, shown)
    ]


def _flags(
    row: RowBundle, found: list[PossibleDuplicate], shown: set[int]
) -> list[DuplicateFlag]:
    return [
        DuplicateFlag(
            row=row.number,
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
