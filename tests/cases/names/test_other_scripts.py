"""Names in scripts without a table of ours, and Arabic read as Arabic."""

import pytest

from cases.names import score
from cases.names.arabic import is_abjad
from cases.names.normalise import analyse
from cases.names.transliteration import to_latin


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("բարակ", "barak"),  # Armenian
        ("ბარაკ", "barak"),  # Georgian
        ("バラク", "barak"),  # katakana, the vowel added after k dropped
        ("김정은", "kimjongun"),  # Hangul, as Korean names are spelled
        ("नरेन्द्र", "narendra"),  # Devanagari, its unwritten a written
        ("मोहन", "mohan"),  # no a after a single final consonant
        ("ዐቢይ", "abiy"),  # Ethiopic
        ("μητσοτάκης", "mitsotakis"),  # Greek
    ],
)
def test_reads_scripts_without_a_table_of_ours(written: str, latin: str) -> None:
    assert to_latin(written) == latin


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Barack Obama", "Բարակ Օբամա"),
        ("Barack Obama", "ბარაკ ობამა"),
        ("Barack Obama", "バラク・オバマ"),
        ("Kim Jong Un", "김정은"),
        ("Narendra Modi", "नरेन्द्र मोदी"),
        ("Abiy Ahmed", "ዐቢይ አሕመድ"),
        ("Kyriakos Mitsotakis", "Κυριάκος Μητσοτάκης"),
    ],
)
def test_matches_a_name_in_another_script_to_its_latin_form(
    name_a: str, name_b: str
) -> None:
    match = score(name_a, name_b)

    assert match.same, match.describe()
    assert {part.how for part in match.explanation} == {"transliteration"}


def test_tells_hangul_names_one_syllable_apart() -> None:
    assert not score("김종은", "김정은").same


def test_keeps_reading_uyghur_with_our_own_table() -> None:
    assert to_latin("ئىلھام") == "ilham"
    assert to_latin("رەھىلە") == "rehile"


@pytest.mark.parametrize(
    ("word", "arabic"),
    [
        ("محمد", True),
        ("سلمان", True),
        ("ئىلھام", False),  # hamza seat before the first vowel
        ("توختى", False),  # dotless yeh inside is Uyghur i
        ("تۇرسۇن", False),  # Uyghur u
        ("رەھىلە", False),  # Uyghur e and h
    ],
)
def test_tells_arabic_spelling_from_uyghur_by_its_letters(
    word: str, arabic: bool
) -> None:
    (part,) = analyse(word)

    assert is_abjad(part) is arabic


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Mohammed Abdullah", "محمد عبد الله"),
        ("Mohammed bin Salman", "محمد بن سلمان"),
        ("Muhammad Salman", "محمد سلمان"),
        ("Fernando Perez", "فرناندو بيريز"),
    ],
)
def test_reads_arabic_names_without_their_short_vowels(
    name_a: str, name_b: str
) -> None:
    assert score(name_a, name_b).same


def test_keeps_a_long_vowel_arabic_would_write() -> None:
    # Mahmud is محمود; محمد is Muhammad.
    assert not score("Mahmud Salman", "محمد سلمان").same
    assert score("Mahmud Salman", "محمود سلمان").same
