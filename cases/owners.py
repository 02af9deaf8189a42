"""The cases that records belong to, for the access log: a case is itself, a
detention or citation belongs to its case, a person to the cases naming them."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q, QuerySet

from cases.access import keys_to
from cases.models import Case, Person

_QS = TypeVar("_QS", bound=QuerySet[Any, Any])


def case_references(records: Sequence[models.Model], *, among: QuerySet) -> list[str]:
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
    elif keys := keys_to(model, Case):
        cases = among.filter(pk__in=_values(records, keys))
    elif keys := keys_to(model, Person):
        cases = _naming(among, _values(records, keys))
    else:
        return []
    return sorted(set(cases.values_list("reference", flat=True)))


def _values(
    records: Sequence[models.Model], keys: "list[models.Field[Any, Any]]"
) -> set[Any]:
    return {getattr(r, key.attname) for r in records for key in keys} - {None}


def _naming(cases: _QS, person_ids: set[Any]) -> _QS:
    return cases.filter(
        Q(subject__in=person_ids)
        | Q(relatives__person__in=person_ids)
        | Q(testimonies__witness__in=person_ids)
    )
