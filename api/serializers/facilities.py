"""Facilities with their names, and detention episodes."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import PrecisionDateField
from cases.models import Case, Detention, Facility, FacilityName

from .base import ApiModelSerializer, api_link
from .names import MAX_NAMES, NameFormSerializer, WithNameFormsSerializer

DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision.")


class FacilityNameSerializer(NameFormSerializer[FacilityName]):
    class Meta:
        model = FacilityName
        fields = ["text", "script"]


class FacilitySerializer(WithNameFormsSerializer[Facility]):
    """A facility with its other written names; `names` replaces them all."""

    api_url = api_link("facility-detail", lookup_field="uid")
    # What many=True calls: the stubs refuse a max_length beside many=True.
    names = FacilityNameSerializer.many_init(
        required=False,
        max_length=MAX_NAMES,
        help_text=_("Other written forms of the name, in any script."),
    )

    class Meta:
        model = Facility
        fields = [
            "uid",
            "api_url",
            "name",
            "kind",
            "prefecture",
            "county",
            "latitude",
            "longitude",
            "notes",
            "names",
        ]
        read_only_fields = ["uid"]


class DetentionFieldsSerializer(ApiModelSerializer[Detention]):
    """The fields of a detention that do not depend on where it is shown."""

    started = PrecisionDateField("started_on", help_text=DATE_HELP)
    ended = PrecisionDateField("ended_on", help_text=DATE_HELP)

    class Meta:
        model = Detention
        fields = [
            "uid",
            "kind",
            "facility",
            "started",
            "ended",
            "reason",
            "charges",
            "sentence",
            "notes",
        ]
        read_only_fields = ["uid"]
        extra_kwargs = {
            "facility": {
                "help_text": _("The uid of the facility, or null when unknown.")
            }
        }

    def build_relational_field(self, field_name: str, relation_info: Any) -> tuple:
        if field_name == "facility":
            return serializers.SlugRelatedField, {
                "slug_field": "uid",
                "queryset": Facility.objects.all(),
                "allow_null": True,
                "required": False,
            }
        return super().build_relational_field(field_name, relation_info)


class DetentionSerializer(DetentionFieldsSerializer):
    """A detention episode of a case."""

    api_url = api_link("detention-detail", lookup_field="uid")
    case = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=Case.objects.all(),
        help_text=_("The reference of the case."),
    )

    class Meta(DetentionFieldsSerializer.Meta):
        fields = ["api_url", "case", *DetentionFieldsSerializer.Meta.fields]


class DetentionInCaseSerializer(DetentionFieldsSerializer):
    """A detention as the case shows it, with its facility in full."""

    facility = FacilitySerializer(
        read_only=True, allow_null=True, help_text=_("Where, when known.")
    )
