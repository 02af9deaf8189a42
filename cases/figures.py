"""The figures of the dashboard and of GET /api/v1/stats/ that need only cases.

Every figure counts what the user may see (cases.access): a case hidden from
them is in no count. The database groups and counts, so the number of
queries is the same at a thousand cases and at a hundred thousand.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from cases import access
from cases.access import User
from cases.dates import Precision
from cases.models import (
    Case,
    Detention,
    DuplicateCandidate,
    Ethnicity,
    Facility,
    Fate,
    PersonName,
    Workflow,
)

# Beyond these, the smallest groups are summed into one "other" bar.
TOP_PREFECTURES = 12
TOP_FACILITIES = 12


@dataclass(frozen=True)
class Tally:
    """One bar of a chart: the stored value, what a reader sees, and the count."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class FacilityTally:
    """A facility with the number of visible cases that have a detention there."""

    id: int
    uid: str
    name: str
    latitude: float | None
    longitude: float | None
    cases: int


@dataclass(frozen=True)
class CaseFigures:
    """What the dashboard says about the cases one user may see."""

    cases: int
    undated: int
    by_month: list[Tally]
    by_fate: list[Tally]
    by_ethnicity: list[Tally]
    by_prefecture: list[Tally]
    by_facility: list[FacilityTally]
    assigned_to_me: list[Tally]
    open_duplicates: int | None


def case_figures(*, user: User, with_work: bool = True) -> CaseFigures:
    """Count the cases this user may see, by month, fate, origin and facility,
    and unless told not to (none, None) the user's own and the pairs to review."""
    cases = Case.objects.visible_to(user).order_by()
    fates, ethnicities, prefectures = _by_fate_ethnicity_and_origin(cases)
    months, undated = disappearances_by_month(cases)
    return CaseFigures(
        cases=sum(fates.values()),
        undated=undated,
        by_month=months,
        by_fate=_in_choices_order(fates, Fate),
        by_ethnicity=_in_choices_order(ethnicities, Ethnicity),
        by_prefecture=_by_prefecture(prefectures),
        by_facility=facilities_with_cases(user=user),
        assigned_to_me=assigned_to(user) if with_work else [],
        open_duplicates=open_duplicates(user) if with_work else None,
    )


def assigned_to(user: User) -> list[Tally]:
    """Count the cases assigned to the user that they may see, by workflow state."""
    cases = Case.objects.visible_to(user).order_by().filter(assigned_to=user.pk)
    return _in_choices_order(_counts(cases, "workflow"), Workflow)


def _by_fate_ethnicity_and_origin(
    cases: QuerySet[Case],
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Count the cases by fate, by ethnicity and by prefecture of origin.

    One pass over the cases and their subjects: the groups of the three
    together are a few hundred rows, which Python sums three ways.
    """
    rows = cases.values_list(
        "fate", "subject__ethnicity", "subject__origin_prefecture"
    ).annotate(count=Count("pk"))
    fates: Counter[str] = Counter()
    ethnicities: Counter[str] = Counter()
    prefectures: Counter[str] = Counter()
    for fate, ethnicity, prefecture, count in rows:
        fates[fate] += count
        ethnicities[ethnicity] += count
        prefectures[prefecture] += count
    return fates, ethnicities, prefectures


def disappearances_by_month(cases: QuerySet[Case]) -> tuple[list[Tally], int]:
    """Count disappearances per month, and the cases with no date.

    A date known only to its year is its own bar after that year's months
    ("2018, month not known"): spread over the months or put in January, it
    would invent a precision nobody has. Months between the first and the
    last without a disappearance are there, with nought, so that the bars
    keep the time scale.
    """
    year_only = ExpressionWrapper(
        Q(disappeared_on_precision=Precision.YEAR), output_field=BooleanField()
    )
    rows = (
        cases.annotate(month=TruncMonth("disappeared_on"), year_only=year_only)
        .values("month", "year_only")
        .annotate(count=Count("pk"))
    )
    months: dict[datetime.date, int] = {}
    years: dict[int, int] = {}
    undated = 0
    for row in rows:
        if row["month"] is None:
            undated += row["count"]
        elif row["year_only"]:
            years[row["month"].year] = years.get(row["month"].year, 0) + row["count"]
        else:
            months[row["month"]] = months.get(row["month"], 0) + row["count"]
    return _month_bars(months, years), undated


def _month_bars(months: dict[datetime.date, int], years: dict[int, int]) -> list[Tally]:
    """Return a bar per month from the first to the last known, each year's
    "month not known" bar after its December."""
    span = _months_between(min(months), max(months)) if months else []
    bars = []
    for year in sorted({day.year for day in span} | set(years)):
        bars += [
            Tally(
                key=f"{day:%Y-%m}",
                label=formats.date_format(day, "YEAR_MONTH_FORMAT"),
                count=months.get(day, 0),
            )
            for day in span
            if day.year == year
        ]
        if year in years:
            bars.append(_year_bar(year, years[year]))
    return bars


def _months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    days = []
    while first <= last:
        days.append(first)
        first = (first + datetime.timedelta(days=31)).replace(day=1)
    return days


def _year_bar(year: int, count: int) -> Tally:
    label = _("%(year)s, month not known") % {"year": year}
    return Tally(key=str(year), label=label, count=count)


def _counts(cases: QuerySet[Case], field: str) -> Counter[str]:
    return Counter(dict(cases.values_list(field).annotate(count=Count("pk"))))


def _in_choices_order(counts: Counter[str], choices: Any) -> list[Tally]:
    """Return a bar per value counted, in the order of the field's choices."""
    return [
        Tally(key=value, label=str(label), count=counts[value])
        for value, label in choices.choices
        if counts[value]
    ]


def _by_prefecture(counts: Counter[str]) -> list[Tally]:
    """Return the prefectures of origin, largest first; the smallest summed."""
    named = sorted(
        ((name, count) for name, count in counts.items() if name),
        key=lambda item: (-item[1], item[0]),
    )
    tallies = [
        Tally(key=name, label=name, count=n) for name, n in named[:TOP_PREFECTURES]
    ]
    if rest := sum(count for _name, count in named[TOP_PREFECTURES:]):
        tallies.append(Tally(key="", label=_("other prefectures"), count=rest))
    if counts[""]:
        tallies.append(Tally(key="", label=_("prefecture not known"), count=counts[""]))
    return tallies


def facilities_with_cases(*, user: User) -> list[FacilityTally]:
    """Return the facilities with coordinates or with visible cases, most first.

    Facilities are not confidential; the cases counted at each are only those
    the user may see. The detentions are counted first, grouped by facility
    (one pass over them), then the few facilities are read.
    """
    detentions = access.visible(Detention.objects.exclude(facility=None), user=user)
    held = dict(
        detentions.order_by()
        .values_list("facility")
        .annotate(cases=Count("case", distinct=True))
    )
    rows = Facility.objects.filter(
        Q(pk__in=list(held)) | Q(latitude__isnull=False)
    ).values_list("pk", "uid", "name", "latitude", "longitude")
    tallies = [
        FacilityTally(
            id=pk,
            uid=str(uid),
            name=name,
            latitude=None if latitude is None else float(latitude),
            longitude=None if longitude is None else float(longitude),
            cases=held.get(pk, 0),
        )
        for pk, uid, name, latitude, longitude in rows
    ]
    return sorted(tallies, key=lambda tally: (-tally.cases, tally.name))


def open_duplicates(user: User) -> int | None:
    """Count the pairs of persons to review, or None for who may not review them."""
    if not access.may_view(user, DuplicateCandidate):
        return None
    return access.visible(DuplicateCandidate.objects.open(), user=user).count()


def recent_cases(*, user: User, limit: int = 8) -> list[Case]:
    """Return the cases most recently opened among those the user may see."""
    names = Prefetch("subject__names", queryset=PersonName.objects.order_by("id"))
    cases = Case.objects.visible_to(user).select_related("subject")
    return list(cases.prefetch_related(names).order_by("-created_at", "-pk")[:limit])


def recent_changes(*, user: User, limit: int = 8) -> list[Any]:
    """Return the latest versions of the cases the user may see, newest first."""
    versions = Case.history.select_related("history_user").order_by("-history_date")
    if not access.sees_every_record(user):
        versions = versions.filter(id__in=Case.objects.visible_to(user).values("pk"))
    return list(versions[:limit])
