"""Copy rows of values into the plain fields of bundle records.

A bundle of 100,000 cases holds about a million records, and a function call
per value took a fifth of its export's time. Each shape is prepared once: its
keys in order, the columns to read, and the few values to convert (dates,
decimals); the plain values of a row are then copied in one step.
"""

import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from cases.dates import format_date
from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
    StateClaim,
    Step,
    Submission,
)
from sources.models import Citation, SourceArticle

from . import fields as shapes
from .fields import DATE, DAY, NUMBER, Shape

__all__ = [
    "ARTICLE",
    "CASE",
    "CITATION",
    "COLUMNS",
    "DETENTION",
    "FACILITY",
    "FACILITY_NAME",
    "PERSON",
    "PERSON_NAME",
    "RELATIVE",
    "STATE_CLAIM",
    "STEP",
    "SUBMISSION",
    "Fields",
    "Row",
    "grouped",
    "rows_of",
]

# One record as rows_of() gives it: a named tuple of its columns, by attname.
Row = Any


@dataclass(frozen=True)
class Fields:
    """How to copy the plain fields of a shape from a row of values."""

    keys: tuple[str, ...]
    # The model fields a row must hold: each field, then each date's precision.
    columns: tuple[str, ...]
    read: Callable[[Row], tuple[Any, ...]]
    # Key, precision attname (dates only) and type of each value to convert.
    conversions: tuple[tuple[str, str, str], ...]

    @classmethod
    def of(cls, shape: Shape) -> "Fields":
        """Prepare the copying of a shape's fields."""
        attnames = tuple(field.attname for field in shape.fields)
        dates = tuple(f.attname for f in shape.fields if f.type == DATE)
        return cls(
            keys=tuple(field.key for field in shape.fields),
            columns=attnames + tuple(f"{attname}_precision" for attname in dates),
            read=_reader(attnames),
            conversions=tuple(
                (field.key, f"{field.attname}_precision", field.type)
                for field in shape.fields
                if field.type in (DATE, DAY, NUMBER)
            ),
        )

    def copy(self, row: Row, record: dict[str, Any]) -> dict[str, Any]:
        """Add the row's values to the record under the shape's keys, in order."""
        record.update(zip(self.keys, self.read(row), strict=True))
        for key, precision, kind in self.conversions:
            value = record[key]
            if value is None:
                continue
            if kind == DATE:
                record[key] = format_date(value, getattr(row, precision))
            elif kind == DAY:
                record[key] = value.isoformat()
            else:
                # Six decimal places and nine digits survive the float exactly.
                record[key] = float(value)
        return record

    def record(self, row: Row) -> dict[str, Any]:
        """Return the row's values under the shape's keys, in order."""
        return self.copy(row, {})


def _reader(attnames: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    # attrgetter of a single name returns the value, not a tuple of one.
    if len(attnames) == 1:
        (attname,) = attnames
        return lambda row: (getattr(row, attname),)
    return operator.attrgetter(*attnames)


PERSON = Fields.of(shapes.PERSON)
PERSON_NAME = Fields.of(shapes.PERSON_NAME)
FACILITY = Fields.of(shapes.FACILITY)
FACILITY_NAME = Fields.of(shapes.FACILITY_NAME)
ARTICLE = Fields.of(shapes.ARTICLE)
CASE = Fields.of(shapes.CASE)
RELATIVE = Fields.of(shapes.RELATIVE)
DETENTION = Fields.of(shapes.DETENTION)
STEP = Fields.of(shapes.STEP)
SUBMISSION = Fields.of(shapes.SUBMISSION)
STATE_CLAIM = Fields.of(shapes.STATE_CLAIM)
CITATION = Fields.of(shapes.CITATION)

# The columns read of each kind of record: its ids and links, then its fields.
# Cases and their parts read the public ids they link to by joins ("__uid").
COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Person: ("id", "uid", *PERSON.columns),
    PersonName: ("person_id", *PERSON_NAME.columns),
    Facility: ("id", "uid", *FACILITY.columns),
    FacilityName: ("facility_id", *FACILITY_NAME.columns),
    SourceArticle: ("id", "uid", *ARTICLE.columns),
    Case: (
        "id",
        "reference",
        "subject_id",
        "subject__uid",
        "submitting_relative_id",
        *CASE.columns,
    ),
    Relative: ("id", "case_id", "person_id", "person__uid", *RELATIVE.columns),
    Detention: (
        "id",
        "uid",
        "case_id",
        "facility_id",
        "facility__uid",
        *DETENTION.columns,
    ),
    Step: ("id", "uid", "case_id", "relative_id", *STEP.columns),
    Submission: ("id", "uid", "case_id", *SUBMISSION.columns),
    StateClaim: ("id", "uid", "case_id", "submission_id", *STATE_CLAIM.columns),
    Citation: (
        "case_id",
        "article_id",
        "article__uid",
        "detention_id",
        "step_id",
        "state_claim_id",
        *CITATION.columns,
    ),
}


def rows_of(records: QuerySet[Any]) -> QuerySet[Any]:
    """Return the rows, in the order entered, that a bundle's records are made of.

    Named tuples, not the dicts of values(), which took longer to build than
    the records made of them.
    """
    return records.order_by("pk").values_list(*COLUMNS[records.model], named=True)


def grouped(records: QuerySet[Any], key: str) -> dict[int, list[Row]]:
    """Return the rows of the records, in the order entered, grouped by a key."""
    groups: dict[int, list[Row]] = defaultdict(list)
    for row in rows_of(records):
        groups[getattr(row, key)].append(row)
    return groups
