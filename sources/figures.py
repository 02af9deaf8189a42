"""The figures of the dashboard and of GET /api/v1/stats/ that need sources:
the review queue, failed imports, and the cases several publishers speak of.

Each counts only what the user may see (cases.access), in one query.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, Min, QuerySet

from cases import access
from cases.access import User
from cases.models import Case

from .models import Citation, Lead, Mention, SourceArticle


@dataclass(frozen=True)
class SourceFigures:
    """The work waiting on the sources side, and the cases' corroboration.

    A count is None when the user may not view that kind of record.
    """

    mentions_to_review: int | None
    leads_to_review: int | None
    failed_imports: int | None
    cases_with_two_publishers: int | None


def cases_cited_by_publishers() -> QuerySet[Citation, dict[str, Any]]:
    """Return the ids (as `case`) of the cases whose citations name two
    different publishers or more. An article with no publisher counts for none.

    Said as "the first publisher in order is not the last", which is the
    same: the database then keeps two names per case, where counting the
    distinct publishers sorted each case's citations.
    """
    return (
        Citation.objects.exclude(article__publisher="")
        .order_by()
        .values("case")
        .annotate(first=Min("article__publisher"), last=Max("article__publisher"))
        .filter(first__lt=F("last"))
        .values("case")
    )


def source_figures(*, user: User, with_publishers: bool = True) -> SourceFigures:
    """Count what waits for review and, unless told not to (None), the cases two
    publishers or more cite."""
    cited = cases_with_two_publishers(user) if with_publishers else None
    return SourceFigures(
        mentions_to_review=_count(user, Mention.objects.suggested()),
        leads_to_review=_open_leads(user),
        failed_imports=_count(user, SourceArticle.objects.failed()),
        cases_with_two_publishers=cited,
    )


def cases_with_two_publishers(user: User) -> int:
    """Count the visible cases whose sources name two publishers or more."""
    cases = Case.objects.visible_to(user)
    return cases.filter(pk__in=cases_cited_by_publishers()).count()


def _count(user: User, records: QuerySet) -> int | None:
    if not access.may_view(user, records.model):
        return None
    return access.visible(records, user=user).count()


def _open_leads(user: User) -> int | None:
    """Count the leads nobody has resolved, or None for who may not view them.

    An open lead is tied to no person: cases.access keeps such rows for every
    user, so no visibility filter runs (the planner would walk every person).
    """
    if not access.may_view(user, Lead):
        return None
    return Lead.objects.filter(person=None, dismissed=False).count()
