"""Read a spreadsheet's bytes: CSV (UTF-8, comma or semicolon) or XLSX.

Rows come one at a time, each with the row number a spreadsheet shows (the
header is row 1), so that a file of many rows is never held twice.
"""

import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

__all__ = ["Sheet", "SpreadsheetError", "chunks", "read_sheet"]

BYTE_ORDER_MARK = "\ufeff"
ZIP_START = b"PK\x03\x04"
DELIMITERS = ",;"

Cell = str | datetime.date | int | float | None


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet at all."""


@dataclass
class Sheet:
    """A spreadsheet's header and its rows: (row number, cells) pairs."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]


def read_sheet(*, data: bytes, filename: str) -> Sheet:
    """Return the header and rows of a CSV or XLSX file.

    XLSX is told by its content (a zip file) as much as by its name.
    """
    if filename.lower().endswith(".xlsx") or data.startswith(ZIP_START):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("The file is not UTF-8 text: save it as “CSV UTF-8” or as XLSX.")
        ) from None
    text = text.removeprefix(BYTE_ORDER_MARK)
    if "\x00" in text:
        raise SpreadsheetError(_("The file holds a NUL character: is it a CSV?"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise SpreadsheetError(_("The file is empty: the first row names the columns."))
    rows = (
        (number, list[Cell](cells))
        for number, cells in enumerate(reader, start=2)
        if any(cell.strip() for cell in cells)
    )
    return Sheet(header=[cell.strip() for cell in header], rows=rows)


def _delimiter(text: str) -> str:
    """Tell a comma from a semicolon by the header line, as Excel writes either."""
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=first.count)


def _read_xlsx(data: bytes) -> Sheet:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SpreadsheetError(_("The file is not an XLSX workbook.")) from None
    values = workbook.worksheets[0].iter_rows(values_only=True)
    header = next(values, None)
    if not header or not any(cell not in (None, "") for cell in header):
        raise SpreadsheetError(_("The file is empty: the first row names the columns."))
    columns = [str(cell if cell is not None else "").strip() for cell in header]
    return Sheet(header=columns, rows=_xlsx_rows(values))


def _xlsx_rows(values: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[Cell]]]:
    for number, cells in enumerate(values, start=2):
        row = [_xlsx_cell(cell) for cell in cells]
        if any(cell not in (None, "") for cell in row):
            yield number, row


def _xlsx_cell(value: Any) -> Cell:
    """Return a cell's value: a date cell as a date (Excel keeps no time zone)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.time | datetime.timedelta):
        return str(value)
    return value


def chunks(
    rows: Iterable[tuple[int, list[Cell]]], size: int
) -> Iterator[list[tuple[int, list[Cell]]]]:
    """Return the rows a list of `size` at a time, reading no further ahead."""
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
