"""The mentions suggested for a case's persons, as its change page lists them."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from cases import access
from cases.models import Case

from ..models import Mention
from .passages import buttons_for, passage_html, with_review_facts

# A case page lists this many; the review queue has the rest.
SHOWN = 20


def suggestions_on_case(
    case: models.Model, request: HttpRequest
) -> list[dict[str, Any]]:
    """Return the suggested mentions of the case's subject, relatives and witnesses.

    Only those the user may see, and only for a user who may review them.
    """
    if not (isinstance(case, Case) and request.user.has_perms(access.REVIEWS_MENTIONS)):
        return []
    persons = Q(person_id=case.subject_id) | Q(person__relative_of__case=case)
    persons |= Q(person__testimonies_given__case=case)
    suggested = Mention.objects.suggested().filter(
        pk__in=Mention.objects.filter(persons).values("pk")
    )
    mentions = with_review_facts(access.visible(suggested, user=request.user))
    back = request.get_full_path()
    return [
        {
            "person": mention.person.display_name,
            "person_url": reverse(
                "admin:cases_person_change", args=[mention.person_id]
            ),
            "article": str(mention.article),
            "article_url": reverse(
                "admin:sources_sourcearticle_change", args=[mention.article_id]
            ),
            "passage": passage_html(mention.article.text, mention.start, mention.end),
            "buttons": buttons_for(mention, back=back),
        }
        for mention in mentions.order_by("-article__published_on", "article", "start")[
            :SHOWN
        ]
    ]
