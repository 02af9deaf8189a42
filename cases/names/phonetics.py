"""Distances between folded name parts, and consonant skeletons.

The weights encode how Turkic names drift between spellings: vowels that one
romanisation writes a and another e (Uyghur ە, Kazakh ә), glides that come and
go (Sauytbay/Sautbay), voicing pairs. Everything else costs a full edit.

Mandarin transcribes names by syllables, adding vowels after consonants it
cannot end a syllable with (Ilham = yi-li-ha-mu), so Chinese-script parts are
compared by their consonant skeletons instead.
"""

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from rapidfuzz.distance import Levenshtein

_CHEAP_SUBSTITUTIONS = {
    frozenset("ae"): 0.15,
    frozenset("uv"): 0.2,
    frozenset("ou"): 0.25,
    frozenset("ei"): 0.4,
    frozenset("iu"): 0.5,
    frozenset("kg"): 0.5,
    frozenset("td"): 0.5,
    frozenset("pb"): 0.5,
    frozenset("sz"): 0.5,
    frozenset("hk"): 0.5,
    frozenset("vf"): 0.5,
    # Uyghur has no f: Arabic and Persian f becomes p (Yusuf = Yusup).
    frozenset("pf"): 0.3,
}
_CHEAP_INDELS = {"i": 0.3, "h": 0.4, "v": 0.4, "e": 0.5, "u": 0.6}

# Consonant classes for skeletons: Mandarin has no voicing contrast and one
# liquid for Turkic r and l, and writes s, z, sh, j and ch with its own
# sibilants, so each group becomes one class.
_CLASSES = {
    "b": "p", "p": "p", "f": "p", "m": "m", "t": "t", "d": "t", "k": "k",
    "g": "k", "h": "h", "s": "s", "z": "s", "j": "s", "c": "s", "r": "r",
    "l": "r", "n": "n",
}  # fmt: skip
_SKELETON_INDELS = {"h": 0.4, "n": 0.6}
_SKELETON_SUBSTITUTIONS = {frozenset("hk"): 0.4}


class HasForms(Protocol):
    """What sinic_similarity needs of a name part."""

    folded: str
    is_han: bool


def plain_distance(x: str, y: str) -> int:
    """Return the number of single-letter edits between two strings."""
    return Levenshtein.distance(x, y)


def _weighted_distance(
    x: str,
    y: str,
    substitution: Callable[[str, str], float],
    indel: Callable[[str, int], float],
    indel_y: Callable[[str, int], float] | None = None,
) -> float:
    """Return the weighted edit distance (indel_y, if given, prices y's letters)."""
    indel_y = indel_y or indel
    previous = [0.0]
    for j in range(len(y)):
        previous.append(previous[j] + indel_y(y, j))
    for i in range(len(x)):
        current = [previous[0] + indel(x, i)]
        for j in range(len(y)):
            current.append(
                min(
                    previous[j] + substitution(x[i], y[j]),
                    previous[j + 1] + indel(x, i),
                    current[j] + indel_y(y, j),
                )
            )
        previous = current
    return previous[-1]


def _letter_substitution(x: str, y: str) -> float:
    return 0.0 if x == y else _CHEAP_SUBSTITUTIONS.get(frozenset((x, y)), 1.0)


def _letter_indel(word: str, index: int) -> float:
    letter = word[index]
    # Kazakh ң is "ng" in one romanisation and plain "n" in another.
    if letter == "g" and index and word[index - 1] == "n":
        return 0.4
    return _CHEAP_INDELS.get(letter, 1.0)


@lru_cache(maxsize=65536)
def phonetic_distance(x: str, y: str) -> float:
    """Return an edit distance where common spelling variation costs little."""
    return _weighted_distance(x, y, _letter_substitution, _letter_indel)


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """Return the consonant classes of a folded part (Tohti -> tht)."""
    classes = []
    adjacent = False
    i = 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in ("ch", "sh", "ts"):
            code, i = "s", i + 2
        elif pair == "ng":
            code, i = "n", i + 2
        else:
            code, i = _CLASSES.get(folded[i], ""), i + 1
        # Only a cluster is one sound (Tohti: h and t stay two); the same
        # class on both sides of a vowel is two consonants (Rahile: r, l).
        if code and not (adjacent and classes[-1] == code):
            classes.append(code)
        adjacent = bool(code)
    return "".join(classes)


def _skeleton_substitution(x: str, y: str) -> float:
    return 0.0 if x == y else _SKELETON_SUBSTITUTIONS.get(frozenset((x, y)), 1.0)


def _skeleton_indel(word: str, index: int) -> float:
    return _SKELETON_INDELS.get(word[index], 1.0)


def skeleton_distance(x: str, y: str) -> float:
    """Return the distance of two skeletons; h and n come and go cheaply."""
    return _weighted_distance(x, y, _skeleton_substitution, _skeleton_indel)


_SINIC_VOWELS = frozenset("aeiou")
# Mandarin adds vowels (cheap on the Chinese side) but seldom drops one
# (dear on the other side, so a changed vowel cannot pass as drop-and-add).
_SINIC_ADDED = {"a": 0.15, "e": 0.15, "i": 0.15, "o": 0.15, "u": 0.15, "h": 0.3,
                "v": 0.3, "n": 0.5}  # fmt: skip
_SINIC_DROPPED = {"a": 0.8, "e": 0.6, "i": 0.3, "o": 0.8, "u": 0.8, "h": 0.3,
                  "v": 0.3, "n": 0.5}  # fmt: skip
_SINIC_SUBSTITUTIONS = {
    frozenset("rl"): 0.2, frozenset("ae"): 0.15, frozenset("ou"): 0.2,
    frozenset("ei"): 0.3, frozenset("eo"): 0.3, frozenset("eu"): 0.3,
    frozenset("hk"): 0.3, frozenset("hg"): 0.3,
}  # fmt: skip


def _sinic_substitution(x: str, y: str) -> float:
    if x == y:
        return 0.0
    cost = _SINIC_SUBSTITUTIONS.get(frozenset((x, y)))
    if cost is not None:
        return cost
    if x not in _SINIC_VOWELS and _CLASSES.get(x, x) == _CLASSES.get(y, y):
        return 0.3
    return 1.0


def _sinic_added(word: str, index: int) -> float:
    letter = word[index]
    if letter == "g" and index and word[index - 1] == "n":
        return 0.2
    return _SINIC_ADDED.get(letter, 1.0)


def _sinic_dropped(word: str, index: int) -> float:
    return _SINIC_DROPPED.get(word[index], 1.0)


# Stored Chinese forms meet the same words again and again: remember results.
@lru_cache(maxsize=65536)
def sinic_letter_distance(han: str, other: str) -> float:
    """Return a distance where the vowels Mandarin adds after consonants are
    cheap but a different vowel is not (Gulnar is not 古丽努尔, Gulnur).

    Pinyin "ai" (艾, 买, 拜, 海) writes the Turkic front vowel e/ä.
    """
    han = han.replace("ai", "e")
    return _weighted_distance(
        han, other, _sinic_substitution, _sinic_added, _sinic_dropped
    )


def sinic_similarity(a: HasForms, b: HasForms) -> float:
    """Score a Chinese-script part against a part written in another script.

    Equal skeletons score as a transliteration; one cheap edit (a dropped h,
    an added nasal) slightly less; a full consonant edit stays below the
    decision threshold, since skeletons are short and collide easily. Parts
    whose vowels disagree beyond what syllable-by-syllable transcription
    explains are capped below the threshold too.
    """
    x, y = skeleton(a.folded), skeleton(b.folded)
    if not x or not y:
        return 0.0
    han, latin = (a.folded, b.folded) if a.is_han else (b.folded, a.folded)
    letters = sinic_letter_distance(han, latin)
    if letters > 0.5 + 0.05 * len(latin):
        return 0.6
    distance = skeleton_distance(x, y)
    longest = max(len(x.replace("h", "")), len(y.replace("h", "")))
    if distance == 0:
        return 0.9 if longest >= 2 else 0.84
    if distance <= 0.6:
        return 0.86 if longest >= 2 else 0.8
    if distance <= 1.0 and longest >= 4:
        return 0.76
    return max(0.0, 0.6 * (1 - distance / max(len(x), len(y))))
