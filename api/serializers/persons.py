"""Persons and the written forms of their names."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import PrecisionDateField
from cases.models import Person, PersonName

from .base import ApiModelSerializer, api_link
from .names import MAX_NAMES, NameFormSerializer, WithNameFormsSerializer

PERSON_FIELDS = [
    "uid",
    "api_url",
    "display_name",
    "names",
    "description",
    "gender",
    "ethnicity",
    "birth_date",
    "age_min",
    "age_max",
    "age_as_of",
    "citizenship",
    "origin_prefecture",
    "origin_county",
    "origin_township",
    "occupation",
    "id_document_number",
    "home_address",
    "photo",
    "photo_provenance",
    "photo_may_not_depict",
    "notes",
    "created_at",
    "updated_at",
]


class PersonNameSerializer(NameFormSerializer[PersonName]):
    class Meta:
        model = PersonName
        fields = ["text", "script", "kind", "language"]


class PersonSerializer(WithNameFormsSerializer[Person]):
    """A person with every written form of their name.

    Giving `names` when changing a person replaces all of their name forms.
    """

    api_url = api_link("person-detail", lookup_field="uid")
    display_name = serializers.CharField(
        read_only=True,
        help_text=_(
            "The primary name form, else the first one entered, else the description."
        ),
    )
    # What many=True calls: the stubs refuse a max_length beside many=True.
    names = PersonNameSerializer.many_init(
        required=False,
        max_length=MAX_NAMES,
        help_text=_("Every written form of the name, in any script."),
    )
    birth_date = PrecisionDateField(
        "birth_date",
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD: the form is the precision."),
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        read_only_fields = ["uid", "photo", "created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Refuse a person with neither a name form nor a description."""
        attrs = super().validate(attrs)
        person = Person(description=attrs.get("description", ""))
        if self.instance is not None:
            person.description = attrs.get("description", self.instance.description)
        if "names" in attrs:
            has_names = bool(attrs["names"])
        else:
            has_names = self.instance is not None and self.instance.names.exists()
        try:
            person.require_name_or_description(has_names=has_names)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {"names": error.messages}, code="nameless"
            ) from None
        return attrs


class PersonSummarySerializer(ApiModelSerializer[Person]):
    """The few fields of a person a list of cases shows."""

    display_name = serializers.CharField(
        read_only=True,
        help_text=_(
            "The primary name form, else the first one entered, else the description."
        ),
    )

    class Meta:
        model = Person
        fields = ["uid", "display_name", "gender", "ethnicity"]
