"""Exports of many records at once, in the API's columns, with memory flat.

Rows are read a chunk at a time from a server-side cursor
(`QuerySet.iterator`), serialized by the API's serializer (with its redaction
for the request's user) and flattened as the API's CSV flattens them. CSV is
streamed as it is written; XLSX is written row by row to a temporary file
(openpyxl's write-only mode), since a workbook is a zip file that can only be
sent once finished. The admin's exports use this; so can a streaming API export.
"""

import itertools
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import Model, QuerySet
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rest_framework import serializers

from api.renderers import attachment, csv_text, escape_cell, export_filename, flatten

__all__ = ["csv_chunks", "csv_response", "serialized_rows", "xlsx_response"]

CHUNK_SIZE = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def serialized_rows(
    records: QuerySet[Any],
    serializer_class: type[serializers.BaseSerializer[Any]],
    *,
    request: HttpRequest,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[dict[str, Any]]:
    """Yield each record as a flat row of the API's CSV, reading a chunk at a time."""
    rows = records.iterator(chunk_size=chunk_size)
    context = {"request": request}
    nested = nested_columns(serializer_class(context=context))
    while chunk := list(itertools.islice(rows, chunk_size)):
        for record in serializer_class(chunk, many=True, context=context).data:
            row = flatten(record)
            for name, columns in nested.items():
                if name in row and row[name] is None:
                    del row[name]
                    row |= {f"{name}.{column}": None for column in columns}
            yield row


def nested_columns(serializer: serializers.BaseSerializer[Any]) -> dict[str, tuple]:
    """Return the fields whose value is a record or None, with their columns.

    A None would otherwise flatten to one column where other rows have several.
    """
    fields = getattr(serializer, "fields", {})
    return {
        name: field.columns
        for name, field in fields.items()
        if isinstance(getattr(field, "columns", None), tuple)
    }


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Yield a CSV file, in UTF-8 with a byte-order mark; columns of the first row."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        yield from (text.encode() for text in csv_text([], []))
        return
    for text in csv_text(itertools.chain([first], rows), list(first)):
        yield text.encode()


def csv_response(
    rows: Iterable[dict[str, Any]], *, model: type[Model]
) -> StreamingHttpResponse:
    """Stream rows as a CSV file download named for the model and today."""
    response = StreamingHttpResponse(
        csv_chunks(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = attachment(export_filename(model, "csv"))
    return response


def xlsx_cell(value: Any) -> Any:
    """Return a value as a cell: formulas defused, characters XML refuses removed."""
    value = escape_cell(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_file(rows: Iterable[dict[str, Any]], *, sheet: str) -> IO[bytes]:
    """Write rows to a workbook in a temporary file, and return it at its start."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])  # Excel's limit on a sheet name
    columns: list[str] | None = None
    for row in rows:
        if columns is None:
            columns = list(row)
            worksheet.append(columns)
        worksheet.append([xlsx_cell(row.get(name)) for name in columns])
    file = tempfile.TemporaryFile()  # noqa: SIM115  # FileResponse closes it
    workbook.save(file)
    file.seek(0)
    return file


def xlsx_response(
    rows: Iterable[dict[str, Any]], *, model: type[Model]
) -> FileResponse:
    """Send rows as an XLSX file download named for the model and today."""
    name = export_filename(model, "xlsx")
    return FileResponse(
        xlsx_file(rows, sheet=str(model._meta.verbose_name_plural)),
        as_attachment=True,
        filename=name,
        content_type=XLSX_TYPE,
    )
