"""JSON written by orjson, and CSV for list endpoints (`?format=csv`), safe to
open in a spreadsheet."""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import orjson
from django.db import models
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from rest_framework import renderers
from rest_framework.utils import encoders

# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested objects to dotted columns; lists become JSON text."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row |= flatten(value, f"{name}.")
        elif isinstance(value, list):
            # DRF's encoder: nested records hold UUIDs, dates and decimals.
            row[name] = json.dumps(value, ensure_ascii=False, cls=encoders.JSONEncoder)
        else:
            row[name] = value
    return row


# Tells Excel on Windows that the file is UTF-8: without it, Cyrillic and
# Arabic script open as mojibake.
BYTE_ORDER_MARK = "\ufeff"
ROWS_PER_CHUNK = 500


def csv_text(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    """Yield a CSV file of flattened rows, a chunk of rows at a time.

    The file starts with a byte-order mark and the header; cells that a
    spreadsheet would run as formulas are defused (escape_cell).
    """
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for count, row in enumerate(rows, 1):
        writer.writerow({name: escape_cell(value) for name, value in row.items()})
        if count % ROWS_PER_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def export_filename(model: type[models.Model], extension: str) -> str:
    """Return the name of an export's file: casetracker-cases-2026-12-07.csv."""
    with translation.override(None):  # the same name in every language
        kind = slugify(str(model._meta.verbose_name_plural))
    return f"casetracker-{kind}-{timezone.localdate().isoformat()}.{extension}"


def attachment(filename: str) -> str:
    """Return the Content-Disposition of a download saved under this name."""
    return content_disposition_header(True, filename) or "attachment"


class CSVRenderer(renderers.BaseRenderer):
    """One row per result, columns in the order of the fields."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        records = data if isinstance(data, list) else [data]
        rows = [flatten(record) for record in records if isinstance(record, dict)]
        columns = list(dict.fromkeys(name for row in rows for name in row))
        context = renderer_context or {}
        response, view = context.get("response"), context.get("view")
        if response is not None and response.status_code < 400:
            every = getattr(view, "all_records", None)  # VisibleRecordsMixin's
            name = export_filename(every().model, "csv") if every else None
            response["Content-Disposition"] = attachment(
                name or "casetracker-export.csv"
            )
        return "".join(csv_text(rows, columns)).encode(self.charset)


# Everything orjson would write otherwise than DRF goes to DRF's encoder.
ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# Escaped as DRF does, so that the JSON is also valid JavaScript.
LINE_SEPARATORS = [("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029")]


class JSONRenderer(renderers.JSONRenderer):
    """DRF's compact JSON, written by orjson in a tenth of the time.

    Strings, numbers, lists and dicts come out as json.dumps writes them;
    times, decimals, lazy translations and the like go through DRF's encoder.
    Whatever orjson refuses (a key that is not a string, an integer beyond 64
    bits) and indented output take DRF's way.
    """

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        # get_indent() reads no media type from "" as from None.
        indent = self.get_indent(accepted_media_type or "", renderer_context or {})
        if data is None or indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            text = orjson.dumps(
                data, default=self.encoder_class().default, option=ORJSON_OPTIONS
            )
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for separator, escaped in LINE_SEPARATORS:
            text = text.replace(separator, escaped)
        return text
