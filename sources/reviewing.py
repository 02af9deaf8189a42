"""Review suggested mentions: confirm them as sources, or reject them.

Which case a confirmed mention is cited on: the case of which the person is
the subject (the most recently opened, when there are several); failing
that, the case the person is a relative on, when there is exactly one (an
article about a brother's campaign is a source for the missing man's case,
as the founding case shows). A person with no case, or a relative on several,
gets no automatic citation: the mention is confirmed and a case worker cites
the article by hand on the right case.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from cases.models import Case
from sources.models import Citation, Mention, MentionStatus
from sources.passages import passage_around

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL), as the plugin types its ForeignKeys.
    from django.contrib.auth.models import User

__all__ = [
    "case_to_cite",
    "choose_case_to_cite",
    "confirm_mention",
    "confirm_person_in_article",
    "reject_mention",
    "reject_person_in_article",
]

_CONFIRMED_REASON = "confirmed mention"


def confirm_mention(*, mention: Mention, actor: "User") -> Citation | None:
    """Confirm that the mention names the person, and cite the article.

    Idempotent: confirming again returns the same citation. The citation is
    shared with any other citation of the article on that case.
    """
    with transaction.atomic():
        locked = Mention.objects.select_for_update().get(pk=mention.pk)
        if locked.status == MentionStatus.CONFIRMED and locked.citation_id:
            mention.refresh_from_db()
            return locked.citation
        case = case_to_cite(person_id=locked.person_id)
        citation = _citation(locked, case, actor) if case else None
        locked.status = MentionStatus.CONFIRMED
        locked.citation = citation
        _mark_reviewed(locked, actor)
    mention.refresh_from_db()
    return citation


def reject_mention(*, mention: Mention, actor: "User") -> bool:
    """Mark the mention as not naming the person; matching will not revive it.

    The citation its confirmation made is withdrawn (deleted, with the actor in
    its history) unless another confirmed mention shares it or someone edited
    it since: then it is a case worker's source and stays. Return whether a
    citation was withdrawn.
    """
    with transaction.atomic():
        locked = Mention.objects.select_for_update().get(pk=mention.pk)
        citation = locked.citation
        locked.status = MentionStatus.REJECTED
        locked.citation = None
        _mark_reviewed(locked, actor)
        withdrawn = citation is not None and _withdraw(citation, actor)
    mention.refresh_from_db()
    return withdrawn


def _withdraw(citation: Citation, actor: "User") -> bool:
    """Delete a citation a confirmation made, if nobody holds or edited it since."""
    if Mention.objects.filter(
        citation=citation, status=MentionStatus.CONFIRMED
    ).exists():
        return False
    versions = list(citation.history.values_list("history_change_reason", flat=True))
    if versions != [_CONFIRMED_REASON]:
        return False  # cited by hand, or edited since
    citation._history_user = actor
    citation.delete()
    return True


def confirm_person_in_article(*, mention: Mention, actor: "User") -> int:
    """Confirm the mention and every other suggestion of its person in the article.

    Return how many mentions were confirmed.
    """
    with transaction.atomic():
        mentions = list(Mention.objects.alongside(mention))
        for each in mentions:
            confirm_mention(mention=each, actor=actor)
    mention.refresh_from_db()
    return len(mentions)


def reject_person_in_article(*, mention: Mention, actor: "User") -> int:
    """Reject the mention and every other suggestion of its person in the article.

    Return how many mentions were rejected.
    """
    with transaction.atomic():
        mentions = list(Mention.objects.alongside(mention))
        for each in mentions:
            reject_mention(mention=each, actor=actor)
    mention.refresh_from_db()
    return len(mentions)


def case_to_cite(*, person_id: int) -> Case | None:
    """Return the case an article naming the person is a source for, if clear."""
    own = Case.objects.filter(subject_id=person_id).order_by("-created_at", "-id")
    related = Case.objects.filter(relatives__person_id=person_id).distinct()
    return choose_case_to_cite(own=own[:1], related=related[:2])


def choose_case_to_cite(*, own: Iterable[Case], related: Iterable[Case]) -> Case | None:
    """Choose among the person's cases, as subject (newest first) and as relative.

    The case of which the person is the subject; failing that, the one case
    they are a relative on. The admin passes the cases it prefetched.
    """
    first = next(iter(own), None)
    if first is not None:
        return first
    distinct = {case.pk: case for case in related}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def _citation(mention: Mention, case: Case, actor: "User") -> Citation:
    existing = Citation.objects.filter(
        article_id=mention.article_id, case=case, detention=None
    ).first()
    if existing is not None:
        return existing
    citation = Citation(article_id=mention.article_id, case=case, quote=_quote(mention))
    citation.full_clean()
    # simple_history records the actor and why on the citation's first version.
    citation._history_user = actor
    citation._change_reason = _CONFIRMED_REASON
    citation.save()
    return citation


def _quote(mention: Mention) -> str:
    """Return the sentence of the article around the mention."""
    return passage_around(mention.article.text, mention.start, mention.end).text


def _mark_reviewed(mention: Mention, actor: "User") -> None:
    mention.reviewed_by = actor
    mention.reviewed_at = timezone.now()
    mention.save(update_fields=["status", "citation", "reviewed_by", "reviewed_at"])
