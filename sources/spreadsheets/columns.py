"""The columns a spreadsheet of cases may have, and the checks of its header.

The export's columns (api.exporting: the API's CSV of the case list) are all
read, so that an export loads back; a hand-made sheet needs far fewer
(docs/importing-spreadsheets.md). Columns the export writes but nobody sets
(the case's address in the API, its days missing, its timestamps) are read
and left alone.
"""

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from cases import access
from cases.models import Relative

__all__ = [
    "CASE_COLUMNS",
    "COLUMNS",
    "IGNORED_COLUMNS",
    "NAME_COLUMNS",
    "SENSITIVE_COLUMNS",
    "HeaderProblem",
    "check_header",
]

# Written in the bundle's case record under the same key.
CASE_COLUMNS = (
    "reference",
    "fate",
    "workflow",
    "confidentiality",
    "disappeared",
    "last_contact",
    "missing_until",
    "place_last_seen",
    "believed_responsible",
    "summary",
    "assigned_to",
)
SUBJECT_COLUMNS = (
    "subject.uid",
    "subject.display_name",
    "subject.names",
    "subject.description",
    "subject.gender",
    "subject.ethnicity",
    "subject.birth_date",
    "subject.citizenship",
    "subject.origin_prefecture",
    "subject.origin_county",
    "subject.occupation",
)
RELATIVE_COLUMNS = (
    "relative.names",
    "relative.relationship",
    "relative.country_of_residence",
    "relative.contact_details",
    "relative.reported_case",
)
DETENTION_COLUMNS = (
    "facility",
    "detention.kind",
    "detention.started",
    "detention.ended",
)
COLUMNS = CASE_COLUMNS + SUBJECT_COLUMNS + RELATIVE_COLUMNS + DETENTION_COLUMNS
# Written by the export, computed or kept by CaseTracker itself: not loaded.
IGNORED_COLUMNS = (
    "api_url",
    "days_missing",
    "days_missing.fewest",
    "days_missing.most",
    "days_missing.display",
    "days_missing.as_of",
    "days_missing.until",
    "created_at",
    "updated_at",
)
# A sheet names its missing person in one of these (several forms: "a | b").
NAME_COLUMNS = ("subject.names", "subject.display_name")
SENSITIVE_COLUMNS: dict[str, tuple[type[models.Model], str]] = {
    "relative.contact_details": (Relative, "contact_details"),
}


@dataclass(frozen=True)
class HeaderProblem:
    """What is wrong with one column of the header."""

    column: str
    message: str


def check_header(header: list[str], *, user: Any) -> list[HeaderProblem]:
    """Return what is wrong with a header, every problem with its reason."""
    known = (*COLUMNS, *IGNORED_COLUMNS)
    problems = [
        HeaderProblem(name, _unknown(name, known))
        for name in header
        if name not in known
    ]
    problems += [
        HeaderProblem(name, _("This column appears %(count)d times.") % {"count": n})
        for name, n in Counter(name for name in header if name).items()
        if n > 1
    ]
    if not set(NAME_COLUMNS) & set(header) and "subject.uid" not in header:
        problems.append(
            HeaderProblem(
                NAME_COLUMNS[0],
                _(
                    "A required column is missing: “subject.names”, the names of "
                    "the missing person (or “subject.display_name”, as exports "
                    "write it)."
                ),
            )
        )
    problems += [
        HeaderProblem(
            name,
            _("You may not see this column's field, so you may not set it."),
        )
        for name in header
        if name in SENSITIVE_COLUMNS and _hidden(name, user)
    ]
    return problems


def _unknown(name: str, known: tuple[str, ...]) -> str:
    if not name:
        return _("A column has no name: name it, or delete it.")
    nearest = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if nearest:
        return _("Unknown column; did you mean “%(nearest)s”?") % {
            "nearest": nearest[0]
        }
    return _("Unknown column (docs/importing-spreadsheets.md lists the columns).")


def _hidden(name: str, user: Any) -> bool:
    model, field = SENSITIVE_COLUMNS[name]
    return field in access.hidden_fields(user, model)
