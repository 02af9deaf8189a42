"""The steps taken to find a missing person: the Working Group's fifth element."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.dates import Precision, format_date, truncate_dates

from .case_source import SubmittedBy
from .cases import Case

__all__ = ["Step", "StepKind"]


class StepKind(models.TextChoices):
    POLICE = "police", _("inquiry with the police")
    LETTER = "letter", _("letter or petition")
    COURT = "court", _("court or habeas corpus")
    EMBASSY = "embassy", _("embassy or consulate")
    UN_MECHANISM = "un_mechanism", _("another UN mechanism")
    PUBLIC_APPEAL = "public_appeal", _("public appeal")
    MEDIA = "media", _("media")
    OTHER = "other", _("other")


class Step(models.Model):
    """One thing the family or the group did to find the person."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="steps", verbose_name=_("case")
    )
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    taken_on_precision = models.CharField(
        _("date known to the"), max_length=5, choices=Precision, default=Precision.DAY
    )
    kind = models.CharField(
        _("kind"), max_length=15, choices=StepKind, default=StepKind.OTHER
    )
    taken_by = models.CharField(
        _("taken by"), max_length=10, choices=SubmittedBy, default=SubmittedBy.RELATIVE
    )
    relative = models.ForeignKey(
        "cases.Relative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("relative"),
        help_text=_("The relative who took the step, when one did."),
    )
    authority = models.CharField(
        _("authority addressed"),
        max_length=300,
        blank=True,
        help_text=_("Such as the county police, the embassy in Astana, a court."),
    )
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step taken")
        verbose_name_plural = _("steps taken")
        ordering = [models.F("taken_on").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.taken_display()}".strip()

    def clean(self) -> None:
        truncate_dates(self, "taken_on")
        if self.relative is not None and self.relative.case_id != self.case_id:
            raise ValidationError({"relative": _("This relative is not of this case.")})
        if self.relative is not None and self.taken_by != SubmittedBy.RELATIVE:
            raise ValidationError(
                {"taken_by": _("A relative is given: choose “a relative”.")}
            )

    def taken_display(self) -> str:
        return format_date(self.taken_on, self.taken_on_precision)
