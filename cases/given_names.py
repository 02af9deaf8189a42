"""Common given names of the peoples we document, in every script we write them in.

The tables under cases/data/ hold one given name a row: Kazakh ones in Latin,
Kazakh Cyrillic, Russian and Chinese transcription; Uyghur ones in Latin,
Uyghur Arabic script and Chinese transcription. No row is a person. The
matcher reads them to tell names from other words (sources.matching.gazetteers)
and the fake-data generator to invent persons (cases.fake_names).
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class GivenName:
    """One given name in every script it is written in here ("" where unused)."""

    female: bool
    latin: str
    chinese: str
    kazakh: str = ""
    russian: str = ""
    uyghur: str = ""


def data_rows(filename: str) -> list[list[str]]:
    """Return the rows of a tab-separated table under cases/data/, comments left out."""
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as file:
        lines = (line for line in file if line.strip() and not line.startswith("#"))
        return list(csv.reader(lines, delimiter="\t"))


@cache
def given_names(*, ethnicity: str, female: bool) -> tuple[GivenName, ...]:
    """Return the given names of one people ("kazakh" or "uyghur") and sex."""
    if ethnicity == "kazakh":
        names = [
            GivenName(gender == "f", latin, chinese, kazakh=kazakh, russian=russian)
            for gender, latin, kazakh, russian, chinese in data_rows("kazakh_names.tsv")
        ]
    else:
        names = [
            GivenName(gender == "f", latin, chinese, uyghur=uyghur)
            for gender, latin, uyghur, chinese in data_rows("uyghur_names.tsv")
        ]
    return tuple(name for name in names if name.female == female)
