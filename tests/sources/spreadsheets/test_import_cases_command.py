"""manage.py import_cases FILE [--dry-run] [--report OUT.csv]."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case

from .conftest import csv_bytes

HEADER = ["subject.names", "disappeared", "relative.names", "relative.contact_details"]


def test_imports_and_prints_one_summary_line(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([HEADER, ["Aigul", "2018", "", ""]]))
    out = StringIO()

    call_command("import_cases", str(path), stdout=out)

    assert out.getvalue().splitlines() == [
        "1 row: 1 case created, 0 updated; 1 person created, 0 updated"
    ]
    assert Case.objects.count() == 1


def test_a_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([HEADER, ["Aigul", "2018", "", ""]]))
    out = StringIO()

    call_command("import_cases", str(path), "--dry-run", stdout=out)

    assert "dry run, nothing written" in out.getvalue()
    assert Case.objects.count() == 0


def test_bad_rows_exit_with_status_2_and_a_report_with_sensitive_values_masked(
    tmp_path,
):
    path, report = tmp_path / "cases.csv", tmp_path / "report.csv"
    secret = "+90 500 000 0000 (invented)"
    # A relative without a relationship: the loader refuses the whole relative.
    path.write_bytes(csv_bytes([HEADER, ["Aigul", "03/04/2018", "Tursun", secret]]))

    with pytest.raises(CommandError) as raised:
        call_command("import_cases", str(path), "--report", str(report))

    assert raised.value.returncode == 2
    assert "row 2, disappeared" in str(raised.value)
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert rows[0] == ["row", "column", "message"]
    assert rows[1][:2] == ["2", "disappeared"]
    assert secret not in report.read_text(encoding="utf-8")
    assert Case.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_exits_with_status_2(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes("subject.names\nÇelik".encode("cp1254"))

    with pytest.raises(CommandError, match="not UTF-8") as raised:
        call_command("import_cases", str(path))

    assert raised.value.returncode == 2


def test_a_missing_file_exits_with_status_2(tmp_path):
    with pytest.raises(CommandError, match="cannot be read") as raised:
        call_command("import_cases", str(tmp_path / "missing.csv"))

    assert raised.value.returncode == 2
