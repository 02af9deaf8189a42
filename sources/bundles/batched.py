"""Load many small bundles with few queries: records fetched and written in bulk.

The spreadsheet import loads a bundle of one case per row. Loaded one by one
(load_bundle), a row costs some eighty queries. Here the records a chunk of
bundles names are fetched at once (Stored), each bundle is read and checked by
the same Loader and the same model rules, and what the chunk creates or
changes is written at its end (Pending), new records in bulk with their
history.

Only what a row's bundle holds is fetched ahead: persons and their names,
facilities, cases with their relatives and detentions. Uniqueness and the
other database constraints are the database's to check when the chunk is
written: a caller loads a chunk it refuses again bundle by bundle, whose
messages name the record. So does a caller whose bundles touch the same record
(Repeated): only loading them in turn tells what each one does.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from django.db import models
from simple_history.utils import bulk_create_with_history

from cases.models import Case, Detention, Facility, Person, PersonName, Relative

from .loading import Loader, Stored, snapshot

__all__ = ["BatchLoader", "Claims", "Pending", "Repeated", "StoredRecords"]

# Written in this order: each only refers to records written before it.
WRITE_ORDER: tuple[type[models.Model], ...] = (
    Person,
    PersonName,
    Facility,
    Case,
    Relative,
    Detention,
)
BATCH_SIZE = 1000

Key = tuple[type[models.Model], tuple[tuple[str, Any], ...]]


class Repeated(Exception):
    """A bundle touches a record an earlier bundle of the chunk writes, or
    writes one an earlier bundle read."""


def record_key(model: type[models.Model], keys: dict[str, Any]) -> Key | None:
    """Return the key a record is found by, or None when it is under a record
    not stored yet (so none is stored under it either)."""
    values = []
    for name, value in sorted(keys.items()):
        if isinstance(value, models.Model):
            if value.pk is None:
                return None
            value = value.pk
        values.append((name, value))
    return model, tuple(values)


class StoredRecords:
    """The stored records a chunk of bundles names, by the keys the loader uses."""

    def __init__(self, bundles: Sequence[dict]) -> None:
        cases_data = [case for bundle in bundles for case in _list(bundle, "cases")]
        persons = Person.objects.in_bulk(_ids(bundles, "persons"), field_name="uid")
        facilities = Facility.objects.in_bulk(
            _ids(bundles, "facilities"), field_name="uid"
        )
        references = [case.get("reference") for case in cases_data]
        cases = Case.objects.select_related(
            "assigned_to", "submitting_relative"
        ).in_bulk(
            [ref for ref in references if isinstance(ref, str)], field_name="reference"
        )
        self.records: dict[Key, models.Model] = {}
        self.pristine: dict[Key, dict[str, Any]] = {}
        self.named: set[int] = set()  # persons with a name form
        self._add(persons.values(), "uid")
        self._add(facilities.values(), "uid")
        self._add(cases.values(), "reference")
        names = PersonName.objects.filter(person__in=list(persons.values()))
        self._add(names, "person", "text")
        self.named = {name.person_id for name in names}
        by_pk = {case.pk: case for case in cases.values()}
        relatives = Relative.objects.filter(case__in=list(by_pk))
        for relative in relatives:
            relative.case = by_pk[relative.case_id]  # its clean() reads the case
        self._add(relatives, "case", "person")
        detentions = Detention.objects.in_bulk(
            _ids(cases_data, "detentions"), field_name="uid"
        )
        self._add(detentions.values(), "uid")

    def _add(self, records: Iterable[models.Model], *names: str) -> None:
        for record in records:
            keys = {name: _attribute(record, name) for name in names}
            key = record_key(type(record), keys)
            if key is not None:
                self.records[key] = record
                self.pristine[key] = snapshot(record)

    def find(self, key: Key) -> models.Model | None:
        return self.records.get(key)

    def restore(self, keys: Iterable[Key]) -> None:
        """Undo what a bundle that failed set on these records, as a savepoint
        would: the next bundle reads them as stored."""
        for key in keys:
            for attname, value in self.pristine[key].items():
                setattr(self.records[key], attname, value)

    def holds(self, model: type[models.Model]) -> bool:
        """Say whether records of the model were fetched (else: ask the database)."""
        return model in WRITE_ORDER


class Claims:
    """The records the bundles of a chunk read, and whether one wrote each."""

    def __init__(self) -> None:
        self.keys: dict[Key, bool] = {}

    def check(self, read: dict[Key, bool]) -> None:
        """Raise Repeated if a bundle's reads (key: written) clash with earlier
        bundles': what it did may depend on what they do."""
        for key, written in read.items():
            if key in self.keys and (written or self.keys[key]):
                raise Repeated(key)

    def add(self, read: dict[Key, bool]) -> None:
        """Take a loaded bundle's reads, once checked."""
        self.check(read)
        self.keys.update(read)


class Pending:
    """What the bundles of a chunk create or change, written at its end."""

    def __init__(self) -> None:
        self.created: defaultdict[type[models.Model], list] = defaultdict(list)
        self.changed: defaultdict[type[models.Model], list] = defaultdict(list)

    def add(self, records: Iterable[models.Model]) -> None:
        for record in records:
            new = record.pk is None
            (self.created if new else self.changed)[type(record)].append(record)

    def write(self) -> None:
        """Write every record, new ones in bulk with their history rows."""
        for model in WRITE_ORDER:
            if created := self.created.pop(model, []):
                bulk_create_with_history(created, model, batch_size=BATCH_SIZE)
            # Changes are few (a sheet loaded again changes nothing): saved
            # one by one, with the history save() writes.
            for record in self.changed.pop(model, []):
                record.save()


class BatchLoader(Loader):
    """The loader of one bundle of a chunk: it reads what the chunk fetched and
    keeps what it would write for the chunk's end."""

    def __init__(self, user: Any, stored: StoredRecords) -> None:
        super().__init__(user)
        self.stored = stored
        self.read: dict[Key, bool] = {}
        self.keys: dict[int, Key] = {}
        self.written: list[models.Model] = []

    def find(self, model: type[Stored], **keys: Any) -> Stored | None:
        if not self.stored.holds(model):
            return super().find(model, **keys)
        key = record_key(model, keys)
        if key is None:
            return None
        found = self.stored.find(key)
        # Not found: the bundle creates it.
        self.read[key] = self.read.get(key, False) or found is None
        if found is not None:
            self.keys[id(found)] = key
        return found  # type: ignore[return-value]  # stored under its own model

    def has_names(self, person: Person) -> bool:
        return person.pk in self.stored.named or any(
            isinstance(record, PersonName) and record.person is person
            for record in self.written
        )

    def validate(self, obj: models.Model) -> None:
        # Uniqueness and constraints are checked by the database when the
        # chunk is written; relations hold records fetched or made here.
        obj.full_clean(
            exclude=_relations(type(obj)),
            validate_unique=False,
            validate_constraints=False,
        )

    def write(self, obj: models.Model) -> None:
        if type(obj) not in WRITE_ORDER:
            raise TypeError(f"{type(obj).__name__} records are not written in bulk")
        if id(obj) in self.keys:
            self.read[self.keys[id(obj)]] = True
        self.written.append(obj)


@cache
def _relations(model: type[models.Model]) -> frozenset[str]:
    """Return the names of a model's foreign keys."""
    return frozenset(
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
    )


def _attribute(record: models.Model, name: str) -> Any:
    """Return a field's value; a foreign key's as the id, as record_key() keys it."""
    field = record._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(record, field.attname)
    return getattr(record, name)


def _list(data: object, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return (
        [item for item in value if isinstance(item, dict)]
        if isinstance(value, list)
        else []
    )


def _ids(records: Sequence[dict], key: str) -> list[uuid.UUID]:
    """Return the valid ids of the records under a key of each record."""
    found = []
    for record in records:
        for item in _list(record, key):
            try:
                found.append(uuid.UUID(item.get("id")))
            except (TypeError, ValueError, AttributeError):
                continue  # the loader names what is wrong with it
    return found
