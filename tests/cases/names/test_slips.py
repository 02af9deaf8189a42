"""Initials, slips of the pen, order around bin, other romanisations."""

import pytest

from cases.names import THRESHOLD, score
from cases.names.slips import is_slip, keyboard_neighbours


def test_takes_an_initial_as_a_weaker_match_of_the_given_name() -> None:
    full = score("Serikzhan Bilash", "Serikzhan Bilash")
    initial = score("S. Bilash", "Serikzhan Bilash")

    assert initial.same
    assert THRESHOLD <= initial.score < full.score
    assert "S ≈ Serikzhan (initial)" in initial.describe()


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("S. Bilash", "Serikzhan Bilash"),
        ("Serikzhan B.", "Serikzhan Bilash"),
        ("С. Билаш", "Serikzhan Bilash"),
        ("Ali A. Testov", "Ali Akbar Testov"),
        ("Z. Serikov", "Zhumabek Serikov"),  # folded, Zhumabek is jumabek
    ],
)
def test_matches_initials_of_the_same_name(name_a: str, name_b: str) -> None:
    assert score(name_a, name_b).same


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("S. Bilash", "Aigerim Bilash"),
        ("N. N.", "Nursultan Nazarbayev"),
        ("A. Nazarbayev", "Nursultan Nazarbayev"),
    ],
)
def test_refuses_an_initial_of_another_name_or_initials_alone(
    name_a: str, name_b: str
) -> None:
    assert not score(name_a, name_b).same


def test_reads_no_initials_in_running_text() -> None:
    # Russian с ("with") before a surname is a word, not Serikzhan's initial.
    assert not score("с Билаш", "Serikzhan Bilash", inflected=True).same


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Serikzahn Bilash", "Serikzhan Bilash"),  # neighbours swapped
        ("Olaf Schloz", "Olaf Scholz"),  # six letters, swapped
        ("Serikxhan Bilash", "Serikzhan Bilash"),  # x beside z on the keyboard
        ("Aigerim Testvoa", "Aigerim Testova"),
        ("Vladimir nituP", "Vladimir Putin"),  # one part backwards
    ],
)
def test_forgives_one_slip_in_a_long_part_and_says_so(name_a: str, name_b: str) -> None:
    match = score(name_a, name_b)

    assert match.same
    assert "typo" in {part.how for part in match.explanation}


@pytest.mark.parametrize(
    ("name_a", "name_b"),
    [
        ("Gulnur Tursun", "Gulnar Tursun"),
        ("Aigul Testova", "Aizhan Testova"),
        ("Rahim Mahmut", "Rahima Mahmut"),
        ("Dawut Testov", "Dawtu Testov"),  # a swap in a short part
    ],
)
def test_keeps_short_parts_strict(name_a: str, name_b: str) -> None:
    assert not score(name_a, name_b).same


def test_knows_slips_by_length() -> None:
    assert keyboard_neighbours("x", "z")
    assert not keyboard_neighbours("x", "p")
    assert is_slip("schloz", "scholz")
    assert not is_slip("dawtu", "dawut")
    assert not is_slip("gulnur", "gulnar")  # u and a are not neighbours


def test_keeps_the_order_around_bin() -> None:
    assert not score("Ahmad bin Hasan", "Hasan bin Ahmad").same
    assert not score("Serik uly Testov", "Testov uly Serik").same
    assert score("Ahmad bin Hasan", "Ahmad ibn Hasan").same
    # A name that opens with bin says nothing of the order.
    assert score("Mohammed bin Salman", "bin Salman Mohammed").same


@pytest.mark.parametrize(
    ("name_a", "name_b", "how"),
    [
        ("Hsi Chin-ping", "Xi Jinping", "Wade-Giles"),
        ("Mao Tse-tung", "Mao Zedong", "Wade-Giles"),
        ("Wong Testov", "Huang Testov", "Cantonese"),
        ("Serikcan Bilaş", "Serikzhan Bilash", "Turkish spelling"),
    ],
)
def test_reads_other_romanisations_back(name_a: str, name_b: str, how: str) -> None:
    match = score(name_a, name_b)

    assert match.same
    assert how in {part.how for part in match.explanation}


def test_reads_a_final_voiced_stop_as_voiceless() -> None:
    assert score("Ekpar Asat", "Ekber Asat").same
    assert not score("Ekpar Asat", "Ekrem Asat").same
