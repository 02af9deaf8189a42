"""Readings of two names, and may_match (checked against score() in
test_score_if_same)."""

import pytest

from cases.names import score
from cases.names.matching import _parts
from cases.names.readings import joinings, may_match


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Abdu Weli Ayup", "Abduweli Ayup"),
        ("Abduweli Ayup", "Abdu Weli Ayup"),
        ("Xi Jinping", "习近平"),
        ("Ilham Tohti", "Tohti Ilham"),
        ("Ilham", "Il Ham"),
    ],
)
def test_keeps_names_some_reading_matches(name_a: str, name_b: str) -> None:
    assert score(name_a, name_b).same
    assert may_match(_parts(name_a), _parts(name_b), False)


def test_rules_out_different_names() -> None:
    assert not may_match(_parts("Rahile Dawut"), _parts("Gulnar Halik Ekpar"), False)
    assert not may_match(_parts("Rahile Dawut"), _parts("Rahima Dawut"), False)


def test_joins_adjacent_parts_then_all() -> None:
    parts = _parts("Abdu Weli Ayup")
    assert [[p.text for p in joined] for joined in joinings(parts)] == [
        ["Abdu Weli", "Ayup"],
        ["Abdu", "Weli Ayup"],
        ["Abdu Weli Ayup"],
    ]
