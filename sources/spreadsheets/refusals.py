"""Refuse rows the API would refuse: unstorable text, records hidden from the user."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from api.visibility import hidden_in_bundle
from casetracker.storable import unstorable

from .reading import Cell
from .rows import RowBundle, RowProblem

__all__ = ["refused", "refused_rows"]


def refused(row: RowBundle, user: Any, values: dict[str, Cell]) -> list[RowProblem]:
    """Refuse a row naming a record hidden from the user, as the API does."""
    return refused_rows([row], user, [values]).get(row.number, [])


def refused_rows(
    rows: Sequence[RowBundle], user: Any, values: Sequence[dict[str, Cell]]
) -> dict[int, list[RowProblem]]:
    """Return the problems of the refused rows, by row number.

    Rows are checked together: one look for hidden records, not one a row.
    """
    problems: dict[int, list[RowProblem]] = {}
    storable = []
    for row, cells in zip(rows, values, strict=True):
        what = unstorable(row.bundle)
        if what is not None:
            message = _("The row holds %(what)s, which cannot be stored.")
            problems[row.number] = [
                RowProblem(row.number, "", message % {"what": what})
            ]
        else:
            storable.append((row, cells))
    if user is None or not storable:
        return problems
    for row, cells in _hidden(storable, user):
        # One answer, whichever record is hidden: as a reference already
        # taken, which tells nothing of the hidden case.
        column = "reference" if "reference" in cells else ""
        message = _("Another record already has this key.")
        problems[row.number] = [RowProblem(row.number, column, message)]
    return problems


def _hidden(
    rows: list[tuple[RowBundle, dict[str, Cell]]], user: Any
) -> list[tuple[RowBundle, dict[str, Cell]]]:
    """Return the rows whose bundle names a record hidden from the user."""
    cases, persons, owners = [], [], []
    for index, (row, _cells) in enumerate(rows):
        cases += row.bundle["cases"]
        persons += row.bundle["persons"]
        owners += [index] * len(row.bundle["persons"])
    found = hidden_in_bundle({"cases": cases, "persons": persons}, user=user)
    hidden = set()
    for where, _record in found:
        # As "cases[12].reference" or "persons[3].id": each row has one case.
        kind, _bracket, rest = where.partition("[")
        index = int(rest.split("]", 1)[0])
        hidden.add(owners[index] if kind == "persons" else index)
    return [row for index, row in enumerate(rows) if index in hidden]
