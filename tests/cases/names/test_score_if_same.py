"""score_if_same and score_ceiling: quick answers that agree with score()."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.fake_names import kazakh_full_name, name_pool, uyghur_full_name
from cases.names import score, score_ceiling, score_if_same
from cases.names.matching import _parts
from cases.names.readings import may_match


def _forms() -> list[str]:
    men = name_pool(ethnicity="kazakh", female=False)[0][:40]
    uyghurs = name_pool(ethnicity="uyghur", female=False)[0][:40]
    forms = []
    for given_name, father in zip(men, reversed(men), strict=True):
        forms += kazakh_full_name(
            given=given_name, father=father, russian_style=False, family=men[3]
        ).values()
    for given_name, father in zip(uyghurs, reversed(uyghurs), strict=True):
        forms += uyghur_full_name(given=given_name, father=father).values()
    return forms


FORMS = _forms()
# Misspelled, inflected, shortened and reordered names meet the full forms.
EDITS = st.sampled_from(["", "a", "ы", "ning", "у", "ov", "uly"])


def _variant(text: str, cut: int, edit: str, swap: bool) -> str:
    parts = text.split()
    parts[-1] = parts[-1][: max(2, len(parts[-1]) - cut)] + edit
    return " ".join(reversed(parts) if swap else parts)


@settings(max_examples=3_000, deadline=None)
@given(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS),
    st.integers(0, 2),
    EDITS,
    st.booleans(),
    st.booleans(),
)
def test_returns_the_full_score_exactly_when_it_says_same(
    name_a: str, name_b: str, cut: int, edit: str, swap: bool, inflected: bool
) -> None:
    for other in (name_b, _variant(name_a, cut, edit, swap)):
        full = score(name_a, other, inflected=inflected)
        quick = score_if_same(name_a, other, inflected=inflected)

        assert quick == (full if full.same else None)
        assert full.score <= score_ceiling(name_a, other)


def _respaced(text: str, split: int, join: bool) -> str:
    """Return the name with two parts joined, or one part split in two."""
    parts = text.split()
    if join and len(parts) > 1:
        at = split % (len(parts) - 1)
        return " ".join([*parts[:at], parts[at] + parts[at + 1], *parts[at + 2 :]])
    at = split % len(parts)
    word = parts[at]
    cut = max(1, min(len(word) - 1, split % 7))
    return " ".join([*parts[:at], word[:cut], word[cut:], *parts[at + 1 :]])


@settings(max_examples=3_000, deadline=None)
@given(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS),
    st.integers(0, 20),
    st.booleans(),
    st.booleans(),
)
def test_names_may_match_rules_out_are_different(
    name_a: str, name_b: str, split: int, join: bool, inflected: bool
) -> None:
    respaced = (_respaced(name, split, join) for name in (name_a, name_b))
    for other in (name_b, *respaced):
        if not may_match(_parts(name_a), _parts(other), inflected):
            assert not score(name_a, other, inflected=inflected).same
            assert score_if_same(name_a, other, inflected=inflected) is None


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Ilham Tohti", "Ilham Toxti"),
        ("Abdu Weli Ayup", "Abduweli Ayup"),
        ("Серикжана Билаша", "Serikzhan Bilash"),
    ],
)
def test_says_same_with_the_full_explanation(name_a: str, name_b: str) -> None:
    assert score_if_same(name_a, name_b, inflected=True) == score(
        name_a, name_b, inflected=True
    )


def test_says_nothing_of_different_names() -> None:
    assert score_if_same("Rahile Dawut", "Rahima Dawut") is None
    assert score_if_same("", "Ilham Tohti") is None


def test_ceiling_is_below_exact_for_as_many_letters_but_other_ones() -> None:
    assert score_ceiling("Shahide Rishat", "Hasiyet Ershat") < 1.0
    assert score_ceiling("Shahide Rishat", "Rishat Shahide") == 1.0
    assert score_ceiling("Abdu Weli", "Abduweli") == 1.0
