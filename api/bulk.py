"""Bulk export: every selected case as one streamed CSV, JSON Lines or case bundle.

Each function takes the request (for its user, and for the addresses in the
rows) and the cases to export, already narrowed to those the user may see,
and yields bytes to hand to a StreamingHttpResponse. Rows are read from one
server-side cursor (`.iterator()`) in chunks and written chunk by chunk, so
memory stays flat whatever the number of cases. The fields the user may not
see are left out as in the list, and `record_bulk_export()` logs the export
as the list's CSV does: once for the whole, once per confidential case in it.
"""

import itertools
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

import orjson
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.utils import encoders

from api import exporting
from api.redaction import BUNDLE_CASE_RECORDS
from api.renderers import ORJSON_OPTIONS
from api.serializers.cases import CaseSerializer
from api.visibility import confidential_cases
from audit.logging import PENDING_ATTRIBUTE, record_access
from audit.models import AccessAction, AccessLogEntry, Channel
from cases import access
from cases.models import (
    Case,
    Detention,
    Facility,
    Person,
    Relative,
)
from sources.bundles import FORMAT, VERSION
from sources.bundles.exporting import (
    bundle_article,
    bundle_facilities,
    bundle_persons,
    export_cases,
    rows_of,
)
from sources.models import Citation, SourceArticle

__all__ = [
    "CHUNK",
    "bundle_chunks",
    "csv_chunks",
    "jsonl_chunks",
    "record_bulk_export",
]

# Rows read from the database, serialized and sent at a time.
CHUNK = 2_000

AnyRequest = HttpRequest | Request
_T = TypeVar("_T")
CaseSerializerClass = type[serializers.Serializer[Any]]


def batched(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Yield lists of up to `size` items (itertools.batched, from Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def record_bulk_export(
    request: AnyRequest, cases: QuerySet[Case], *, channel: Channel = Channel.API
) -> None:
    """Log an export of these cases: the count, then each confidential one."""
    rows = cases.order_by().count()
    entry = record_access(
        request=request,
        action=AccessAction.EXPORTED,
        target=Case,
        channel=channel,
        rows=rows,
    )
    selected = cases.order_by().values("pk")
    confidential = confidential_cases().filter(pk__in=selected).order_by("reference")
    # One entry per confidential case, as the list writes them: copies of the
    # first, not record_access() each, which reads the client's address anew.
    pending = getattr(request, PENDING_ATTRIBUTE, None)
    entries = [
        AccessLogEntry(
            user=entry.user,
            username=entry.username,
            action=entry.action,
            object_type=entry.object_type,
            case_reference=reference,
            channel=entry.channel,
            client_address=entry.client_address,
        )
        for reference in confidential.values_list("reference", flat=True).iterator()
    ]
    if pending is None:
        AccessLogEntry.objects.bulk_create(entries)
    else:
        pending.extend(entries)


def serialized_chunks(
    request: AnyRequest,
    cases: QuerySet[Case],
    serializer_class: CaseSerializerClass = CaseSerializer,
) -> Iterator[list[dict[str, Any]]]:
    """Yield the cases, in the order entered, as the serializer shows them, by chunk."""
    rows = cases.order_by("pk").iterator(chunk_size=CHUNK)
    context = {"request": request}
    for chunk in batched(rows, CHUNK):
        yield list(serializer_class(chunk, many=True, context=context).data)


def csv_chunks(
    request: AnyRequest,
    cases: QuerySet[Case],
    serializer_class: CaseSerializerClass = CaseSerializer,
) -> Iterator[bytes]:
    """Yield a CSV of the cases (UTF-8 with a BOM), one row per case.

    Columns are the list's `?format=csv` ones, written by the admin's export
    (api.exporting): nested fields dotted, lists as JSON, formulas defused.
    """
    rows = exporting.serialized_rows(
        cases.order_by("pk"), serializer_class, request=request, chunk_size=CHUNK
    )
    first = next(rows, None)
    if first is None:  # no case: the header alone, for a script to read
        fields = serializer_class(context={"request": request}).fields
        yield "\ufeff".encode() + ",".join(fields).encode() + b"\r\n"
        return
    yield from exporting.csv_chunks(itertools.chain([first], rows))


def jsonl_chunks(
    request: AnyRequest,
    cases: QuerySet[Case],
    serializer_class: CaseSerializerClass = CaseSerializer,
) -> Iterator[bytes]:
    """Yield JSON Lines: each case as the list shows it, on its own line."""
    for records in serialized_chunks(request, cases, serializer_class):
        yield b"".join(dumps(record) + b"\n" for record in records)


def dumps(data: Any) -> bytes:
    """Write JSON as the API's renderer does (orjson, DRF's encoder for the rest)."""
    return orjson.dumps(
        data, default=encoders.JSONEncoder().default, option=ORJSON_OPTIONS
    )


def bundle_chunks(request: AnyRequest, cases: QuerySet[Case]) -> Iterator[bytes]:
    """Yield one case bundle (docs/case-bundle.md) of the cases.

    Persons, facilities and articles the cases use come first, each once,
    read by subqueries; then the cases by reference, exported in chunks.
    """
    user = request.user
    selected = cases.order_by().values("pk")
    yield b'{"format":' + dumps(FORMAT) + b',"version":' + dumps(VERSION)
    # Unordered: SQLite refuses ORDER BY (a model's default) inside a UNION.
    person_ids = (
        Case.objects.filter(pk__in=selected)
        .order_by()
        .values("subject_id")
        .union(
            Relative.objects.filter(case__in=selected).order_by().values("person_id")
        )
    )
    persons = Person.objects.filter(pk__in=person_ids)
    yield from _array("persons", persons, bundle_persons, _hidden(user, Person))
    facilities = Facility.objects.filter(
        pk__in=Detention.objects.filter(case__in=selected).values("facility_id")
    )
    yield from _array(
        "facilities", facilities, bundle_facilities, _hidden(user, Facility)
    )
    articles = SourceArticle.objects.filter(
        pk__in=Citation.objects.filter(case__in=selected).values("article_id")
    )
    yield from _array(
        "articles", articles, _each(bundle_article), _hidden(user, SourceArticle)
    )
    yield b',"cases":['
    yield from _cases(user, cases)
    yield b"]}"


def _array(
    key: str,
    records: QuerySet[Any],
    export: Callable[[list[Any]], list[dict[str, Any]]],
    hidden: set[str],
) -> Iterator[bytes]:
    yield b',"' + key.encode() + b'":['
    first = True
    for chunk in batched(rows_of(records).iterator(chunk_size=CHUNK), CHUNK):
        exported = [_without(record, hidden) for record in export(chunk)]
        yield (b"" if first else b",") + _items(exported)
        first = False
    yield b"]"


def _cases(user: access.User, cases: QuerySet[Case]) -> Iterator[bytes]:
    hidden = _hidden(user, Case)
    hidden_parts = {
        key: fields
        for key, model in BUNDLE_CASE_RECORDS.items()
        if (fields := _hidden(user, model))
    }
    # Chunks by reference, each the slice after the last one's.
    after: str | None = None
    while True:
        exported = export_cases(cases=cases, after=after, count=CHUNK)
        if not exported:
            return
        for case in exported:
            for key, fields in hidden_parts.items():
                for part in case.get(key, []):
                    _without(part, fields)
            _without(case, hidden)
        yield (b"" if after is None else b",") + _items(exported)
        after = exported[-1]["reference"]


def _items(records: list[dict[str, Any]]) -> bytes:
    """Return the records as JSON, separated by commas: an array's items."""
    # One call for the chunk; orjson writes an array compactly, "[a,b]".
    return dumps(records)[1:-1]


def _each(
    export: Callable[[Any], dict[str, Any]],
) -> Callable[[list[Any]], list[dict[str, Any]]]:
    return lambda records: [export(record) for record in records]


def _hidden(user: access.User, model: type[Model]) -> set[str]:
    return access.hidden_fields(user, model)


def _without(record: dict[str, Any], hidden: Iterable[str]) -> dict[str, Any]:
    for name in hidden:
        record.pop(name, None)
    return record
