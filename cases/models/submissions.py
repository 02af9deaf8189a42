"""Submissions of a case to the UN Working Group, and the state's claims."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.dates import Precision, format_date, truncate_dates

from .cases import Case

__all__ = ["Procedure", "StateClaim", "Submission", "SubmissionStatus"]


class Procedure(models.TextChoices):
    STANDARD = "standard", _("standard procedure")
    URGENT = "urgent", _("urgent action")


class SubmissionStatus(models.TextChoices):
    """Where a case stands with the Working Group (its methods of work)."""

    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent to the Working Group")
    TRANSMITTED = "transmitted", _("transmitted to the government")
    REPLIED = "replied", _("the government replied")
    CLARIFIED = "clarified", _("clarified")
    DISCONTINUED = "discontinued", _("closed or discontinued")


class Submission(models.Model):
    """One submission of a case to the Working Group, followed to its end."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("case"),
    )
    procedure = models.CharField(
        _("procedure"), max_length=10, choices=Procedure, default=Procedure.STANDARD
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=SubmissionStatus,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    wgeid_reference = models.CharField(
        _("Working Group's reference"),
        max_length=100,
        blank=True,
        help_text=_("The number the Working Group gave the case."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submission to the Working Group")
        verbose_name_plural = _("submissions to the Working Group")
        ordering = [models.F("sent_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(sent_on__isnull=False),
                name="submission_sent_has_date",
                violation_error_message=_("A submission sent needs the day it was."),
            )
        ]

    def __str__(self) -> str:
        sent = self.sent_on.isoformat() if self.sent_on else self.get_status_display()
        return f"{self.wgeid_reference or self.get_procedure_display()} ({sent})"


class StateClaim(models.Model):
    """What officials claimed about the person: the state's version, dated and sourced.

    A government's reply to a submission is a state claim with that submission.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="state_claims",
        verbose_name=_("case"),
    )
    claimed_on = models.DateField(_("claimed on"), null=True, blank=True)
    claimed_on_precision = models.CharField(
        _("date known to the"), max_length=5, choices=Precision, default=Precision.DAY
    )
    text = models.TextField(
        _("state's version"), help_text=_("What officials claimed about the person.")
    )
    claimed_by = models.CharField(
        _("claimed by"),
        max_length=300,
        blank=True,
        help_text=_("The official or authority who made the claim."),
    )
    source = models.CharField(_("source of the claim"), max_length=500, blank=True)
    submission = models.ForeignKey(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to the submission"),
        help_text=_("Set when the claim is the government's reply to the UN."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state claim")
        verbose_name_plural = _("state claims")
        ordering = [models.F("claimed_on").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return f"{self.claimed_display() or '?'}: {self.text[:60]}"

    def clean(self) -> None:
        truncate_dates(self, "claimed_on")
        if self.submission is not None and self.submission.case_id != self.case_id:
            raise ValidationError(
                {"submission": _("This submission is not of this case.")}
            )

    def claimed_display(self) -> str:
        return format_date(self.claimed_on, self.claimed_on_precision)
