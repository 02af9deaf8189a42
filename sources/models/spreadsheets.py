"""Spreadsheet imports: which file (by SHA-256) was imported, by whom, with what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SpreadsheetImport"]


class SpreadsheetImport(models.Model):
    """One import of cases from a CSV or XLSX file that was written.

    Dry runs write nothing, this record included.
    """

    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        db_index=True,
        help_text=_("The SHA-256 of the imported file, to tell which file it was."),
    )
    filename = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    cases_created = models.PositiveIntegerField(_("cases created"), default=0)
    cases_updated = models.PositiveIntegerField(_("cases updated"), default=0)
    persons_created = models.PositiveIntegerField(_("persons created"), default=0)
    persons_updated = models.PositiveIntegerField(_("persons updated"), default=0)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename
