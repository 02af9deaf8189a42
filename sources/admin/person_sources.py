"""What a person's page lists from the sources: citations and suggested mentions."""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.admin.person_page import Link, Section, section
from cases.models import Case, Person

from ..models import Citation, Mention

if TYPE_CHECKING:
    from cases.access import User

# Words of a quote shown beside its article.
QUOTE_WORDS = 12


def source_sections(person: Person, user: "User") -> list[Section]:
    """Return the citations of the person's cases and the mentions suggested
    for the person, as far as the user may see them.
    """
    sections = []
    if access.may_view(user, Citation):
        sections.append(citation_section(person, user))
    if access.may_view(user, Mention):
        sections.append(mention_section(person))
    return sections


def citation_section(person: Person, user: "User") -> Section:
    """Return the sources cited for the cases about the person, or by the
    mentions of the person a case worker confirmed.
    """
    confirmed = Mention.objects.filter(person=person, citation__isnull=False)
    citations = (
        Citation.objects.filter(
            Q(case__subject=person) | Q(pk__in=confirmed.values("citation"))
        )
        .filter(case__in=Case.objects.visible_to(user))
        .select_related("article", "case")
        .order_by("-article__published_on", "pk")
    )
    return section(
        _("Cited sources"),
        citations,
        lambda c: Link(
            reverse("admin:sources_sourcearticle_change", args=[c.article_id]),
            str(c.article),
            (c.case.reference, Truncator(c.quote).words(QUOTE_WORDS)),
        ),
        _("No source is cited for this person yet."),
    )


def mention_section(person: Person) -> Section:
    """Return the passages the import suggested name the person, to review."""
    mentions = (
        Mention.objects.suggested()
        .filter(person=person)
        .select_related("article")
        .order_by("-created_at", "pk")
    )
    return section(
        _("Suggested mentions to review"),
        mentions,
        lambda m: Link(
            reverse("admin:sources_mention_change", args=[m.pk]),
            m.text,
            (str(m.article),),
        ),
        _("No mention of this person waits for review."),
    )
