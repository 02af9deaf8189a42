"""Name forms, shared by persons and facilities."""

from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Facility, Person
from cases.models.names import NameForm
from cases.names import search_key

from .base import ApiModelSerializer, nested

MAX_NAMES = 50

_Form = TypeVar("_Form", bound=models.Model)
# The records with name forms in `names`.
_Named = TypeVar("_Named", bound=Person | Facility)


class NameFormSerializer(ApiModelSerializer[_Form]):
    """A written form of a name: its text must hold a letter or character."""

    def validate_text(self, text: str) -> str:
        text = " ".join(text.split())
        if not search_key(text):
            raise serializers.ValidationError(
                _("A name needs at least one letter or character.")
            )
        return text


class WithNameFormsSerializer(ApiModelSerializer[_Named]):
    """A record with name forms in `names`; giving `names` replaces them all."""

    def validate_names(self, names: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        for index, name in enumerate(names):
            # A PATCH makes every nested field optional; a name form still
            # needs its text, since giving `names` replaces them all.
            if "text" not in name:
                required = serializers.Field.default_error_messages["required"]
                # Keyed by position, as DRF's ListField keys its items' errors;
                # the stubs allow only text keys.
                raise serializers.ValidationError(
                    {index: {"text": [required]}}  # type: ignore[dict-item]  # int key
                )
            folded = name["text"].casefold()
            if folded in seen:
                raise serializers.ValidationError(
                    _("The name form '%(text)s' is given twice.") % name
                )
            seen.add(folded)
        return names

    @transaction.atomic
    def create(self, validated_data: dict[str, Any]) -> _Named:
        names = validated_data.pop("names", [])
        owner = super().create(validated_data)
        self.save_names(owner, names)
        return owner

    @transaction.atomic
    def update(self, instance: _Named, validated_data: dict[str, Any]) -> _Named:
        names = validated_data.pop("names", None)
        owner = super().update(instance, validated_data)
        if names is not None:
            owner.names.all().delete()
            self.save_names(owner, names)
        return owner

    def save_names(self, owner: _Named, names: list[dict[str, Any]]) -> None:
        # PersonName or FacilityName (the stubs leave Meta.model's type unbound).
        model: type[NameForm] = nested(self.fields["names"]).Meta.model
        owner_field = owner._meta.model_name  # person, facility
        if owner_field is None:
            raise TypeError(f"{type(owner).__name__} has no model name.")
        model.objects.bulk_create([model(**{owner_field: owner}, **n) for n in names])
        # The answer reads the names anew: a full refresh forgets the ones
        # prefetched before the write.
        owner.refresh_from_db()
