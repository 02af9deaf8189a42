"""Mentions of known persons found in articles, and names that match nobody."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Person, PersonName

from .articles import Citation, SourceArticle

__all__ = ["Lead", "Mention", "MentionStatus"]


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class MentionQuerySet(models.QuerySet):
    def suggested(self) -> "MentionQuerySet":
        return self.filter(status=MentionStatus.SUGGESTED)


class Mention(models.Model):
    """A passage of an article that names one of our persons, for review."""

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.CASCADE,
        related_name="mentions",
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
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    citation = models.ForeignKey(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citation"),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["article", "start"]
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
        verbose_name=_("person created from it"),
    )
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
