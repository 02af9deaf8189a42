"""Spreadsheets made in tests: CSV in any dialect, XLSX with real date cells."""

import csv
import io
from collections.abc import Sequence
from typing import Any

import pytest
from django.apps import apps
from openpyxl import Workbook

from tests.services import require_postgresql

Rows = Sequence[Sequence[Any]]


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    # The import's targets (savepoints, counts, the benchmark) are PostgreSQL's.
    require_postgresql()


def csv_bytes(rows: Rows, *, delimiter: str = ",", bom: bool = False) -> bytes:
    """Return rows as a CSV file in UTF-8, as a spreadsheet program saves it."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def xlsx_bytes(rows: Rows) -> bytes:
    """Return rows as an XLSX workbook; dates stay date cells."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def count_every_table() -> dict[str, int]:
    """Count the rows of every model of every app."""
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }
