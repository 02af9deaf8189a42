"""Mentions of known persons found in articles, and names that match nobody."""

from collections.abc import Sequence
from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.db import bulk_upsert
from cases.models import Person, PersonName

from .articles import Citation, SourceArticle

__all__ = ["FoundSpan", "Lead", "Mention", "MentionStatus"]


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


# A span is stored once; finding it again renews the evidence, not the review.
SPAN_FIELDS = ["article_id", "person_id", "start", "end"]
EVIDENCE_FIELDS = ["name_form_id", "text", "score", "explanation", "hints"]
# What a FoundSpan gives of each stored row.
_FOUND = [
    "person_id", "start", "end", "name_form_id", "text", "score", "explanation", "hints"
]  # fmt: skip


class MentionQuerySet(models.QuerySet):
    def suggested(self) -> "MentionQuerySet":
        return self.filter(status=MentionStatus.SUGGESTED)

    def alongside(self, mention: "Mention") -> "MentionQuerySet":
        """Return the mention and the other suggestions of its person in its article."""
        same = models.Q(article_id=mention.article_id, person_id=mention.person_id)
        return self.filter(
            same & (models.Q(status=MentionStatus.SUGGESTED) | models.Q(pk=mention.pk))
        )

    def store_found(self, article_id: int, found: Sequence["FoundSpan"]) -> list[int]:
        """Store the spans found in the article; renew the evidence of those stored.

        A stored span keeps its review. Return the mentions' ids, in the order
        found.
        """
        columns: dict[str, list[object]] = {
            "article_id": [article_id] * len(found),
            **{name: [getattr(span, name) for span in found] for name in _FOUND},
            "status": [MentionStatus.SUGGESTED.value] * len(found),
            "created_at": [timezone.now()] * len(found),
        }
        ids = bulk_upsert(self, columns, SPAN_FIELDS, EVIDENCE_FIELDS)
        return [ids[article_id, span.person_id, span.start, span.end] for span in found]


class FoundSpan(Protocol):
    """A span of an article's text found to name a person, with the evidence."""

    @property
    def person_id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def name_form_id(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def explanation(self) -> str: ...
    @property
    def hints(self) -> dict[str, Any]: ...


class Mention(models.Model):
    """A passage of an article that names one of our persons, for review."""

    # The unique span (article first) is the article's index.
    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.CASCADE,
        related_name="mentions",
        db_index=False,
        verbose_name=_("article"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mentions",
        verbose_name=_("person"),
    )
    name_form = models.ForeignKey(
        PersonName,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matched name form"),
    )
    text = models.CharField(_("as written"), max_length=300)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    score = models.FloatField(_("score"))
    explanation = models.TextField(_("why it matched"), blank=True)
    hints = models.JSONField(_("hints nearby"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MentionStatus,
        default=MentionStatus.SUGGESTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    citation = models.ForeignKey(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("citation"),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["article", "start"]
        # Every index costs each of the dozens of mentions an article writes.
        # Most mentions are never reviewed: the indexes of review columns hold
        # only the reviewed ones.
        indexes = [
            # A new mention is suggested, as nearly all are: filtering on
            # "suggested" reads most of the table and needs no index.
            models.Index(
                fields=["status"],
                condition=~models.Q(status=MentionStatus.SUGGESTED),
                name="mention_reviewed_status",
            ),
            models.Index(
                fields=["citation"],
                condition=models.Q(citation__isnull=False),
                name="mention_citation",
            ),
            models.Index(
                fields=["reviewed_by"],
                condition=models.Q(reviewed_by__isnull=False),
                name="mention_reviewed_by",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "start", "end"],
                name="mention_once_per_span",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="mention_span_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.person}"


class Lead(models.Model):
    """A person's name in an article that matches nobody we know yet."""

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.CASCADE,
        related_name="leads",
        verbose_name=_("article"),
    )
    text = models.CharField(_("as written"), max_length=300)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    # A case worker said the words name nobody: matching finds them again, and
    # the unique name per article keeps them dismissed.
    dismissed = models.BooleanField(_("not a person"), default=False)
    # Why the words were taken for a person's name (a given name, a surname
    # ending, a transcription around a middle dot), as the finder said it.
    reason = models.CharField(_("why a name"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "text"], name="lead_once_per_name"
            )
        ]

    def __str__(self) -> str:
        return self.text
