"""Measure the matcher on labelled pairs of names (precision, recall, F1)."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .matching import THRESHOLD, score

REQUIRED_COLUMNS = ("name_a", "name_b", "same")


@dataclass(frozen=True)
class LabelledPair:
    """Two written names and whether they are the same person's."""

    name_a: str
    name_b: str
    same: bool


@dataclass(frozen=True)
class ScoredPair:
    """A labelled pair with the matcher's score."""

    pair: LabelledPair
    score: float


@dataclass(frozen=True)
class Evaluation:
    """Counts and rates of the matcher's decisions at one threshold."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    scored: list[ScoredPair] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        """Return the number of pairs evaluated."""
        return len(self.scored)

    @property
    def precision(self) -> float:
        """Return the share of pairs called the same that are the same."""
        called = self.true_positives + self.false_positives
        return self.true_positives / called if called else 0.0

    @property
    def recall(self) -> float:
        """Return the share of same-person pairs that were called the same."""
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def summary(self) -> dict[str, float | int]:
        """Return the numbers as printed by the name_match_eval command."""
        return {
            "pairs": self.pairs,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "threshold": self.threshold,
        }


def read_pairs(path: Path) -> list[LabelledPair]:
    """Read a TSV whose header starts name_a, name_b, same (1 or 0).

    Raise FileNotFoundError for a missing file and ValueError for a bad
    header or label, naming the line.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, [])
        if tuple(column.strip() for column in header[:3]) != REQUIRED_COLUMNS:
            expected = "\t".join(REQUIRED_COLUMNS)
            raise ValueError(f"{path}: the header must start with {expected!r}")
        pairs = []
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < 3 or row[2].strip() not in ("0", "1"):
                raise ValueError(f"{path}, line {line}: 'same' must be 1 or 0")
            pairs.append(LabelledPair(row[0], row[1], row[2].strip() == "1"))
    return pairs


def evaluate(pairs: Iterable[LabelledPair], threshold: float = THRESHOLD) -> Evaluation:
    """Score every pair and count the decisions at the threshold."""
    scored = [ScoredPair(p, score(p.name_a, p.name_b).score) for p in pairs]
    counts = {(True, True): 0, (False, True): 0, (True, False): 0, (False, False): 0}
    for item in scored:
        counts[(item.pair.same, item.score >= threshold)] += 1
    return Evaluation(
        threshold=threshold,
        true_positives=counts[(True, True)],
        false_positives=counts[(False, True)],
        false_negatives=counts[(True, False)],
        true_negatives=counts[(False, False)],
        scored=scored,
    )


def write_scores(evaluation: Evaluation, path: Path) -> None:
    """Write each pair with its score as TSV: name_a, name_b, same, score."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name_a", "name_b", "same", "score"])
        for item in evaluation.scored:
            pair = item.pair
            same = int(pair.same)
            writer.writerow([pair.name_a, pair.name_b, same, f"{item.score:.4f}"])
