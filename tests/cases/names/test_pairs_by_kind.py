"""Our labelled pairs of each kind of issue 25, as the bench scores them."""

import csv
from pathlib import Path

import pytest

from cases.names import score

PAIRS = Path(__file__).resolve().parents[3] / "bench/data/name_pairs_by_kind.tsv"


def _rows() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["kind"])
def test_decides_every_pair_of_each_kind(row: dict[str, str]) -> None:
    match = score(row["name_a"], row["name_b"])

    assert match.same is (row["same"] == "1"), match.describe()
