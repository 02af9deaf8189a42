"""The API's use of the access rule (cases.access): links a write may name, and
the records a bundle to load names that are hidden from its user.
"""

import uuid
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import QuerySet
from rest_framework import relations, serializers

from cases.access import User, visible
from cases.models import Case, Confidentiality, Detention, Person

if TYPE_CHECKING:
    # For the type checker, the mixin extends what it calls through super().
    _ModelSerializer = serializers.ModelSerializer[Any]
else:
    _ModelSerializer = object


def confidential_cases() -> QuerySet[Case]:
    return Case.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL)


def hidden_in_bundle(data: object, *, user: User) -> list[tuple[str, models.Model]]:
    """Return the records a case bundle names that are hidden from the user.

    Loading would overwrite them; each comes with where the bundle names it
    (`cases[0].reference`). The bundle's shape is checked later, by the loader.
    """
    if not isinstance(data, dict):
        return []
    cases = data.get("cases")
    references = {
        f"cases[{index}].reference": reference
        for index, reference in _keys_at(cases, "reference").items()
    }
    persons = {
        f"persons[{index}].id": uid
        for index, uid in _keys_at(data.get("persons"), "id").items()
    }
    detentions = {
        f"cases[{index}].detentions[{number}].id": uid
        for index, case in enumerate(cases if isinstance(cases, list) else [])
        if isinstance(case, dict)
        for number, uid in _keys_at(case.get("detentions"), "id").items()
    }
    seen_cases = Case.objects.visible_to(user).values("pk")
    seen_persons = Person.objects.visible_to(user).values("pk")
    return [
        *_hidden(references, Case.objects.exclude(pk__in=seen_cases), "reference"),
        *_hidden(persons, Person.objects.exclude(pk__in=seen_persons), "uid"),
        *_hidden(detentions, Detention.objects.exclude(case__in=seen_cases), "uid"),
    ]


def _keys_at(records: object, key: str) -> dict[int, str]:
    if not isinstance(records, list):
        return {}
    return {
        index: record[key]
        for index, record in enumerate(records)
        if isinstance(record, dict) and isinstance(record.get(key), str)
    }


def _hidden(
    keys: dict[str, str], hidden: QuerySet, field: str
) -> list[tuple[str, models.Model]]:
    """Return the hidden records these keys name, with where each is named."""
    if field == "uid":
        keys = {where: str(uid) for where, key in keys.items() if (uid := _uuid(key))}
    found = hidden.filter(**{f"{field}__in": set(keys.values())})
    by_key = {str(getattr(record, field)): record for record in found}
    return [(where, by_key[key]) for where, key in keys.items() if key in by_key]


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None  # the loader reports it


class VisibleChoicesMixin(_ModelSerializer):
    """Let a serializer link only to cases and persons the user may see.

    A reference or uid of a hidden case given in a write is refused exactly as
    one that does not exist.
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None:
            return fields
        for field in fields.values():
            related = getattr(field, "child_relation", field)
            if isinstance(related, relations.RelatedField) and isinstance(
                related.queryset, QuerySet
            ):
                related.queryset = visible(related.queryset, user=request.user)
        return fields
