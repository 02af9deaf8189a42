"""Read one cell: text, name forms, a vocabulary value, a date, a facility.

A cell that cannot be read raises CellError with a message for the person who
made the sheet; the message never repeats a sensitive cell's value.
"""

import datetime
import re

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from api.renderers import FORMULA_STARTS
from cases.dates import DATE_FORM
from cases.models import Case, Detention, Facility, FacilityName, Person, Relative

from .reading import Cell

__all__ = ["VOCABULARIES", "CellError", "Lookups"]

NAME_SEPARATOR = "|"
# Day and month in either order: refused, since nobody can tell which it is.
AMBIGUOUS_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
FLAGS = {
    "true": True,
    "yes": True,
    "1": True,
    "false": False,
    "no": False,
    "0": False,
    "": False,
}
# Columns whose cell is a value of a model field's choices.
VOCABULARIES: dict[str, tuple[type[models.Model], str]] = {
    "fate": (Case, "fate"),
    "workflow": (Case, "workflow"),
    "confidentiality": (Case, "confidentiality"),
    "subject.gender": (Person, "gender"),
    "subject.ethnicity": (Person, "ethnicity"),
    "relative.relationship": (Relative, "relationship"),
    "detention.kind": (Detention, "kind"),
}


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def text(value: Cell) -> str:
    """Return a cell as text, without the quote an export put before a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cell = str(value).strip()
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def names(value: Cell) -> list[str]:
    """Return the name forms of a cell, separated by "|"."""
    return [name.strip() for name in text(value).split(NAME_SEPARATOR) if name.strip()]


def flag(value: Cell) -> bool:
    if isinstance(value, bool):
        return value
    cell = text(value).casefold()
    if cell not in FLAGS:
        raise CellError(_("Write true or false."))
    return FLAGS[cell]


def date(value: Cell) -> str:
    """Return a date cell as YYYY, YYYY-MM or YYYY-MM-DD (its precision)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    cell = text(value)
    if DATE_FORM.fullmatch(cell):
        return cell
    ambiguous = AMBIGUOUS_DATE.fullmatch(cell)
    if ambiguous:
        first, second, year = ambiguous.groups()
        raise CellError(
            _(
                "“%(cell)s” may be read day first or month first: write "
                "%(year)s-%(second)s-%(first)s or %(year)s-%(first)s-%(second)s."
            )
            % {
                "cell": cell,
                "year": year,
                "first": first.zfill(2),
                "second": second.zfill(2),
            }
        )
    raise CellError(
        _("“%(cell)s” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
        % {"cell": cell}
    )


class Lookups:
    """What cells name, read once per import: vocabulary labels and facilities."""

    def __init__(self) -> None:
        self.vocabularies = {
            column: _labels(model, field)
            for column, (model, field) in VOCABULARIES.items()
        }
        self.facilities = _facility_names()

    def vocabulary(self, column: str, value: Cell) -> str:
        """Return the code of a value given by its code or its label in any
        of our languages."""
        cell = text(value)
        codes = self.vocabularies[column]
        code = codes.get(cell.casefold())
        if code is None:
            expected = ", ".join(dict.fromkeys(codes.values()))
            raise CellError(
                _("“%(cell)s” is not one of: %(expected)s.")
                % {"cell": cell, "expected": expected}
            )
        return code

    def facility(self, value: Cell) -> Facility:
        cell = text(value)
        facility = self.facilities.get(" ".join(cell.split()).casefold())
        if facility is None:
            raise CellError(
                _("No facility is recorded under the name “%(cell)s”.") % {"cell": cell}
            )
        return facility


def _labels(model: type[models.Model], name: str) -> dict[str, str]:
    field = model._meta.get_field(name)
    choices = list(getattr(field, "choices", None) or [])
    labels = {str(code).casefold(): str(code) for code, _label in choices}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels |= {
                str(label).casefold(): str(code)
                for code, label in choices
                if str(label).casefold() not in labels
            }
    return labels


def _facility_names() -> dict[str, Facility]:
    """Return every facility by each of its names, casefolded."""
    facilities = Facility.objects.in_bulk()
    found = {
        " ".join(facility.name.split()).casefold(): facility
        for facility in facilities.values()
    }
    for text_, facility_id in FacilityName.objects.values_list("text", "facility"):
        found.setdefault(" ".join(text_.split()).casefold(), facilities[facility_id])
    return found
