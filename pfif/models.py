"""What a PFIF import keeps: which record became which person, and the notes
of other repositories, as they came (less the contacts they carry)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Person

__all__ = ["ExternalNote", "ImportedRecord", "NoteStatus"]


class NoteStatus(models.TextChoices):
    INFORMATION_SOUGHT = "information_sought", _("information sought")
    IS_NOTE_AUTHOR = "is_note_author", _("the author is the person")
    BELIEVED_ALIVE = "believed_alive", _("believed alive")
    BELIEVED_MISSING = "believed_missing", _("believed missing")
    BELIEVED_DEAD = "believed_dead", _("believed dead")


class ImportedRecord(models.Model):
    """A PFIF person record imported: the person it became, as of its source date.

    A record imported again updates the person only when its source date is
    newer than this one.
    """

    record_id = models.CharField(
        _("PFIF person record id"),
        max_length=500,
        unique=True,
        help_text=_("domain/local-id, as the record's repository gave it."),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="pfif_records",
        verbose_name=_("person"),
    )
    source_date = models.DateTimeField(_("source date"))
    source_name = models.CharField(_("source"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported PFIF record")
        verbose_name_plural = _("imported PFIF records")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.record_id


class ExternalNote(models.Model):
    """A PFIF note of another repository about a person: its author's word.

    Its contacts (the author's and the found person's e-mail and phone) are
    not kept.
    """

    record_id = models.CharField(_("PFIF note record id"), max_length=500, unique=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="pfif_notes",
        verbose_name=_("person"),
    )
    author_name = models.CharField(_("author"), max_length=300, blank=True)
    source_date = models.DateTimeField(_("source date"))
    status = models.CharField(
        _("status"), max_length=20, choices=NoteStatus, blank=True
    )
    linked_record_id = models.CharField(
        _("linked person record id"),
        max_length=500,
        blank=True,
        help_text=_("A record its author believes is the same person."),
    )
    last_known_location = models.CharField(
        _("last known location"), max_length=500, blank=True
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("external note")
        verbose_name_plural = _("external notes")
        ordering = ["source_date", "id"]

    def __str__(self) -> str:
        return self.record_id
