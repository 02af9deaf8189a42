"""Merge a person entered twice into one record, and undo the merge.

Every row that points at the duplicate moves to the survivor. The rows are
found through Person._meta, hidden relations included, so the mentions and
leads of the sources app, and whatever is added later, move too without this
module knowing of them. Nothing is deleted: the duplicate stays, marked
merged_into the survivor, and keeps the rows the survivor already has an
equal of (the same name form, a relative of the same case); PersonMerge
records both lists, so unmerge_persons() restores every row.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    DuplicateCandidate,
    DuplicateStatus,
    Person,
    PersonMerge,
    PersonNameKey,
)

__all__ = ["merge_persons", "related_counts", "unmerge_persons"]

# Bookkeeping about persons, not facts about them: never moved.
_NOT_MOVED = (PersonNameKey, DuplicateCandidate, PersonMerge)


def merge_persons(*, keep: Person, duplicate: Person, actor: Any) -> PersonMerge:
    """Move everything of the duplicate to the person kept, in one transaction.

    Raise ValidationError when the two are one record or either was merged
    already. Each moved row gets a history entry naming the actor.
    """
    with transaction.atomic():
        keep, duplicate = _locked(keep.pk, duplicate.pk)
        _check_mergeable(keep, duplicate)
        merge = PersonMerge(keep=keep, duplicate=duplicate, merged_by=actor)
        reason = f"merged person “{duplicate}” into “{keep}”"
        for relation in _relations():
            for row in _rows_pointing_at(relation, duplicate.pk):
                _move_or_keep(merge, row, relation, keep, actor, reason)
        _mark(duplicate, merged_into=keep, actor=actor, reason=reason)
        merge.save()
        _pair_of(keep, duplicate).update(status=DuplicateStatus.MERGED)
    return merge


def unmerge_persons(*, merge: PersonMerge, actor: Any) -> None:
    """Put every moved row back on the duplicate and make it a person again.

    Raise ValidationError when the merge was undone already, or when the kept
    person has since been merged into a third (undo that merge first).
    """
    with transaction.atomic():
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        keep, duplicate = _locked(merge.keep_id, merge.duplicate_id)
        _check_undoable(merge, keep, duplicate)
        reason = f"undid the merge of person “{duplicate}” into “{keep}”"
        for move in reversed(merge.moves):
            model = apps.get_model(move["model"])
            row = model._base_manager.filter(pk=move["pk"]).first()
            # A row deleted since, or repointed by hand, stays as it is now.
            if row is not None and getattr(row, move["field"]) == keep.pk:
                _repoint(row, move["field"], move["old"], actor, reason)
        _mark(duplicate, merged_into=None, actor=actor, reason=reason)
        merge.undone_at, merge.undone_by = timezone.now(), actor
        merge.save(update_fields=["undone_at", "undone_by"])
        _pair_of(keep, duplicate).filter(status=DuplicateStatus.MERGED).update(
            status=DuplicateStatus.OPEN
        )


def _locked(*pks: int) -> list[Person]:
    """Return the persons, locked against a concurrent merge, in the given order."""
    found = Person.objects.select_for_update().in_bulk(list(pks))
    return [found[pk] for pk in pks]


def _check_mergeable(keep: Person, duplicate: Person) -> None:
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A person cannot be merged into themselves."))
    if duplicate.merged_into_id is not None:
        raise ValidationError(
            _("Person %(id)s has been merged into another person already.")
            % {"id": duplicate.pk}
        )
    if keep.merged_into_id is not None:
        raise ValidationError(
            _(
                "Person %(id)s has been merged into person %(into)s: "
                "merge into that person instead."
            )
            % {"id": keep.pk, "into": keep.merged_into_id}
        )


def _check_undoable(merge: PersonMerge, keep: Person, duplicate: Person) -> None:
    if merge.undone:
        raise ValidationError(_("This merge has been undone already."))
    if keep.merged_into_id is not None:
        raise ValidationError(
            _(
                "Person %(id)s has since been merged into person %(into)s: "
                "undo that merge first."
            )
            % {"id": keep.pk, "into": keep.merged_into_id}
        )
    if duplicate.merged_into_id != keep.pk:
        raise ValidationError(_("The duplicate is no longer merged into this person."))


def _relations() -> list[ForeignObjectRel]:
    """Return every foreign key to Person of another model, hidden ones too."""
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel)
        and not field.many_to_many
        # django-simple-history's copies record the past: they never move.
        and not hasattr(_model_of(field), "instance_type")
        and not issubclass(_model_of(field), _NOT_MOVED)
    ]


def _model_of(relation: ForeignObjectRel) -> type[models.Model]:
    """Return the model whose foreign key the relation is (its related_model).

    Django's related_model of a reverse relation is its field's model; the
    stubs type it as a forward key's, which may be the string 'self'.
    """
    return relation.field.model


def _rows_pointing_at(relation: ForeignObjectRel, pk: int) -> list[models.Model]:
    manager = _model_of(relation)._base_manager
    return list(manager.filter(**{relation.field.attname: pk}).order_by("pk"))


def _move_or_keep(
    merge: PersonMerge,
    row: models.Model,
    relation: ForeignObjectRel,
    keep: Person,
    actor: Any,
    reason: str,
) -> None:
    """Move the row to the kept person, unless the kept person has its equal."""
    field = relation.field.attname
    entry = {"model": row._meta.label_lower, "pk": str(row.pk), "field": field}
    old = getattr(row, field)
    setattr(row, field, keep.pk)
    try:
        # The model's own rules say what counts as an equal: a unique
        # constraint (one name text per person, one relative per case) or
        # clean() (a missing person is not their own relative).
        row.validate_unique()
        row.validate_constraints()
        row.clean()
    except ValidationError as error:
        setattr(row, field, old)
        merge.kept.append({**entry, "reason": " ".join(error.messages)})
        return
    setattr(row, field, old)
    _repoint(row, field, keep.pk, actor, reason)
    merge.moves.append({**entry, "old": old})


def _repoint(
    row: models.Model, field: str, value: int, actor: Any, reason: str
) -> None:
    """Save one changed foreign key, with a history entry where the model has one."""
    setattr(row, field, value)
    row._history_user = actor  # type: ignore[attr-defined]  # simple_history reads it on save
    row._change_reason = reason  # type: ignore[attr-defined]  # simple_history reads it on save
    row.save(update_fields=[field])


def _mark(
    person: Person, *, merged_into: Person | None, actor: Any, reason: str
) -> None:
    person.merged_into = merged_into
    person._history_user = actor  # type: ignore[attr-defined]  # simple_history reads it on save
    person._change_reason = reason  # type: ignore[attr-defined]  # simple_history reads it on save
    person.save(update_fields=["merged_into", "updated_at"])


def _pair_of(a: Person, b: Person) -> models.QuerySet:
    low, high = sorted((a.pk, b.pk))
    return DuplicateCandidate.objects.filter(person_a_id=low, person_b_id=high)


def related_counts(person: Person) -> list[tuple[str, int]]:
    """Return how many rows of each kind point at the person, for a comparison."""
    counts = []
    for relation in _relations():
        model = _model_of(relation)
        count = model._base_manager.filter(
            **{relation.field.attname: person.pk}
        ).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    return counts
