"""Reading a spreadsheet's bytes: CSV in the dialects spreadsheets save, XLSX."""

import datetime

import pytest

from sources.spreadsheets.reading import SpreadsheetError, read_sheet

from .conftest import csv_bytes, xlsx_bytes

ROWS = [
    ["subject.names", "summary"],
    ["Айгүл Серікқызы", "Taken at night,\nher son says"],
]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [True, False])
def test_reads_csv_with_either_delimiter_with_or_without_bom(delimiter, bom):
    sheet = read_sheet(
        data=csv_bytes(ROWS, delimiter=delimiter, bom=bom), filename="a.csv"
    )

    assert sheet.header == ["subject.names", "summary"]
    assert list(sheet.rows) == [
        (2, ["Айгүл Серікқызы", "Taken at night,\nher son says"])
    ]


def test_numbers_rows_as_the_spreadsheet_shows_them_and_skips_blank_ones():
    data = csv_bytes([["subject.names"], ["A"], [""], ["B"]])

    assert [
        number for number, _cells in read_sheet(data=data, filename="a.csv").rows
    ] == [
        2,
        4,
    ]


def test_reads_xlsx_date_cells_as_dates():
    data = xlsx_bytes(
        [["subject.names", "disappeared"], ["A", datetime.date(2018, 4, 3)]]
    )

    sheet = read_sheet(data=data, filename="cases.xlsx")

    assert list(sheet.rows) == [(2, ["A", datetime.date(2018, 4, 3)])]


def test_tells_xlsx_by_its_content_whatever_its_name():
    data = xlsx_bytes([["subject.names"], ["A"]])

    assert read_sheet(data=data, filename="upload").header == ["subject.names"]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("subject.names\nÇelik".encode("cp1254"), "UTF-8"),
        (b"", "empty"),
        (b"PK\x03\x04broken", "XLSX"),
    ],
)
def test_refuses_what_is_not_a_spreadsheet(data, says):
    with pytest.raises(SpreadsheetError, match=says):
        read_sheet(data=data, filename="a.csv")
