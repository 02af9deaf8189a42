"""The name_match_eval command: JSON summary, scores file, clear errors."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.names.evaluation import LabelledPair, evaluate, read_pairs

PAIRS = (
    "name_a\tname_b\tsame\tgroup\n"
    "Ilham Tohti\tئىلھام توختى\t1\tilham\n"
    "Ilham Tohti\tIlham Aliyev\t0\tnegative\n"
    "Rahile Dawut\tRahima Dawut\t0\tnegative\n"
)


@pytest.fixture
def pairs_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text(PAIRS, encoding="utf-8")
    return path


def test_prints_precision_recall_and_f1_as_json(pairs_file: Path) -> None:
    out = StringIO()
    call_command("name_match_eval", str(pairs_file), stdout=out)
    summary = json.loads(out.getvalue())
    assert summary == {
        "pairs": 3,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "threshold": summary["threshold"],
    }


def test_writes_each_pair_with_its_score(pairs_file: Path, tmp_path: Path) -> None:
    scores = tmp_path / "scores.tsv"
    call_command(
        "name_match_eval", str(pairs_file), scores=str(scores), stdout=StringIO()
    )
    lines = scores.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name_a\tname_b\tsame\tscore"
    assert len(lines) == 4
    assert lines[1].startswith("Ilham Tohti\tئىلھام توختى\t1\t")


def test_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file") as error:
        call_command("name_match_eval", str(tmp_path / "nope.tsv"))
    assert error.value.returncode == 2


def test_rejects_a_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\tlabel\nx\ty\t1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="header") as error:
        call_command("name_match_eval", str(path))
    assert error.value.returncode == 2


def test_rejects_a_bad_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("name_a\tname_b\tsame\nx\ty\tyes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_pairs(path)


def test_counts_decisions_at_the_threshold() -> None:
    evaluation = evaluate(
        [
            LabelledPair("Ilham Tohti", "Ilham Toxti", True),
            LabelledPair("Ilham Tohti", "Ilham Aliyev", True),
            LabelledPair("Anar Sabit", "Anar Sabit", False),
            LabelledPair("Anar Sabit", "Omir Bekali", False),
        ]
    )
    assert (evaluation.true_positives, evaluation.false_negatives) == (1, 1)
    assert (evaluation.false_positives, evaluation.true_negatives) == (1, 1)
    assert evaluation.precision == evaluation.recall == evaluation.f1 == 0.5
