"""Cases: one per missing or detained person."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from cases.dates import (
    DaysMissing,
    Precision,
    days_missing,
    format_date,
    period,
    readable_date,
    truncate_dates,
)

from .case_choices import Confidentiality, Fate, Workflow
from .case_queries import CaseQuerySet
from .case_source import CaseSource
from .persons import Person

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


__all__ = [
    "Case",
    "CaseQuerySet",
    "Confidentiality",
    "Fate",
    "Workflow",
    "next_reference",
]


def next_reference() -> str:
    """Return the next free reference for a case opened this year."""
    return Case.objects.next_reference(timezone.now().year)


class Case(CaseSource):
    """The case of one missing or detained person."""

    reference = models.CharField(
        _("reference"),
        max_length=30,
        unique=True,
        default=next_reference,
        help_text=_("A short reference to quote, such as CT-2021-0042."),
    )
    subject = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("missing or detained person"),
    )
    fate = models.CharField(
        _("fate"), max_length=20, choices=Fate, default=Fate.MISSING, db_index=True
    )
    workflow = models.CharField(
        _("workflow"),
        max_length=10,
        choices=Workflow,
        default=Workflow.NEW,
        db_index=True,
    )
    disappeared_on = models.DateField(_("disappeared on"), null=True, blank=True)
    disappeared_on_precision = models.CharField(
        _("disappearance date known to the"),
        max_length=5,
        choices=Precision,
        default=Precision.DAY,
    )
    last_contact_on = models.DateField(_("last contact on"), null=True, blank=True)
    last_contact_on_precision = models.CharField(
        _("last contact date known to the"),
        max_length=5,
        choices=Precision,
        default=Precision.DAY,
    )
    missing_until = models.DateField(
        _("released, found or died on"),
        null=True,
        blank=True,
        help_text=_("Ends the count of days missing."),
    )
    missing_until_precision = models.CharField(
        _("release, finding or death known to the"),
        max_length=5,
        choices=Precision,
        default=Precision.DAY,
    )
    place_last_seen = models.CharField(
        _("place of arrest or last sighting"), max_length=300, blank=True
    )
    believed_responsible = models.CharField(
        _("believed responsible"),
        max_length=300,
        blank=True,
        help_text=_("Which authority or unit is believed to hold the person."),
    )
    summary = models.TextField(_("summary"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned case worker"),
    )
    team = models.ForeignKey(
        "cases.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("team"),
        help_text=_("The team whose members may see the case when confidential."),
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality,
        default=Confidentiality.RESTRICTED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("view_restricted_case", _("Can view restricted cases")),
            (
                "view_team_confidential_case",
                _("Can view confidential cases of their own or their team"),
            ),
            ("view_confidential_case", _("Can view every confidential case")),
            (
                "view_sensitive_fields",
                _("Can view sensitive fields: contacts, testimony, ID numbers"),
            ),
        ]
        # SQLite refuses now() in a CHECK; updated_at is the time of writing.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disappeared_on__lte=models.F("updated_at")),
                name="case_disappearance_not_in_future",
                violation_error_message=_("The disappearance cannot be in the future."),
            ),
            models.CheckConstraint(
                condition=models.Q(last_contact_on__lte=models.F("updated_at")),
                name="case_last_contact_not_in_future",
                violation_error_message=_("The last contact cannot be in the future."),
            ),
            models.CheckConstraint(
                condition=models.Q(missing_until__lte=models.F("updated_at")),
                name="case_missing_until_not_in_future",
                violation_error_message=_(
                    "The release, finding or death cannot be in the future."
                ),
            ),
            # cases.access finds the cases a user may not see by the levels
            # they do not see: a case at no level would be neither hidden nor
            # seen.
            models.CheckConstraint(
                condition=models.Q(confidentiality__in=Confidentiality.values),
                name="case_confidentiality_is_a_level",
            ),
        ]

    def __str__(self) -> str:
        # Isolate the name, so that a right-to-left name does not pull the colon
        # or the quotes around it to its side in a right-to-left page or message.
        return f"{self.reference}: \u2068{self.subject}\u2069"

    def clean(self) -> None:
        dates = ("disappeared_on", "last_contact_on", "missing_until")
        truncate_dates(self, *dates)
        today = timezone.localdate()
        errors: dict[str, StrOrPromise] = {
            field: _("This date cannot be in the future.")
            for field in dates
            if getattr(self, field) and getattr(self, field) > today
        }
        errors.update(self.source_errors())
        if "missing_until" not in errors and self.ended_before_disappearing():
            errors["missing_until"] = _(
                "The release, finding or death cannot come before the disappearance."
            )
        if errors:
            raise ValidationError(errors)

    def ended_before_disappearing(self) -> bool:
        """Say whether the end of the absence comes before the disappearance."""
        if self.disappeared_on is None or self.missing_until is None:
            return False
        return (
            period(self.missing_until, self.missing_until_precision)[1]
            < period(self.disappeared_on, self.disappeared_on_precision)[0]
        )

    def days_missing(self, on: datetime.date | None = None) -> DaysMissing | None:
        """Count the days since the disappearance (see cases.dates), to the
        release, finding or death when there was one, else to the day given
        (today by default).
        """
        if self.disappeared_on is None:
            return None
        since = (self.disappeared_on, self.disappeared_on_precision)
        if self.missing_until is not None:
            return days_missing(
                *since, self.missing_until, self.missing_until_precision
            )
        return days_missing(*since, on or timezone.localdate())

    def days_missing_display(self, on: datetime.date | None = None) -> str:
        """Describe the days missing with the day they were counted to."""
        count = self.days_missing(on)
        if count is None:
            return ""
        if self.missing_until is None:
            as_of = readable_date(on or timezone.localdate(), Precision.DAY)
            text = ngettext(
                "%(days)s day as of %(date)s",
                "%(days)s days as of %(date)s",
                count.most,
            )
            return text % {"days": count.readable(), "date": as_of}
        until = readable_date(self.missing_until, self.missing_until_precision)
        if self.fate == Fate.RELEASED:
            text = ngettext(
                "held %(days)s day, released %(date)s",
                "held %(days)s days, released %(date)s",
                count.most,
            )
        else:
            text = ngettext(
                "%(days)s day, until %(date)s",
                "%(days)s days, until %(date)s",
                count.most,
            )
        return text % {"days": count.readable(), "date": until}

    def missing_until_display(self) -> str:
        return format_date(self.missing_until, self.missing_until_precision)

    def disappeared_display(self) -> str:
        return format_date(self.disappeared_on, self.disappeared_on_precision)
