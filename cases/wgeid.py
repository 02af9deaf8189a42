"""The UN Working Group's checklist: is a case ready to submit, and is it urgent?

The Working Group on Enforced or Involuntary Disappearances transmits a case to
a government only with six elements (its methods of work): the person's full
name; the date of the disappearance, to at least the month; the place of
arrest, abduction or last sighting; the parties presumed responsible; the steps
taken to find the person; and the identity of the source, kept confidential on
request. A disappearance of the last three months goes to its urgent-action
procedure.

`check_case` says this for one case, with a reason per element; `ready`,
`missing_something` and `urgent` say the same for a QuerySet (the admin's
filter). Both read the same rules, and the tests hold them to each other.
"""

import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.dates import Precision, format_date, period
from cases.models import Case, Fate, PersonName, Script, Step, SubmittedBy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "ELEMENTS",
    "Checklist",
    "Element",
    "check_case",
    "missing_something",
    "ready",
    "three_months_before",
    "urgent",
]

ELEMENTS = {
    "name": gettext_lazy("full name"),
    "date": gettext_lazy("date of the disappearance"),
    "place": gettext_lazy("place of arrest or last sighting"),
    "responsible": gettext_lazy("parties presumed responsible"),
    "steps": gettext_lazy("steps taken to find the person"),
    "source": gettext_lazy("identity of the source"),
}
NO_PLACE = gettext_lazy(
    "The place of arrest, abduction or last sighting is not recorded."
)
NOBODY_RESPONSIBLE = gettext_lazy(
    "Nobody is recorded as presumed responsible: name the forces or authority "
    "believed to hold the person."
)
# Han names are written without spaces; every other script separates the parts.
UNSPACED_SCRIPTS = (Script.HANS, Script.HANT)
# A person released, found or dead is no longer an urgent action's concern.
ENDED_FATES = (Fate.RELEASED, Fate.DECEASED)


@dataclass(frozen=True)
class Element:
    """One of the six elements: whether the case has it, and why (not)."""

    key: str
    label: str
    present: bool
    reason: str


@dataclass(frozen=True)
class Checklist:
    """The six elements of a case, and whether it is urgent."""

    elements: tuple[Element, ...]
    urgent: bool
    urgent_reason: str

    @property
    def ready(self) -> bool:
        return all(element.present for element in self.elements)

    @property
    def missing(self) -> list[Element]:
        return [element for element in self.elements if not element.present]


def check_case(case: Case, *, today: datetime.date | None = None) -> Checklist:
    """Return the Working Group's checklist for a case, as of today by default."""
    today = today or timezone.localdate()
    checks = {
        "name": _check_name(case),
        "date": _check_date(case),
        "place": _check_text(case.place_last_seen, NO_PLACE),
        "responsible": _check_text(case.believed_responsible, NOBODY_RESPONSIBLE),
        "steps": _check_steps(case),
        "source": _check_source(case),
    }
    labels = _labels(translation.get_language() or "")
    elements = tuple(
        Element(key, labels[key], present, reason)
        for key, (present, reason) in checks.items()
    )
    is_urgent, why = _check_urgent(case, today)
    return Checklist(elements, is_urgent, why)


def _check_name(case: Case) -> tuple[bool, str]:
    names = list(case.subject.names.all())
    if not names:
        return False, _(
            "No name is known, only a description: the Working Group needs the "
            "person's full name."
        )
    full = [name for name in names if _is_full(name)]
    if not full:
        return False, _(
            "Only a single name is known (“%(name)s”): the Working Group needs "
            "the full name."
        ) % {"name": names[0].text}
    return True, full[0].text


def _is_full(name: PersonName) -> bool:
    if name.script in UNSPACED_SCRIPTS:
        return len(name.text) > 1
    return " " in name.text.strip()


def _check_date(case: Case) -> tuple[bool, str]:
    if case.disappeared_on is None:
        return False, _(
            "The date of the disappearance is not known: the Working Group needs "
            "at least the month and the year."
        )
    if case.disappeared_on_precision == Precision.YEAR:
        return False, _(
            "Date known only to the year: the Working Group needs at least the month."
        )
    return True, case.disappeared_display()


@functools.lru_cache(maxsize=32)
def _labels(language: str) -> dict[str, str]:
    """Return the elements' labels in a language: a list page shows many cases."""
    return {key: str(label) for key, label in ELEMENTS.items()}


def _check_text(value: str, missing: "StrOrPromise") -> tuple[bool, str]:
    return (True, value.strip()) if value.strip() else (False, str(missing))


def _check_steps(case: Case) -> tuple[bool, str]:
    count = len(case.steps.all())
    if not count:
        return False, _(
            "No step taken to find the person is recorded (inquiries with the "
            "police, letters, court or habeas corpus)."
        )
    return True, _("%(count)d recorded") % {"count": count}


def _check_source(case: Case) -> tuple[bool, str]:
    if case.submitted_by == SubmittedBy.GROUP:
        return True, _("the group")
    if case.submitted_by == SubmittedBy.RELATIVE:
        if case.submitting_relative_id is None:
            return False, _("A relative submits, but which relative is not recorded.")
        return True, _("a relative of the person")
    return False, _("Who submits the case (the group or a relative) is not recorded.")


def three_months_before(today: datetime.date) -> datetime.date:
    """Return the same day three calendar months earlier (the month's end if short)."""
    year, month = (
        (today.year, today.month - 3)
        if today.month > 3
        else (
            today.year - 1,
            today.month + 9,
        )
    )
    for day in (today.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def _check_urgent(case: Case, today: datetime.date) -> tuple[bool, str]:
    if case.disappeared_on is None:
        return False, ""
    if case.missing_until is not None or case.fate in ENDED_FATES:
        return False, ""
    first, last = period(case.disappeared_on, case.disappeared_on_precision)
    cutoff = three_months_before(today)
    if last < cutoff:
        return False, ""
    when = format_date(case.disappeared_on, case.disappeared_on_precision)
    if first >= cutoff:
        return True, _(
            "Disappeared %(when)s, under three months ago: the urgent-action "
            "procedure applies."
        ) % {"when": when}
    return True, _(
        "Disappeared %(when)s, perhaps under three months ago: find the day, and "
        "consider the urgent-action procedure."
    ) % {"when": when}


def _has_full_name() -> Exists:
    names = PersonName.objects.filter(person=OuterRef("subject")).filter(
        Q(text__contains=" ") | Q(script__in=UNSPACED_SCRIPTS)
    )
    return Exists(names)


def _complete() -> Q:
    """Return the condition a case with all six elements meets."""
    return (
        Q(_has_full_name())
        & Q(disappeared_on__isnull=False)
        & ~Q(disappeared_on_precision=Precision.YEAR)
        & ~Q(place_last_seen__regex=r"^\s*$")
        & ~Q(believed_responsible__regex=r"^\s*$")
        & Q(Exists(Step.objects.filter(case=OuterRef("pk"))))
        & (
            Q(submitted_by=SubmittedBy.GROUP)
            | Q(submitted_by=SubmittedBy.RELATIVE, submitting_relative__isnull=False)
        )
    )


def ready(cases: models.QuerySet[Case]) -> models.QuerySet[Case]:
    """Return the cases that have all six elements."""
    return cases.filter(_complete())


def missing_something(cases: models.QuerySet[Case]) -> models.QuerySet[Case]:
    """Return the cases that lack at least one of the six elements."""
    return cases.exclude(_complete())


def urgent(
    cases: models.QuerySet[Case], *, today: datetime.date | None = None
) -> models.QuerySet[Case]:
    """Return the cases whose disappearance may be under three months old."""
    cutoff = three_months_before(today or timezone.localdate())
    # A period ends on or after the cutoff exactly when it starts on or after
    # the first day of the cutoff's month (or year) at its precision.
    recent = (
        Q(disappeared_on_precision=Precision.DAY, disappeared_on__gte=cutoff)
        | Q(
            disappeared_on_precision=Precision.MONTH,
            disappeared_on__gte=cutoff.replace(day=1),
        )
        | Q(
            disappeared_on_precision=Precision.YEAR,
            disappeared_on__gte=cutoff.replace(month=1, day=1),
        )
    )
    return cases.filter(recent, missing_until__isnull=True).exclude(
        fate__in=ENDED_FATES
    )
