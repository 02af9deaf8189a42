"""How a name found in an article is shown to a case worker: its sentence, with
the name highlighted, the clues found nearby, and the review buttons, with
what they need fetched for a whole page of mentions at once."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, PersonName, Relative

from ..models import Mention
from ..passages import passage_around
from ..reviewing import choose_case_to_cite

# Hints stored on a mention: (key in Mention.hints, field shown, label).
HINTS = [
    ("dates", "text", gettext_lazy("dates nearby")),
    ("facilities", "name", gettext_lazy("facilities nearby")),
]


def with_review_facts(mentions: QuerySet) -> QuerySet:
    """Fetch what the passage and the buttons show, in a few queries for any number."""
    alongside = (
        Mention.objects.suggested()
        .filter(article=OuterRef("article"), person=OuterRef("person"))
        .order_by()
        .values("person")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        mentions.select_related("article", "person")
        .annotate(suggested_alongside=Coalesce(Subquery(alongside), 0))
        .prefetch_related(
            Prefetch("person__names", queryset=PersonName.objects.order_by("id")),
            Prefetch(
                "person__cases",
                queryset=Case.objects.only("id", "subject", "reference").order_by(
                    "-created_at", "-id"
                ),
            ),
            Prefetch(
                "person__relative_of",
                queryset=Relative.objects.select_related("case").only(
                    "id", "person", "case__id", "case__reference"
                ),
            ),
        )
    )


def buttons_for(mention: Mention, *, back: str) -> SafeString:
    """Return the review buttons of a mention fetched with_review_facts."""
    related = [relative.case for relative in mention.person.relative_of.all()]
    case = choose_case_to_cite(own=mention.person.cases.all(), related=related)
    return review_buttons(
        mention_id=mention.pk,
        case=case,
        on_cases=len({c.pk for c in related}),
        alongside=getattr(mention, "suggested_alongside", 1),
        back=back,
    )


def passage_html(text: str, start: int, end: int) -> SafeString:
    """Return the sentence around start:end, the name marked, in its direction."""
    passage = passage_around(text, start, end)
    return format_html(
        '<p class="passage" dir="{}">{}{}<mark>{}</mark>{}{}</p>',
        "rtl" if passage.right_to_left else "ltr",
        "… " if passage.cut_before else "",
        passage.before,
        passage.name,
        passage.after,
        " …" if passage.cut_after else "",
    )


def hints_html(hints: Mapping[str, Any]) -> SafeString:
    """Return the dates and facilities found near a name, as a list."""
    items = [
        (label, ", ".join(hint[key] for hint in hints[kind]))
        for kind, key, label in HINTS
        if hints.get(kind)
    ]
    if not items:
        return SafeString("")
    return format_html(
        '<ul class="hints">{}</ul>',
        format_html_join("", '<li dir="auto">{}: {}</li>', items),
    )


def review_buttons(
    *, mention_id: int, case: Case | None, on_cases: int, alongside: int, back: str
) -> SafeString:
    """Return Confirm and Reject buttons that post the form they sit in.

    The buttons submit whichever admin form holds them (its CSRF token with
    them) to the review views; `back` is the page to return to.
    """
    query = urlencode({"next": back})
    confirm = reverse("admin:sources_mention_confirm", args=[mention_id])
    reject = reverse("admin:sources_mention_reject", args=[mention_id])
    buttons = [
        (f"{confirm}?{query}", "mention", _confirm_label(case)),
        (f"{reject}?{query}", "mention", _("Reject: not this person")),
    ]
    if alongside > 1:
        every = {"count": alongside}
        buttons += [
            (f"{confirm}?{query}", "article", _("Confirm all %(count)d here") % every),
            (f"{reject}?{query}", "article", _("Reject all %(count)d here") % every),
        ]
    return format_html(
        '<div class="review-buttons">{}</div>{}',
        format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" name="scope"'
            ' value="{}">{}</button>',
            buttons,
        ),
        _what_confirming_does(case, on_cases),
    )


def _confirm_label(case: Case | None) -> str:
    if case is None:
        return _("Confirm: no case to cite")
    return _("Confirm: cites %(reference)s") % {"reference": case.reference}


def _what_confirming_does(case: Case | None, on_cases: int) -> SafeString:
    if case is not None:
        return SafeString("")
    if on_cases:
        why = _(
            "This person is a relative on several cases: confirming records that "
            "the article names them; cite it by hand on the right case."
        )
    else:
        why = _(
            "This person has no case yet: confirming records that the article "
            "names them; cite it on their case once it is opened."
        )
    return format_html('<p class="help">{}</p>', why)
