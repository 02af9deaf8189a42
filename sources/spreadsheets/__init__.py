"""Cases imported from CSV and XLSX spreadsheets (docs/importing-spreadsheets.md)."""

from .importing import import_spreadsheet
from .report import ImportReport, report_csv

__all__ = ["ImportReport", "import_spreadsheet", "report_csv"]
