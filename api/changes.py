"""The changes feed: what changed among the records a user may see, in order.

Built on the history django-simple-history keeps: every save and delete of a
case, person, name form, relative, detention, testimony or citation leaves a
historical row. A page reads the next rows after a cursor (its time, its
table, its id) from every history table, takes the first `size` of them in
that order, and turns them into the records they touch, as the API shows
them now: a record the user may see is an "upsert" with the record; one that
is gone, or hidden from the user now (made confidential), is a "delete"; a
person merged into another a "merge" naming the survivor. A change to a case
also touches its parts and persons, whose visibility follows the case's; a
change to a person (a name) also touches the cases it is the subject of, whose
rows show its name. Replaying the feed over a copy is idempotent.
"""

import base64
import binascii
import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from simple_history.utils import NotHistoricalModelError, get_history_model_for_model

from api.serializers.cases import CaseSerializer
from api.serializers.facilities import DetentionSerializer
from api.serializers.persons import PersonSerializer
from api.serializers.relatives import RelativeSerializer
from cases import access
from cases.models import Case, Detention, Person, PersonName, Relative, Testimony

__all__ = [
    "KINDS",
    "Page",
    "Position",
    "changes_page",
    "decode_cursor",
    "encode_cursor",
    "now",
]

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
# Apps whose historical rows may touch what the feed shows.
APPS = ("cases", "sources")


@dataclass(frozen=True)
class Kind:
    """A kind of record in the feed: its model, key and serializer (the list's)."""

    name: str
    model: type[models.Model]
    key: str
    serializer: type[serializers.BaseSerializer[Any]]
    records: Callable[[], QuerySet[Any]]


def _cases() -> QuerySet[Case]:
    from api.views.cases import listed_cases  # views import this module

    return listed_cases()


def _persons() -> QuerySet[Person]:
    return Person.objects.all().prefetch_related(
        Prefetch("names", PersonName.objects.order_by("id"))
    )


KINDS = [
    Kind("case", Case, "reference", CaseSerializer, _cases),
    Kind("person", Person, "uid", PersonSerializer, _persons),
    Kind(
        "relative",
        Relative,
        "id",
        RelativeSerializer,
        lambda: Relative.objects.select_related("case", "person"),
    ),
    Kind(
        "detention",
        Detention,
        "uid",
        DetentionSerializer,
        lambda: Detention.objects.select_related("case", "facility"),
    ),
]
KIND_OF = {kind.model: kind for kind in KINDS}


@dataclass(frozen=True, order=True)
class Position:
    """Where a historical row stands in the feed: its time, table and id."""

    at: datetime.datetime
    table: str
    row: int


@dataclass
class Page:
    """The changes of one page, the cursor after it, and whether more may follow."""

    entries: list[dict[str, Any]]
    cursor: Position
    more: bool


@dataclass
class Touched:
    """The records of each model a page touches, each at its latest position."""

    at: dict[type[models.Model], dict[int, Position]] = field(default_factory=dict)

    def add(self, model: type[models.Model], pk: Any, position: Position) -> None:
        if pk is None:
            return
        seen = self.at.setdefault(model, {})
        seen[pk] = max(seen.get(pk, position), position)

    def of(self, model: type[models.Model]) -> dict[int, Position]:
        return self.at.get(model, {})


def histories() -> list[tuple[str, type[models.Model], type[models.Model]]]:
    """Return (label, model, historical model) of each history kept, by label."""
    found = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            try:
                history = get_history_model_for_model(model)
            except NotHistoricalModelError:
                continue
            if model in KIND_OF or _keys(model):
                found.append((model._meta.label_lower, model, history))
    return sorted(found, key=lambda item: item[0])


def _keys(model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    """Return the model's foreign keys to kinds of the feed: (attname, model)."""
    return [
        (field.attname, related)
        for field in model._meta.concrete_fields
        if isinstance(related := field.related_model, type) and related in KIND_OF
    ]


def now() -> Position:
    """Return the position after every change the feed serves now.

    Changes younger than API_CHANGES_SETTLE_SECONDS are served later: a
    transaction still open may yet commit rows dated before them.
    """
    settle = datetime.timedelta(seconds=settings.API_CHANGES_SETTLE_SECONDS)
    # "~" sorts after every table's label: the position follows all rows then.
    return Position(timezone.now() - settle, "~", 0)


def changes_page(request: Request, after: Position | None, size: int) -> Page:
    """Return the changes after a position that the request's user may see."""
    until = now().at
    rows: list[tuple[Position, type[models.Model], dict[str, Any]]] = []
    more = False
    for label, model, history in histories():
        found = _rows_after(model, history, label, after, until, size)
        more = more or len(found) == size
        rows.extend((position, model, row) for position, row in found)
    rows.sort(key=lambda item: item[0])
    more = more or len(rows) > size
    rows = rows[:size]
    if not rows:
        return Page([], after or Position(until, "~", 0), more=False)
    touched = Touched()
    for position, model, row in rows:
        if model in KIND_OF:
            touched.add(model, row["id"], position)
        for attname, related in _keys(model):
            touched.add(related, row[attname], position)
    _spread(touched, rows)
    entries = [
        entry
        for kind in KINDS
        if access.may_view(request.user, kind.model)
        for entry in _entries(request, kind, touched.of(kind.model))
    ]
    entries.sort(key=lambda entry: entry["position"])
    for entry in entries:
        del entry["position"]
    return Page(entries, rows[-1][0], more)


def _rows_after(
    model: type[models.Model],
    history: type[models.Model],
    label: str,
    after: Position | None,
    until: datetime.datetime,
    size: int,
) -> list[tuple[Position, dict[str, Any]]]:
    rows = history._default_manager.filter(history_date__lte=until)
    if after is not None:
        later = Q(history_date__gt=after.at)
        if label > after.table:
            later |= Q(history_date=after.at)
        elif label == after.table:
            later |= Q(history_date=after.at, history_id__gt=after.row)
        rows = rows.filter(Q(history_date__gte=after.at) & later)
    names = ["history_id", "history_date", "id", *(a for a, _m in _keys(model))]
    found = rows.order_by("history_date", "history_id").values(*names)[:size]
    return [
        (Position(row["history_date"], label, row["history_id"]), row) for row in found
    ]


def _spread(
    touched: Touched,
    rows: Iterable[tuple[Position, type[models.Model], dict[str, Any]]],
) -> None:
    """Touch what a change of a case or person changes for a reader too.

    A case's parts and persons are hidden or shown with it; a case's row shows
    the name of its subject. Four queries, whatever the number of rows.
    """
    cases: dict[int, Position] = {}
    for position, model, row in rows:
        if model is Case:
            cases[row["id"]] = max(cases.get(row["id"], position), position)
    parts = [
        (Relative, Relative.objects.values_list("case", "pk", "person")),
        (Detention, Detention.objects.values_list("case", "pk", "case")),
        (Testimony, Testimony.objects.values_list("case", "witness", "witness")),
    ]
    for model, found in parts:
        for case, part, person in found.filter(case__in=list(cases)):
            if model is not Testimony:
                touched.add(model, part, cases[case])
            if model is not Detention:
                touched.add(Person, person, cases[case])
    persons = touched.of(Person)
    subjects = Case.objects.filter(subject__in=list(persons))
    for case, subject in subjects.values_list("pk", "subject"):
        touched.add(Case, case, persons[subject])


def _entries(
    request: Request, kind: Kind, touched: dict[int, Position]
) -> list[dict[str, Any]]:
    """Return an entry for each touched record of a kind, at its position."""
    if not touched:
        return []
    shown = access.visible(kind.records(), user=request.user).filter(pk__in=touched)
    if kind.model is Person:
        merged = _merged(request, touched)
        shown = shown.filter(merged_into__isnull=True)
    else:
        merged = {}
    records = list(shown)
    data = kind.serializer(records, many=True, context={"request": request}).data
    entries = [
        _entry(kind, "upsert", touched[record.pk], row)
        for record, row in zip(records, data, strict=True)
    ]
    for pk, into in merged.items():
        entries.append(_entry(kind, "merge", touched[pk], {kind.key: into[0]}, into[1]))
    gone = set(touched) - {record.pk for record in records} - set(merged)
    entries.extend(_tombstones(request, kind, gone, touched))
    return entries


def _merged(request: Request, touched: dict[int, Position]) -> dict[int, tuple]:
    """Return, for each touched person merged into a visible one, both uids."""
    persons = Person.objects.visible_to(request.user).filter(
        pk__in=touched, merged_into__isnull=False
    )
    survivors = Person.objects.visible_to(request.user)
    pairs = persons.filter(merged_into__in=survivors.values("pk")).values_list(
        "pk", "uid", "merged_into__uid"
    )
    return {pk: (str(uid), str(into)) for pk, uid, into in pairs}


def _tombstones(
    request: Request, kind: Kind, gone: set[int], touched: dict[int, Position]
) -> list[dict[str, Any]]:
    """Return "delete" entries for records gone or hidden, under every key they had.

    A case's reference names it; one never visible to the user is left out,
    not to tell that it existed.
    """
    if kind.model is Case:
        history = get_history_model_for_model(Case)
        rows = access.visible_cases(history._default_manager.all(), request.user)
        current = dict(Case.objects.filter(pk__in=touched).values_list("pk", kind.key))
        seen = rows.filter(id__in=touched).values_list("id", kind.key).distinct()
        keys = {(pk, key) for pk, key in seen if pk in gone or current.get(pk) != key}
    else:
        history = get_history_model_for_model(kind.model)
        found = history._default_manager.filter(id__in=gone)
        keys = set(found.values_list("id", kind.key).distinct())
    return [_entry(kind, "delete", touched[pk], {kind.key: key}) for pk, key in keys]


def _entry(
    kind: Kind,
    action: str,
    position: Position,
    record: dict[str, Any],
    into: str | None = None,
) -> dict[str, Any]:
    key = record[kind.key]
    entry = {
        "kind": kind.name,
        "key": key if isinstance(key, int) else str(key),
        "action": action,
        "changed_at": position.at,
        "record": record if action == "upsert" else None,
        "position": position,
    }
    if action == "merge":
        entry["into"] = into
    return entry


def encode_cursor(position: Position) -> str:
    """Return an opaque cursor for a position, to store and give back."""
    token = {"d": position.at.isoformat(), "t": position.table, "h": position.row}
    return base64.urlsafe_b64encode(json.dumps(token).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Position:
    """Return the position of a cursor; raise ValueError for a cursor not ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        token = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        at = datetime.datetime.fromisoformat(token["d"])
        table, row = token["t"], token["h"]
    except (TypeError, KeyError, UnicodeError, binascii.Error) as error:
        raise ValueError(cursor) from error
    valid = (
        at.tzinfo is not None
        and isinstance(table, str)
        and "\x00" not in table
        and isinstance(row, int)
        and 0 <= row < 2**63
    )
    if not valid:
        raise ValueError(cursor)
    return Position(at, table, row)
