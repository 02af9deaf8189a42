"""Which records a user may know exist: hidden cases, and all that hangs off them.

A case hidden from a user (Case.objects.visible_to) is a 404 to them, and so is
every record that belongs to it: its relatives, detentions, testimonies and
citations, and the persons it names (Person.objects.visible_to), with their
mentions in articles. Facilities, articles, feeds and import jobs are not
confidential.
"""

import uuid
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet
from rest_framework import relations

from cases.models import Case, Confidentiality, Detention, Person

User = AbstractBaseUser | AnonymousUser


def visible(queryset: QuerySet, *, user: User) -> QuerySet:
    """Return the rows of a queryset this user may know exist.

    Cases and persons by their own rule; a record with a foreign key to a case
    by its case's; one with a key to a person only (a mention) by its person's.
    """
    model = queryset.model
    if model is Case:
        return queryset.visible_to(user)
    if model is Person:
        return queryset.visible_to(user)
    for owner in (Case, Person):
        keys = _keys_to(model, owner)
        if keys:
            return _through(queryset, keys, owner, user)
    return queryset


def _keys_to(model: type[models.Model], owner: type[models.Model]) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is owner
    ]


def _through(queryset: QuerySet, keys: list, owner: type, user: User) -> QuerySet:
    if _sees_everything(user):
        return queryset if user.has_perm(_view_perm(owner)) else queryset.none()
    owners = owner.objects.visible_to(user)
    for key in keys:
        seen = Q(**{f"{key.name}__in": owners.values("pk")})
        if key.null:
            seen |= Q(**{f"{key.name}__isnull": True})
        queryset = queryset.filter(seen)
    return queryset


def _sees_everything(user: User) -> bool:
    # Spares the database a subquery that would select every case.
    return user.is_active and user.has_perm("cases.view_confidential_case")


def _view_perm(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def case_references(
    records: Sequence[models.Model], *, among: QuerySet[Case]
) -> list[str]:
    """Return the references of the cases, among these, the records are or belong to.

    A case is itself; a record with a foreign key to a case belongs to that
    case; a person, or a record with a key to a person only (a mention), to
    the cases naming the person as subject, relative or witness. One query,
    whatever the number of records.
    """
    if not records:
        return []
    model = type(records[0])
    if model is Case:
        cases = among.filter(pk__in=[record.pk for record in records])
    elif model is Person:
        cases = _naming(among, {record.pk for record in records})
    elif keys := _keys_to(model, Case):
        cases = among.filter(pk__in=_values(records, keys))
    elif keys := _keys_to(model, Person):
        cases = _naming(among, _values(records, keys))
    else:
        return []
    return sorted(set(cases.values_list("reference", flat=True)))


def _values(records: Sequence[models.Model], keys: list) -> set[Any]:
    return {getattr(r, key.attname) for r in records for key in keys} - {None}


def _naming(cases: QuerySet[Case], person_ids: set[Any]) -> QuerySet[Case]:
    return cases.filter(
        Q(subject__in=person_ids)
        | Q(relatives__person__in=person_ids)
        | Q(testimonies__witness__in=person_ids)
    )


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


class VisibleChoicesMixin:
    """Let a serializer link only to cases and persons the user may see.

    A reference or uid of a hidden case given in a write is refused exactly as
    one that does not exist.
    """

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        if request is None:
            return fields
        for field in fields.values():
            related = getattr(field, "child_relation", field)
            if isinstance(related, relations.RelatedField) and isinstance(
                related.queryset, QuerySet
            ):
                related.queryset = visible(related.queryset, user=request.user)
        return fields
