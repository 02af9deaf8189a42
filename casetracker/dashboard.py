"""The admin's home page: the figures of cases and sources, put together for
one user with links to the lists they summarise (cases never imports sources,
so they meet here)."""

import datetime
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import access
from cases.figures import (
    TOP_FACILITIES,
    CaseFigures,
    Tally,
    assigned_to,
    case_figures,
    open_duplicates,
    recent_cases,
    recent_changes,
)
from sources.figures import SourceFigures, cases_with_two_publishers, source_figures

# The charts' figures are kept this long per user and language: each reads every
# case the user may see, which at a hundred thousand cases takes the better part
# of a second. What waits for review, and the user's own cases, are always live.
FIGURES_SECONDS = 60


@dataclass(frozen=True)
class ChartFigures:
    """The figures of the charts and totals, and when they were counted."""

    cases: CaseFigures
    cases_with_two_publishers: int
    counted_at: datetime.datetime


@dataclass(frozen=True)
class WorkItem:
    """A count of records waiting for someone, with the list that shows them."""

    label: str
    count: int
    url: str


def _list_url(model: str, **filters: object) -> str:
    url = reverse(f"admin:{model}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def work_waiting(cases: CaseFigures, sources: SourceFigures) -> list[WorkItem]:
    """Return what waits for review, with each filtered list; only what the user
    may view."""
    items = [
        (_("Mentions to review"), sources.mentions_to_review, "sources_mention",
         {"status__exact": "suggested"}),
        (_("Leads to review"), sources.leads_to_review, "sources_lead",
         {"status": "open"}),
        (_("Possible duplicate persons"), cases.open_duplicates,
         "cases_duplicatecandidate", {}),
        (_("Failed imports"), sources.failed_imports, "sources_sourcearticle",
         {"state__exact": "failed"}),
    ]  # fmt: skip
    return [
        WorkItem(label=label, count=count, url=_list_url(model, **filters))
        for label, count, model, filters in items
        if count is not None
    ]


def assigned_to_me(cases: CaseFigures, user_id: int | None) -> list[WorkItem]:
    """Return the user's cases per workflow state, each with its filtered list."""
    return [
        WorkItem(
            label=tally.label,
            count=tally.count,
            url=_list_url(
                "cases_case", assigned_to__id__exact=user_id, workflow__exact=tally.key
            ),
        )
        for tally in cases.assigned_to_me
    ]


def chart_data(cases: CaseFigures) -> dict[str, Any]:
    """Return the charts and the map as JSON-ready data (for json_script)."""
    case_list = reverse("admin:cases_case_changelist")

    def chart(title: str, tallies: list[Tally], parameter: str | None) -> dict:
        links = [
            f"{case_list}?{urlencode({parameter: tally.key})}"
            if parameter and tally.key
            else None
            for tally in tallies
        ]
        return {
            "title": title,
            "keys": [tally.key for tally in tallies],
            "labels": [tally.label for tally in tallies],
            "counts": [tally.count for tally in tallies],
            "links": links,
            "rows": [[tally.label, tally.count] for tally in tallies],
        }

    held = [f for f in cases.by_facility if f.cases][:TOP_FACILITIES]
    by_facility = [Tally(key=str(f.id), label=f.name, count=f.cases) for f in held]
    return {
        "label": _("cases"),
        "charts": {
            "by-month": chart(_("Disappearances per month"), cases.by_month, None),
            "by-fate": chart(_("Cases by fate"), cases.by_fate, "fate__exact"),
            "by-ethnicity": chart(
                _("Cases by ethnicity"), cases.by_ethnicity, "subject__ethnicity__exact"
            ),
            "by-prefecture": chart(
                _("Cases by prefecture of origin"), cases.by_prefecture, None
            ),
            "by-facility": chart(
                _("Cases by facility"), by_facility, "detentions__facility__id__exact"
            ),
        },
        "map": map_data(cases),
    }


def map_data(cases: CaseFigures) -> dict[str, Any]:
    """Return the facilities with coordinates, and where the background comes from."""
    case_list = reverse("admin:cases_case_changelist")
    return {
        "facilities": [
            {
                "name": facility.name,
                "latitude": facility.latitude,
                "longitude": facility.longitude,
                "cases": facility.cases,
                "url": f"{case_list}?detentions__facility__id__exact={facility.id}",
            }
            for facility in cases.by_facility
            if facility.latitude is not None and facility.longitude is not None
        ],
        "tiles": settings.MAP_TILE_URL or None,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "outlines": static("casetracker/vendor/natural-earth/asia-110m.geojson"),
        "casesLabel": _("cases"),
    }


def chart_figures(user: Any) -> ChartFigures:
    """Return the charts' figures for this user, counted at most a minute ago."""
    key = f"dashboard-figures:{user.pk}:{translation.get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = ChartFigures(
            cases=case_figures(user=user, with_work=False),
            cases_with_two_publishers=cases_with_two_publishers(user),
            counted_at=timezone.now(),
        )
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """Return the template context of the admin's home page for this user."""
    user = request.user
    charts = chart_figures(user)
    cases = replace(
        charts.cases,
        assigned_to_me=assigned_to(user),
        open_duplicates=open_duplicates(user),
    )
    sources = source_figures(user=user, with_publishers=False)
    return {
        "figures": cases,
        "counted_at": charts.counted_at,
        "work_waiting": work_waiting(cases, sources),
        "assigned_to_me": assigned_to_me(cases, user.pk),
        "works_cases": user.has_perm(access.WORKS_CASES),
        "two_publishers": WorkItem(
            label=_("Cases with sources from two publishers or more"),
            count=charts.cases_with_two_publishers,
            url=_list_url("cases_case", has_source="two_publishers"),
        ),
        "recent_cases": recent_cases(user=user),
        "recent_changes": recent_changes(user=user),
        "chart_data": chart_data(cases),
    }
