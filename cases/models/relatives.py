"""Relatives linked to a case, and what they agreed to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.encryption import EncryptedTextField

from .cases import Case
from .persons import Person

__all__ = ["Consent", "Relationship", "Relative"]


class Relationship(models.TextChoices):
    BROTHER = "brother", _("brother")
    SISTER = "sister", _("sister")
    FATHER = "father", _("father")
    MOTHER = "mother", _("mother")
    SON = "son", _("son")
    DAUGHTER = "daughter", _("daughter")
    HUSBAND = "husband", _("husband")
    WIFE = "wife", _("wife")
    UNCLE = "uncle", _("uncle")
    AUNT = "aunt", _("aunt")
    COUSIN = "cousin", _("cousin")
    NEPHEW = "nephew", _("nephew")
    NIECE = "niece", _("niece")
    GRANDPARENT = "grandparent", _("grandparent")
    GRANDCHILD = "grandchild", _("grandchild")
    IN_LAW = "in_law", _("in-law")
    FRIEND = "friend", _("friend")
    OTHER = "other", _("other")


class Consent(models.TextChoices):
    NONE = "none", _("no publication")
    ANONYMISED = "anonymised", _("anonymised publication")
    FULL = "full", _("publication with name")


class Relative(models.Model):
    """A person linked to a case: who they are to the missing person."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="relatives", verbose_name=_("case")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="relative_of",
        verbose_name=_("relative"),
    )
    relationship = models.CharField(
        _("relationship to the missing person"),
        max_length=12,
        choices=Relationship,
        help_text=_("The relative is the missing person's ..."),
    )
    reported_case = models.BooleanField(_("reported the case"), default=False)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    country_of_residence = CountryField(_("country of residence"), blank=True)
    contact_details = EncryptedTextField(
        _("contact details"),
        blank=True,
        help_text=_("Sensitive: never copy into notes, titles or messages."),
    )
    address = EncryptedTextField(
        _("exact address"),
        blank=True,
    )
    consent = models.CharField(
        _("consent to publication"),
        max_length=10,
        choices=Consent,
        default=Consent.NONE,
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"], name="relative_once_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(reported_case=True)
                | models.Q(reported_on__isnull=True),
                name="relative_report_date_needs_report",
                violation_error_message=_(
                    "A report date is only for a relative who reported the case."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"

    def clean(self) -> None:
        if self.case_id and self.person_id and self.case.subject_id == self.person_id:
            raise ValidationError(
                {"person": _("The missing person cannot be their own relative.")}
            )
