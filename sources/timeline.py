"""A case's timeline: its dated facts and records, in date order, each with its
precision.

Order: a date stands for a period (a day, a month or a year) and sorts at the
first day of that period; at the same first day the less precise date comes
first ("2018", then "January 2018", then "1 January 2018"), so that a month or
a year heads the days inside it. Events without a date come last. Events on
the same date keep the order of the kinds below (a disappearance before the
detention that began that day).

Each kind of event is one small function of the case; a kind whose records the
user may not view is left out. Here, not in cases, because citations live in
sources (cases never imports sources).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from cases import access
from cases.dates import Precision, readable_date
from cases.models import Case, Detention, Fate, StateClaim, Step
from sources.models import Citation

__all__ = ["Event", "case_timeline"]

# Less precise first among dates starting on the same day.
PRECISION_RANK: dict[str, int] = {
    Precision.YEAR: 0,
    Precision.MONTH: 1,
    Precision.DAY: 2,
}
# How much of an ISO date (2019-04-21) a precision keeps.
ISO_LENGTH: dict[str, int] = {Precision.YEAR: 4, Precision.MONTH: 7}


@dataclass(frozen=True)
class Event:
    """One dated fact of a case: what happened, and the words that go with it."""

    day: datetime.date | None
    precision: str
    what: str
    detail: str = ""

    @property
    def when(self) -> str:
        return readable_date(self.day, self.precision) or _("date not known")

    @property
    def iso(self) -> str:
        """Return the date as the API writes it: 2019, 2019-04 or 2019-04-21."""
        if self.day is None:
            return ""
        length = ISO_LENGTH.get(self.precision, 10)
        return self.day.isoformat()[:length]

    def sort_key(self) -> tuple[bool, datetime.date, int]:
        return (
            self.day is None,
            self.day or datetime.date.max,
            PRECISION_RANK.get(self.precision, 2),
        )


def case_facts(case: Case) -> Iterable[Event]:
    if case.disappeared_on:
        yield Event(
            case.disappeared_on, case.disappeared_on_precision, _("Disappeared")
        )
    if case.last_contact_on:
        yield Event(
            case.last_contact_on, case.last_contact_on_precision, _("Last contact")
        )
    if case.missing_until:
        what = _("Died") if case.fate == Fate.DECEASED else _("Released or found")
        yield Event(case.missing_until, case.missing_until_precision, what)


def detentions(case: Case) -> Iterable[Event]:
    for detention in case.detentions.select_related("facility"):
        where = str(detention.facility) if detention.facility else ""
        kind = detention.get_kind_display()
        yield Event(
            detention.started_on,
            detention.started_on_precision,
            _("Detention began: %(kind)s") % {"kind": kind},
            where,
        )
        if detention.ended_on:
            yield Event(
                detention.ended_on,
                detention.ended_on_precision,
                _("Detention ended: %(kind)s") % {"kind": kind},
                where,
            )


def state_claims(case: Case) -> Iterable[Event]:
    for claim in case.state_claims.all():
        what = _("The state claimed")
        if claim.claimed_by:
            what = _("%(who)s claimed") % {"who": claim.claimed_by}
        yield Event(claim.claimed_on, claim.claimed_on_precision, what, claim.text)


def steps(case: Case) -> Iterable[Event]:
    for step in case.steps.all():
        detail = " — ".join(text for text in (step.authority, step.outcome) if text)
        yield Event(
            step.taken_on, step.taken_on_precision, step.get_kind_display(), detail
        )


def citations(case: Case) -> Iterable[Event]:
    for citation in case.citations.select_related("article"):
        article = citation.article
        title = article.title or article.url or str(article)
        what = _("Reported by %(publisher)s") % {"publisher": article.publisher}
        yield Event(
            article.published_on,
            Precision.DAY,
            what if article.publisher else _("Reported"),
            title,
        )


# Each kind, with the model the user must be allowed to view (None: the case's own).
KINDS: list[tuple[type[models.Model] | None, Callable[[Case], Iterable[Event]]]] = [
    (None, case_facts),
    (Detention, detentions),
    (StateClaim, state_claims),
    (Step, steps),
    (Citation, citations),
]


def case_timeline(case: Case, *, user: access.User) -> list[Event]:
    """Return the case's events this user may see, in date order (see the module)."""
    events = [
        event
        for model, kind in KINDS
        if model is None or access.may_view(user, model)
        for event in kind(case)
    ]
    return sorted(events, key=Event.sort_key)
