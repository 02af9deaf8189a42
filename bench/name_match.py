"""How well the name matcher decides, on the labelled development pairs."""

from pathlib import Path

from cases.names import detect_script
from cases.names.evaluation import Evaluation, evaluate, read_pairs

from .report import Section

# ../shared beside the project root, as in CI.
PAIRS = Path(__file__).resolve().parents[2] / "shared/data/names/dev_pairs.tsv"


def run(*, scale: str) -> Section:
    """Score every labelled pair at THRESHOLD, overall and across scripts."""
    section = Section(
        name="name_match",
        title="Name matching quality",
        intro=(
            "`cases.names.evaluation.evaluate()` on "
            "`../shared/data/names/dev_pairs.tsv` (the same numbers as "
            "`manage.py name_match_eval`). Cross-script pairs are those whose "
            "two names are written in different scripts (detect_script). The "
            "scale does not matter here."
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
    return section


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
