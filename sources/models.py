"""Source articles and the citations that tie them to cases."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, Detention


class SourceArticle(models.Model):
    """A news article, report or testimony that speaks of our cases."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(_("URL"), max_length=2000, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, db_index=True
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, db_index=True
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("BCP 47 code, e.g. en."),
    )
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        if self.publisher and self.published_on:
            return f"{self.title} ({self.publisher}, {self.published_on})"
        return self.title


class Citation(models.Model):
    """A source for a case, or for one detention of the case."""

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.PROTECT,
        related_name="citations",
        verbose_name=_("article"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="citations", verbose_name=_("case")
    )
    detention = models.ForeignKey(
        Detention,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("detention"),
        help_text=_("Leave empty when the source speaks of the case as a whole."),
    )
    quote = models.TextField(_("quote"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.article} → {self.case.reference}"

    def clean(self) -> None:
        if (
            self.detention_id
            and self.case_id
            and self.detention.case_id != self.case_id
        ):
            raise ValidationError(
                {"detention": _("This detention belongs to another case.")}
            )
