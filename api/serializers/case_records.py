"""What a case did with the UN: steps taken, state claims, submissions, source."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import PrecisionDateField
from cases import access
from cases.models import Case, Relative, StateClaim, Step, Submission

from .base import ApiModelSerializer

DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision.")
SOURCE_FIELDS = [
    "submitted_by",
    "submitting_relative",
    "source_confidential",
    "consents_to_un_submission",
    "un_consent_given_on",
    "consents_to_publication",
    "publication_consent_given_on",
]
SOURCE_HELP = _(
    "The id of the relative who submits the case (see `relatives`); null when "
    "none, and for users who may not see a confidential source or relatives."
)


def may_see_relative(request: Any, case: Case | None) -> bool:
    """Say whether the request's user may see which relative is named here.

    Who may not view relatives never does; a confidential source (the Working
    Group's sixth element) only who may see sensitive fields.
    """
    if request is None:
        return True
    user = request.user
    if not access.may_view(user, Relative):
        return False
    confidential = case is None or case.source_confidential
    return not confidential or not access.hidden_fields(user, Relative)


class StepInCaseSerializer(ApiModelSerializer[Step]):
    """A step taken to find the person, as the case shows it."""

    taken = PrecisionDateField("taken_on", help_text=DATE_HELP)
    relative: serializers.PrimaryKeyRelatedField[Relative] = (
        serializers.PrimaryKeyRelatedField(
            read_only=True,
            allow_null=True,
            help_text=_(
                "The id of the relative who took the step; null when the group did, "
                "and for users who may not see relatives."
            ),
        )
    )

    class Meta:
        model = Step
        fields = [
            "uid",
            "taken",
            "kind",
            "taken_by",
            "relative",
            "authority",
            "outcome",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Step) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not access.may_view(request.user, Relative):
            data["relative"] = None
        return data


class SubmissionInCaseSerializer(ApiModelSerializer[Submission]):
    """A submission of the case to the UN Working Group."""

    class Meta:
        model = Submission
        fields = ["uid", "procedure", "status", "sent_on", "wgeid_reference", "notes"]
        read_only_fields = fields


class StateClaimInCaseSerializer(ApiModelSerializer[StateClaim]):
    """What officials claimed about the person; a reply names its submission."""

    claimed = PrecisionDateField("claimed_on", help_text=DATE_HELP)
    submission: serializers.SlugRelatedField[Submission] = serializers.SlugRelatedField(
        slug_field="uid",
        read_only=True,
        allow_null=True,
        help_text=_("The uid of the submission this claim replies to, if any."),
    )

    class Meta:
        model = StateClaim
        fields = ["uid", "claimed", "text", "claimed_by", "source", "submission"]
        read_only_fields = fields


def hide_source(data: dict[str, Any], case: Case, request: Any) -> dict[str, Any]:
    """Empty a case's submitting relative for a user who may not see who it is."""
    if data.get("submitting_relative") is not None and not may_see_relative(
        request, case
    ):
        data["submitting_relative"] = None
    return data


class WgeidElementSerializer(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["name", "date", "place", "responsible", "steps", "source"],
        help_text=_("Which of the Working Group's six elements."),
    )
    name = serializers.CharField(source="label", help_text=_("The element, in words."))
    present = serializers.BooleanField(help_text=_("Whether the case has it."))
    reason = serializers.CharField(
        help_text=_("What the case holds, or why the element is missing.")
    )


class WgeidChecklistSerializer(serializers.Serializer):
    """The UN Working Group's six elements for a case, and whether it is urgent."""

    reference = serializers.CharField(help_text=_("The case's reference."))
    ready = serializers.BooleanField(help_text=_("Whether all six are present."))
    urgent = serializers.BooleanField(
        help_text=_(
            "Whether the disappearance may be under three months old (the "
            "urgent-action procedure)."
        )
    )
    urgent_reason = serializers.CharField(
        help_text=_("Why the case is urgent; empty when it is not.")
    )
    elements = WgeidElementSerializer(
        many=True, help_text=_("The six elements, in the Working Group's order.")
    )
