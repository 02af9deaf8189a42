"""How well the name matcher decides, on labelled pairs of names."""

import csv
import os
from pathlib import Path

from cases.names import detect_script
from cases.names.evaluation import Evaluation, LabelledPair, evaluate, read_pairs

from .report import Section

# ../shared beside the project root, as in CI.
SHARED = Path(__file__).resolve().parents[2] / "shared/data/names"
PAIRS = SHARED / "dev_pairs.tsv"
# Ours, one set a kind of issue 25 (invented people or public figures).
BY_KIND = Path(__file__).resolve().parent / "data/name_pairs_by_kind.tsv"
# The person pairs of a public sanctions-screening benchmark, kept out of
# the repository (see docs/benchmarks.md); NAMES_SCREENING_PAIRS names
# another copy.
SCREENING = Path(
    os.environ.get("NAMES_SCREENING_PAIRS", SHARED / "screening_pairs.tsv")
)


def run(*, scale: str) -> Section:
    """Score every labelled pair at THRESHOLD, overall and across scripts."""
    section = Section(
        name="name_match",
        title="Name matching quality",
        intro=(
            "`cases.names.evaluation.evaluate()` on "
            "`../shared/data/names/dev_pairs.tsv` (the same numbers as "
            "`manage.py name_match_eval`). Cross-script pairs are those whose "
            "two names are written in different scripts (detect_script). Then "
            "`bench/data/name_pairs_by_kind.tsv`, our pairs of each kind of "
            "issue 25 (other scripts, Arabic-language spelling, initials, "
            "typos, order around bin, Chinese romanisations, Turkish "
            "spelling), and, when present, the person pairs of a public "
            "sanctions-screening benchmark (`NAMES_SCREENING_PAIRS`, not in "
            "the repository). The scale does not matter here."
        ),
        headers=["Pairs", "Count", "Precision", "Recall", "F1", "FP", "FN"],
    )
    pairs = read_pairs(PAIRS)
    cross = [p for p in pairs if detect_script(p.name_a) != detect_script(p.name_b)]
    same_script = [p for p in pairs if p not in cross]
    for label, subset in (
        ("all", pairs),
        ("cross-script", cross),
        ("same script", same_script),
    ):
        section.rows.append(_row(label, evaluate(subset)))
    for kind, subset in _by_kind().items():
        section.rows.append(_row(f"kind: {kind}", evaluate(subset)))
    if SCREENING.exists():
        section.rows.append(_row("screening", evaluate(read_pairs(SCREENING))))
    else:
        section.notes.append(
            f"Screening pairs skipped: no file at {SCREENING.name} "
            "(set NAMES_SCREENING_PAIRS)."
        )
    return section


def _by_kind() -> dict[str, list[LabelledPair]]:
    kinds: dict[str, list[LabelledPair]] = {}
    with BY_KIND.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            pair = LabelledPair(row["name_a"], row["name_b"], row["same"] == "1")
            kinds.setdefault(row["kind"], []).append(pair)
    return kinds


def _row(label: str, evaluation: Evaluation) -> list[str]:
    return [
        label,
        f"{evaluation.pairs:,}",
        f"{evaluation.precision:.3f}",
        f"{evaluation.recall:.3f}",
        f"{evaluation.f1:.3f}",
        str(evaluation.false_positives),
        str(evaluation.false_negatives),
    ]
