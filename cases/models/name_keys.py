"""Indexed keys of person name forms, for candidate lookup and search."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.db import connections, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.names.keys import SINGLE, SOUND, WORD, name_keys, part_codes, sound_key
from cases.names.normalise import Part

if TYPE_CHECKING:
    from .person_names import PersonName

__all__ = ["PersonNameKey"]

# Shorter prefixes would select most of the table.
MIN_PREFIX = 2


class NameId(TypedDict):
    """A row of .values("name_id")."""

    name_id: int


class PersonNameKeyQuerySet(models.QuerySet["PersonNameKey"]):
    def active(self) -> "PersonNameKeyQuerySet":
        """Return the keys of persons not merged into another person.

        An anti-join on the few merged persons, not a join to every person:
        the planner keeps a lookup of a few keys on the index.
        """
        # The key's related_model: Django takes it from remote_field.model.
        person = self.model._meta.get_field("person").remote_field.model
        merged = person._base_manager.filter(merged_into__isnull=False).values("pk")
        return self.exclude(person_id__in=merged)

    def name_ids_matching(
        self, parts: list[Part]
    ) -> "models.QuerySet[PersonNameKey, NameId]":
        """Return the ids of name forms that have a match for every query part.

        A part matches a word of the form that starts with its stem (unfinished
        typing, suffixes), or one that sounds alike in another script.
        """
        matching = None
        for part in parts:
            ids = self.filter(self._part_condition(part)).values("name_id")
            matching = ids if matching is None else ids.filter(name_id__in=matching)
        assert matching is not None  # noqa: S101 - callers pass at least one part  # nosec B101
        return matching

    def _part_condition(self, part: Part) -> Q:
        condition = self._prefix(WORD + part.stem)
        if part.is_han:
            return condition | Q(key__in=[SINGLE + c for c in part_codes(part)])
        sound = sound_key(part)
        return condition | Q(key=SOUND + sound) if sound else condition

    def _prefix(self, prefix: str) -> Q:
        if len(prefix) < len(WORD) + MIN_PREFIX:
            return Q(key=prefix)
        condition = Q(key__startswith=prefix)
        if connections[self.db].vendor == "sqlite":
            # SQLite's LIKE is case-insensitive, so it never uses the index;
            # keys are folded, so the same prefix as a range does.
            upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            condition &= Q(key__gte=prefix, key__lt=upper)
        return condition


class PersonNameKey(models.Model):
    """One lookup key of a name form (see cases.names.normalise.name_keys).

    Written by PersonName.objects.sync_keys() on every path that saves name
    forms; `manage.py rebuild_name_keys` repairs the table.
    """

    name = models.ForeignKey(
        "PersonName",
        on_delete=models.CASCADE,
        related_name="keys",
        verbose_name=_("name form"),
    )
    # Copied from the name form so that a lookup needs no join.
    person = models.ForeignKey(
        "Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    key = models.CharField(_("key"), max_length=80)

    objects = PersonNameKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
        constraints = [
            models.UniqueConstraint(fields=["name", "key"], name="namekey_once")
        ]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL serve LIKE 'prefix%' from the
            # index whatever the database collation; other backends ignore it.
            # With the name form's id included, a candidate lookup reads the
            # index only, never the table's scattered rows (PostgreSQL).
            models.Index(
                fields=["key", "person"],
                name="namekey_key_person_name",
                opclasses=["varchar_pattern_ops", "int8_ops"],
                include=["name"],
            )
        ]

    def __str__(self) -> str:
        return self.key


def keys_for(names: Iterable["PersonName"]) -> list[PersonNameKey]:
    """Return unsaved key rows for name forms that have a primary key."""
    return [
        PersonNameKey(name_id=name.pk, person_id=name.person_id, key=key)
        for name in names
        if name.pk
        for key in name_keys(name.text)
    ]


def key_columns(names: Iterable["PersonName"]) -> dict[str, list]:
    """Return the key rows of name forms that have a primary key, by column."""
    columns: dict[str, list] = {"name_id": [], "person_id": [], "key": []}
    by_text: dict[str, list[str]] = {}  # namesakes share their forms' texts
    for name in names:
        if not name.pk:
            continue
        if name.text not in by_text:
            by_text[name.text] = name_keys(name.text)
        keys = by_text[name.text]
        columns["name_id"] += [name.pk] * len(keys)
        columns["person_id"] += [name.person_id] * len(keys)
        columns["key"] += keys
    return columns
