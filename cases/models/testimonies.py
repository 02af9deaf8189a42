"""Testimonies given about a case: sensitive, encrypted at rest."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.encryption import EncryptedTextField

from .cases import Case
from .persons import Person
from .relatives import Consent

__all__ = ["Testimony"]


class Testimony(models.Model):
    """What a witness or relative told the group about a case, in their words."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="testimonies",
        verbose_name=_("case"),
    )
    witness = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="testimonies_given",
        verbose_name=_("given by"),
        help_text=_("Leave empty for an anonymous testimony."),
    )
    given_on = models.DateField(_("given on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    text = EncryptedTextField(
        _("testimony"),
    )
    consent = models.CharField(
        _("consent to publication"),
        max_length=10,
        choices=Consent,
        default=Consent.NONE,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        # Undated testimonies last on every database (SQLite sorts NULL first).
        ordering = ["case", models.F("given_on").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        # Never the text: a title ends up in logs, messages and history.
        return _("Testimony for %(case)s") % {"case": self.case.reference}
