"""Load a sheet's rows a chunk at a time: read, check and write each chunk in bulk.

A chunk's rows are read with what the database holds of them (known.py), each
row's bundle is checked by the bundle loader's own rules with the records the
chunk names fetched at once, and the chunk's records are written together
(sources.bundles.batched). A row that breaks a rule gets its problems and
writes nothing, as in a savepoint of its own.

When the database refuses the chunk's records, or two rows of the chunk touch
the same record, the chunk is loaded again a row at a time, each row in a
savepoint as load_bundle loads it: the same outcome, and the problems named
by row, as if every row had been loaded so.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from sources.bundles import BundleError, LoadSummary, load_bundle
from sources.bundles.batched import (
    BatchLoader,
    Claims,
    Pending,
    Repeated,
    StoredRecords,
)

from .known import known_of
from .problems import row_problems
from .reading import Cell, Sheet, chunks
from .refusals import refused, refused_rows
from .rows import RowBundle, RowProblem, RowReader

__all__ = ["CHUNK_SIZE", "Loaded", "load_rows"]

CHUNK_SIZE = 500

Row = tuple[int, list[Cell]]


@dataclass
class Loaded:
    """What some rows did: counts, problems, the persons named and created."""

    rows: int = 0
    summary: LoadSummary = field(default_factory=LoadSummary)
    problems: list[RowProblem] = field(default_factory=list)
    uids: list[uuid.UUID] = field(default_factory=list)
    new_subjects: list[int] = field(default_factory=list)  # their rows

    def add(self, row: RowBundle, problems: list[RowProblem]) -> None:
        """Count a row read and its problems (none: loaded)."""
        self.rows += 1
        self.problems += problems
        self.uids += [uuid.UUID(person["id"]) for person in row.bundle["persons"]]
        if row.new_subject and not problems:
            self.new_subjects.append(row.number)

    def extend(self, other: "Loaded") -> None:
        self.rows += other.rows
        self.summary += other.summary
        self.problems += other.problems
        self.uids += other.uids
        self.new_subjects += other.new_subjects


def load_rows(sheet: Sheet, reader: RowReader, user: Any) -> Loaded:
    """Load every row of the sheet, a chunk at a time; return what they did."""
    loaded = Loaded()
    for chunk in chunks(sheet.rows, CHUNK_SIZE):
        loaded.extend(_load_chunk(chunk, reader, sheet.header, user))
    return loaded


def _load_chunk(
    chunk: list[Row], reader: RowReader, header: list[str], user: Any
) -> Loaded:
    checkpoint = reader.checkpoint()
    try:
        with transaction.atomic():
            return _load_together(chunk, reader, header, user)
    except (IntegrityError, Repeated):
        reader.rewind(checkpoint)
        return _load_in_turn(chunk, reader, header, user)


def _load_together(
    chunk: list[Row], reader: RowReader, header: list[str], user: Any
) -> Loaded:
    """Load the chunk's rows, writing their records at the end."""
    values = [dict(zip(header, cells, strict=False)) for _number, cells in chunk]
    reader.known = known_of(values)
    rows = [reader.read(number, cells) for number, cells in chunk]
    read = [i for i, row in enumerate(rows) if not row.problems]
    refusals = refused_rows([rows[i] for i in read], user, [values[i] for i in read])
    stored = StoredRecords([rows[i].bundle for i in read])
    claims, pending, loaded = Claims(), Pending(), Loaded()
    for row, cells in zip(rows, values, strict=True):
        problems = row.problems or refusals.get(row.number, [])
        if not problems:
            loader = BatchLoader(user, stored)
            try:
                loaded.summary += loader.load(row.bundle)
            except BundleError as error:
                # A refusal that may hang on what an earlier row does is
                # only sure when the rows load in turn.
                claims.check(loader.read)
                stored.restore(loader.keys.values())
                problems = row_problems(row.number, error, cells, header)
            else:
                claims.add(loader.read)
                pending.add(loader.written)
        loaded.add(row, problems)
    pending.write()
    return loaded


def _load_in_turn(
    chunk: list[Row], reader: RowReader, header: list[str], user: Any
) -> Loaded:
    """Load the chunk's rows one by one, each in a savepoint of its own."""
    loaded = Loaded()
    for number, cells in chunk:
        values = dict(zip(header, cells, strict=False))
        reader.known = known_of([values])
        row = reader.read(number, cells)
        problems = row.problems or refused(row, user, values)
        if not problems:
            try:
                loaded.summary += load_bundle(data=row.bundle, user=user)
            except BundleError as error:
                problems = row_problems(row.number, error, values, header)
        loaded.add(row, problems)
    return loaded
