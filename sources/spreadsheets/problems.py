"""Turn what the bundle loader refuses into problems of a row, by column.

A row's bundle names its records by bundle key ("cases[0].relatives[0]...");
the person who made the sheet knows columns. Sensitive values are masked.
"""

import re

from sources.bundles import BundleError

from .columns import NAME_COLUMNS, SENSITIVE_COLUMNS
from .reading import Cell
from .rows import RowProblem

__all__ = ["row_problems"]

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


def row_problems(
    number: int, error: BundleError, values: dict[str, Cell], header: list[str]
) -> list[RowProblem]:
    """Return each part of the loader's message as a problem of the row."""
    return [_problem(number, part, values, header) for part in str(error).split("; ")]


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
