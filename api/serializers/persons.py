"""Persons and the written forms of their names."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import PrecisionDateField
from cases.models import Person, PersonName
from cases.names import search_key

from .base import ApiModelSerializer, api_link

PERSON_FIELDS = [
    "uid",
    "api_url",
    "display_name",
    "names",
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
    "photo",
    "photo_provenance",
    "photo_may_not_depict",
    "notes",
    "created_at",
    "updated_at",
]
MAX_NAMES = 50


class PersonNameSerializer(ApiModelSerializer):
    class Meta:
        model = PersonName
        fields = ["text", "script", "kind", "language"]

    def validate_text(self, text: str) -> str:
        text = " ".join(text.split())
        if not search_key(text):
            raise serializers.ValidationError(
                _("A name needs at least one letter or character.")
            )
        return text


class PersonSerializer(ApiModelSerializer):
    """A person with every written form of their name.

    Giving `names` when changing a person replaces all of their name forms.
    """

    api_url = api_link("person-detail", lookup_field="uid")
    display_name = serializers.CharField(
        read_only=True,
        help_text=_("The primary name form, else the first one entered."),
    )
    names = PersonNameSerializer(
        many=True,
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

    def validate_names(self, names: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        for name in names:
            folded = name["text"].casefold()
            if folded in seen:
                raise serializers.ValidationError(
                    _("The name form '%(text)s' is given twice.") % name
                )
            seen.add(folded)
        return names

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> Person:
        names = validated_data.pop("names", [])
        person = Person(**validated_data)
        self.clean_and_save(person)
        self.save_names(person, names)
        return person

    @transaction.atomic
    def update(self, instance: Person, validated_data: dict[str, Any]) -> Person:
        names = validated_data.pop("names", None)
        person = super().update(instance, validated_data)
        if names is not None:
            person.names.all().delete()
            self.save_names(person, names)
        return person

    def save_names(self, person: Person, names: list[dict[str, Any]]) -> None:
        PersonName.objects.bulk_create(
            [PersonName(person=person, **name) for name in names]
        )
        # The caller reads the names back through the prefetch cache.
        person._prefetched_objects_cache = {}


class PersonSummarySerializer(ApiModelSerializer):
    """The few fields of a person a list of cases shows."""

    display_name = serializers.CharField(
        read_only=True,
        help_text=_("The primary name form, else the first one entered."),
    )

    class Meta:
        model = Person
        fields = ["uid", "display_name", "gender", "ethnicity"]
