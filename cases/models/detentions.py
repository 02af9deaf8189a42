"""Facilities and the detention episodes of a case."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.dates import Precision, format_date, truncate_dates

from .cases import Case
from .names import NameForm

__all__ = ["Detention", "DetentionKind", "Facility", "FacilityKind", "FacilityName"]


class FacilityKind(models.TextChoices):
    CAMP = "camp", _('camp ("vocational training centre")')
    DETENTION_CENTRE = "detention_centre", _("detention centre")
    PRISON = "prison", _("prison")
    POLICE_STATION = "police_station", _("police station")
    OTHER = "other", _("other")


class DetentionKind(models.TextChoices):
    CAMP = "camp", _("camp")
    PRISON = "prison", _("prison")
    POLICE_CUSTODY = "police_custody", _("police custody")
    HOUSE_ARREST = "house_arrest", _("house arrest")
    OTHER = "other", _("other")


class Facility(models.Model):
    """A camp, prison or police station where people are held."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        _("name"), max_length=300, help_text=_("The name most sources use, in Latin.")
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=FacilityKind,
        default=FacilityKind.CAMP,
        db_index=True,
    )
    prefecture = models.CharField(
        _("prefecture"), max_length=200, blank=True, db_index=True
    )
    county = models.CharField(_("county or city"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="facility_coordinates_valid",
                violation_error_message=_(
                    "Give both latitude and longitude, or neither."
                ),
            )
        ]

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.county, self.prefecture) if part)
        return f"{self.name} ({place})" if place else self.name


class FacilityName(NameForm):
    """Another written form of a facility's name, in any script."""

    facility = models.ForeignKey(
        Facility,
        on_delete=models.CASCADE,
        related_name="names",
        verbose_name=_("facility"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility name")
        verbose_name_plural = _("facility names")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "text"], name="facilityname_unique_text"
            )
        ]


class Detention(models.Model):
    """One episode of detention in a case."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="detentions",
        verbose_name=_("case"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DetentionKind, default=DetentionKind.CAMP
    )
    facility = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detentions",
        verbose_name=_("facility"),
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    started_on_precision = models.CharField(
        _("start known to the"), max_length=5, choices=Precision, default=Precision.DAY
    )
    ended_on = models.DateField(_("until"), null=True, blank=True)
    ended_on_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision, default=Precision.DAY
    )
    reason = models.TextField(_("reported reason"), blank=True)
    charges = models.TextField(_("charges"), blank=True)
    sentence = models.CharField(_("sentence"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("detention")
        verbose_name_plural = _("detentions")
        ordering = [models.F("started_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__gte=models.F("started_on"))
                | models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True),
                name="detention_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self) -> str:
        where = self.facility.name if self.facility else self.get_kind_display()
        return f"{where} from {self.started_display() or '?'}"

    def clean(self) -> None:
        truncate_dates(self, "started_on", "ended_on")

    def started_display(self) -> str:
        return format_date(self.started_on, self.started_on_precision)

    def ended_display(self) -> str:
        return format_date(self.ended_on, self.ended_on_precision)
