"""Cases: the row of a list, the nested record, and the nested create."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import DaysMissingField, PrecisionDateField
from cases import access
from cases.models import Case, Detention, Relative, Testimony

from .base import ApiModelSerializer, api_link, errors_at, nested
from .case_records import (
    SOURCE_FIELDS,
    SOURCE_HELP,
    StateClaimInCaseSerializer,
    StepInCaseSerializer,
    SubmissionInCaseSerializer,
    hide_source,
)
from .facilities import DetentionFieldsSerializer, DetentionInCaseSerializer
from .persons import PersonSerializer, PersonSummarySerializer
from .relatives import NewRelativeSerializer, RelativeInCaseSerializer
from .sources import CitationInCaseSerializer
from .testimonies import TestimonyInCaseSerializer

DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision.")
CASE_FIELDS = [
    "reference",
    "api_url",
    "subject",
    "fate",
    "workflow",
    "confidentiality",
    "disappeared",
    "last_contact",
    "missing_until",
    "days_missing",
    "place_last_seen",
    "believed_responsible",
    "summary",
    "assigned_to",
    "created_at",
    "updated_at",
]
MAX_RELATED = 100


@extend_schema_field(PersonSummarySerializer)
class SubjectSummaryField(serializers.Field):
    """The subject of a listed case, as PersonSummarySerializer gives it.

    The display name comes from the list's `subject_name` annotation
    (display_name_of) rather than from every name form of every subject.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, case: Case) -> dict[str, Any]:
        subject = case.subject
        name = getattr(case, "subject_name", None)
        return {
            "uid": str(subject.uid),
            "display_name": subject.display_name if name is None else name,
            "gender": subject.gender,
            "ethnicity": subject.ethnicity,
        }


class CaseSerializer(ApiModelSerializer[Case]):
    """A case as lists show it: its own fields and who the subject is."""

    api_url = api_link("case-detail", lookup_field="reference")
    # PersonSerializer in the record, and in a new case.
    subject: serializers.Field = SubjectSummaryField(
        help_text=_("The missing or detained person.")
    )
    disappeared = PrecisionDateField("disappeared_on", help_text=DATE_HELP)
    last_contact = PrecisionDateField("last_contact_on", help_text=DATE_HELP)
    missing_until = PrecisionDateField(
        "missing_until",
        help_text=_(
            "When the person was released, found or died: YYYY, YYYY-MM or "
            "YYYY-MM-DD. Ends the count of days missing."
        ),
    )
    days_missing = DaysMissingField(
        allow_null=True,
        help_text=_(
            "Days since the disappearance (day 0) to the release, finding or "
            "death, else to the day given in `as_of`; a range when a date is "
            "known only to the month or year; null when unknown."
        ),
    )
    assigned_to = serializers.SlugRelatedField(
        slug_field="username",
        queryset=access.assignable_users(),
        allow_null=True,
        required=False,
        # One message whether the account is missing or not a case worker's:
        # an answer must not tell which usernames exist.
        error_messages={"does_not_exist": _("Not a case worker's username.")},
        help_text=_(
            "Username of the assigned case worker (active staff who may change "
            "cases). A new case is assigned to its author when not given."
        ),
    )

    class Meta:
        model = Case
        fields = CASE_FIELDS
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"reference": {"required": False}}


class CaseDetailSerializer(CaseSerializer):
    """A case with its subject, relatives, detentions, testimonies and citations."""

    subject = PersonSerializer(
        read_only=True, help_text=_("The missing or detained person.")
    )
    relatives = RelativeInCaseSerializer(
        many=True, read_only=True, help_text=_("Relatives of the missing person.")
    )
    detentions = DetentionInCaseSerializer(
        many=True, read_only=True, help_text=_("Detention episodes, oldest first.")
    )
    testimonies = TestimonyInCaseSerializer(
        many=True, read_only=True, help_text=_("Testimonies about the case.")
    )
    citations = CitationInCaseSerializer(
        many=True, read_only=True, help_text=_("Sources for the case.")
    )
    steps = StepInCaseSerializer(
        many=True,
        read_only=True,
        help_text=_("Steps taken to find the person, oldest first."),
    )
    state_claims = StateClaimInCaseSerializer(
        many=True, read_only=True, help_text=_("What officials claimed, oldest first.")
    )
    submissions = SubmissionInCaseSerializer(
        many=True,
        read_only=True,
        help_text=_("Submissions of the case to the UN Working Group."),
    )

    class Meta(CaseSerializer.Meta):
        fields = [
            *CASE_FIELDS,
            *SOURCE_FIELDS,
            "relatives",
            "detentions",
            "steps",
            "state_claims",
            "submissions",
            "testimonies",
            "citations",
        ]
        read_only_fields = [*CaseSerializer.Meta.read_only_fields, *SOURCE_FIELDS]
        extra_kwargs: dict[str, dict[str, Any]] = {
            **CaseSerializer.Meta.extra_kwargs,
            "submitting_relative": {"help_text": SOURCE_HELP},
        }

    def to_representation(self, instance: Case) -> dict[str, Any]:
        data = super().to_representation(instance)
        return hide_source(data, instance, self.context.get("request"))


class NewCaseSerializer(CaseSerializer):
    """A new case with its subject, relatives, detentions and testimonies at once.

    The subject and relatives are new persons; detentions name existing
    facilities by uid, testimonies existing witnesses by uid. Nothing is
    created unless everything is valid.
    """

    subject = PersonSerializer(help_text=_("The missing or detained person."))
    # What many=True calls: the stubs refuse a max_length beside many=True.
    relatives = NewRelativeSerializer.many_init(
        required=False,
        max_length=MAX_RELATED,
        help_text=_("Relatives, each created as a new person."),
    )
    detentions = DetentionFieldsSerializer.many_init(
        required=False,
        max_length=MAX_RELATED,
        help_text=_("Detention episodes; facilities by uid."),
    )
    testimonies = TestimonyInCaseSerializer.many_init(
        required=False,
        max_length=MAX_RELATED,
        help_text=_("Testimonies; witnesses (existing persons) by uid."),
    )

    class Meta(CaseSerializer.Meta):
        fields = [*CASE_FIELDS, "relatives", "detentions", "testimonies"]

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> Case:
        relatives = validated_data.pop("relatives", [])
        detentions = validated_data.pop("detentions", [])
        testimonies = validated_data.pop("testimonies", [])
        with errors_at("subject"):
            subject = nested(self.fields["subject"]).create(
                validated_data.pop("subject")
            )
        if "assigned_to" not in validated_data:
            # As in the admin: a confidential case stays visible to its author.
            author = self.context["request"].user
            validated_data["assigned_to"] = (
                access.assignable_users().filter(pk=author.pk).first()
            )
        case = Case(subject=subject, **validated_data)
        self.clean_and_save(case)
        relative_rules = nested(self.fields["relatives"])
        for index, data in enumerate(relatives):
            with errors_at("relatives", index, "person"):
                person = nested(relative_rules.fields["person"]).create(
                    data.pop("person")
                )
            with errors_at("relatives", index):
                relative_rules.clean_and_save(
                    Relative(case=case, person=person, **data)
                )
        detention_rules = nested(self.fields["detentions"])
        for index, data in enumerate(detentions):
            with errors_at("detentions", index):
                detention_rules.clean_and_save(Detention(case=case, **data))
        testimony_rules = nested(self.fields["testimonies"])
        for index, data in enumerate(testimonies):
            with errors_at("testimonies", index):
                testimony_rules.clean_and_save(Testimony(case=case, **data))
        return case

    def to_representation(self, instance: Case) -> dict[str, Any]:
        return CaseDetailSerializer(instance, context=self.context).data
