"""Who brought a case to the group, and what the family agreed to."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = ["CaseSource", "SubmittedBy"]


class SubmittedBy(models.TextChoices):
    GROUP = "group", _("the group")
    RELATIVE = "relative", _("a relative")


class CaseSource(models.Model):
    """The source of a case, as the Working Group asks for it (its sixth element).

    A field set of Case, kept apart so the case model stays readable.
    """

    submitted_by = models.CharField(
        _("submitted by"),
        max_length=10,
        choices=SubmittedBy,
        blank=True,
        help_text=_("Who submits the case: the group, or a relative of the person."),
    )
    submitting_relative = models.ForeignKey(
        "cases.Relative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_cases",
        verbose_name=_("submitting relative"),
        help_text=_("The relative who submits, when a relative does."),
    )
    # Silence means protect: a source is named only when the family says so.
    source_confidential = models.BooleanField(
        _("keep the source's identity confidential"),
        default=True,
        help_text=_("The Working Group keeps the source's identity from the state."),
    )
    consents_to_un_submission = models.BooleanField(
        _("the family consents to a UN submission"), default=False
    )
    un_consent_given_on = models.DateField(
        _("UN consent given on"), null=True, blank=True
    )
    consents_to_publication = models.BooleanField(
        _("the family consents to publication"),
        default=False,
        help_text=_("Needed before the case is published or shared (PFIF)."),
    )
    publication_consent_given_on = models.DateField(
        _("publication consent given on"), null=True, blank=True
    )

    class Meta:
        abstract = True

    def source_errors(self) -> "dict[str, StrOrPromise]":
        """Return the source fields that contradict each other, with why."""
        errors: dict[str, StrOrPromise] = {}
        relative = self.submitting_relative
        if relative is not None and relative.case_id != self.pk:
            errors["submitting_relative"] = _("This relative is not of this case.")
        if relative is not None and self.submitted_by != SubmittedBy.RELATIVE:
            errors["submitted_by"] = _(
                "A submitting relative is given: choose “a relative”."
            )
        if self.un_consent_given_on and not self.consents_to_un_submission:
            errors["un_consent_given_on"] = _("A date is only for a consent given.")
        if self.publication_consent_given_on and not self.consents_to_publication:
            errors["publication_consent_given_on"] = _(
                "A date is only for a consent given."
            )
        return errors

    def clean_source(self) -> None:
        """Refuse source fields that contradict each other."""
        if errors := self.source_errors():
            raise ValidationError(errors)
