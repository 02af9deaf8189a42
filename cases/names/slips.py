"""Slips of the pen and of the keyboard in one part of a name, and initials.

A slip is told apart from another name by the length of the part: in a
long name one wrong letter leaves it recognisable, in a short one it often
makes a different name (Gulnur, Gulnar). See parts._typo for the lengths.
"""

from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

from .normalise import Part

# Parts this long or longer may have a letter added or dropped, two
# neighbours swapped or a key next to the right one struck.
SLIP_LENGTH = 6
# Parts this long or longer may have any one letter changed.
CHANGE_LENGTH = 7
# Parts this long or longer may be written backwards (nituP).
REVERSED_LENGTH = 4

_VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Where each key sits, rows shifted as on a keyboard: a under q-w, z under a-s.
_KEYS = {
    key: (row, column + 0.5 * row)
    for row, keys in enumerate(_ROWS)
    for column, key in enumerate(keys)
}


def keyboard_neighbours(x: str, y: str) -> bool:
    """Tell whether two letters are next to each other on a QWERTY keyboard."""
    if x not in _KEYS or y not in _KEYS or x == y:
        return False
    (row_x, col_x), (row_y, col_y) = _KEYS[x], _KEYS[y]
    if row_x == row_y:
        return abs(col_x - col_y) == 1
    return abs(row_x - row_y) == 1 and abs(col_x - col_y) <= 0.5


@lru_cache(maxsize=65536)
def is_slip(x: str, y: str, typed: bool = False) -> bool:
    """Tell whether y is x with one slip that a part of its length allows.

    A key struck next to the right one counts only where both were typed
    in Latin letters (typed), between two consonants inside the part: a
    changed first or last letter, or a vowel, makes another name as often
    (Zhanar, Zhanat; Aisulu, Aksulu; Nazira, Zhazira).
    """
    length = max(len(x), len(y))
    if length >= REVERSED_LENGTH and x == y[::-1] and x != y:
        return True
    if length < SLIP_LENGTH:
        return False
    edits = Levenshtein.distance(x, y)
    if edits == 2:
        # Two neighbours swapped: one edit to OSA, two to Levenshtein.
        return len(x) == len(y) and OSA.distance(x, y) == 1
    if edits != 1:
        return False
    if len(x) != len(y) or length >= CHANGE_LENGTH:
        return True
    (at,) = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    inside = 0 < at < length - 1 and not {x[at], y[at]} & _VOWELS
    return typed and inside and keyboard_neighbours(x[at], y[at])


def initial_of(part: Part) -> str:
    """Return the folded letter(s) of a part written as one letter, else ""."""
    if len(part.text) == 1 and part.text.isalpha():
        return part.folded
    return ""
