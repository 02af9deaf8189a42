"""Distances between folded name parts, and consonant skeletons.

The weights encode how Turkic names drift between spellings: vowels that one
romanisation writes a and another e (Uyghur ە, Kazakh ә), glides that come and
go (Sauytbay/Sautbay), voicing pairs. Everything else costs a full edit.

Mandarin transcribes names by syllables, adding vowels after consonants it
cannot end a syllable with (Ilham = yi-li-ha-mu), so Chinese-script parts are
compared by their consonant skeletons instead.
"""

import math
import re
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
    # Ukrainian г is h where Russian has g (Ihor = Igor, Olha = Olga), and
    # Russian writes Turkic and Arabic h as г (Гасан = Hasan).
    frozenset("gh"): 0.3,
    frozenset("vf"): 0.5,
    # Uyghur has no f: Arabic and Persian f becomes p (Yusuf = Yusup).
    frozenset("pf"): 0.3,
}
_CHEAP_INDELS = {"i": 0.3, "h": 0.4, "v": 0.4, "e": 0.5, "u": 0.6}
# Below every letter's cost, the nasal's g after n included (0.4).
_CHEAPEST_INDEL = min(_CHEAP_INDELS.values())
# Uyghur é (ې) and the ey before it are written e, ey or i: Teyip = Tiyip
# (folded teip, tip), Eysa = Isa. An e before i comes and goes cheaply.
_E_BEFORE_I = 0.3
# For _unshared_cost: a letter dropped costs its indel (g after n 0.4, e
# before i 0.3), and a letter changed costs its cheap substitution if the
# other letter is there.
_LONE_COSTS = {**_CHEAP_INDELS, "g": 0.4, "e": _E_BEFORE_I}
_CHEAPEST_EDITS: dict[str, list[tuple[str, float]]] = {}
for _pair, _cost in _CHEAP_SUBSTITUTIONS.items():
    for _letter in _pair:
        (_other,) = _pair - {_letter}
        _CHEAPEST_EDITS.setdefault(_letter, []).append((_other, _cost))

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
    """What sinic_similarity needs of a name part (read-only: Part is a tuple)."""

    @property
    def folded(self) -> str: ...

    @property
    def is_han(self) -> bool: ...


def plain_distance(x: str, y: str) -> int:
    """Return the number of single-letter edits between two strings."""
    return Levenshtein.distance(x, y)


def weighted_distance(
    x: str,
    y: str,
    substitution: Callable[[str, str], float],
    indel: Callable[[str, int], float],
    indel_y: Callable[[str, int], float] | None = None,
    limit: float = math.inf,
    cheapest: float = 0.0,
) -> float:
    """Return the weighted edit distance (indel_y, if given, prices y's letters).

    Past limit the distance is not worked out: a value above limit comes
    back as soon as every path costs more; cheapest, the lowest cost of
    adding or dropping a letter, bounds it before any work from the lengths.
    The costs of each letter are looked up once, not once per cell: this is
    the matcher's innermost loop.
    """
    floor = abs(len(x) - len(y)) * cheapest
    if floor > limit:
        return floor
    indel_y = indel_y or indel
    costs_x = [indel(x, i) for i in range(len(x))]
    costs_y = [indel_y(y, j) for j in range(len(y))]
    # A path that strays more than band letters off the diagonal adds or
    # drops that many, costing more than limit: those cells are not worked.
    width = len(y)
    band = int(limit / cheapest) + 1 if cheapest and limit < math.inf else width
    previous = [0.0]
    for cost in costs_y:
        previous.append(previous[-1] + cost)
    for i, (letter, cost_x) in enumerate(zip(x, costs_x, strict=True), 1):
        current = [math.inf] * (width + 1)
        if i <= band:
            current[0] = previous[0] + cost_x
        first = max(1, i - band)
        left = current[first - 1]
        for j in range(first, min(width, i + band) + 1):
            # min() of the three, written out: a call per cell costs too much.
            value = previous[j - 1] + substitution(letter, y[j - 1])
            deleted = previous[j] + cost_x
            if deleted < value:
                value = deleted
            inserted = left + costs_y[j - 1]
            if inserted < value:
                value = inserted
            left = current[j] = value
        previous = current
        # No cell of a later row is cheaper than the cheapest of this one.
        if limit < math.inf and min(current) > limit:
            return min(current)
    return previous[-1]


@lru_cache(maxsize=4096)
def _letter_substitution(x: str, y: str) -> float:
    return 0.0 if x == y else _CHEAP_SUBSTITUTIONS.get(frozenset((x, y)), 1.0)


def _unshared_cost(x: str, y: str) -> float:
    """Return the least that x's letters missing from y cost to edit away.

    Each must be dropped or changed into one of y's letters, an edit of its
    own: the sum bounds the distance from below, in a few lookups.
    """
    present = set(y)
    cost = 0.0
    for letter in x:
        if letter in present:
            continue
        letter_cost = _LONE_COSTS.get(letter, 1.0)
        for other, changed in _CHEAPEST_EDITS.get(letter, ()):
            if other in present and changed < letter_cost:
                letter_cost = changed
        cost += letter_cost
    return cost


def _letter_indel(word: str, index: int) -> float:
    letter = word[index]
    # Kazakh ң is "ng" in one romanisation and plain "n" in another.
    if letter == "g" and index and word[index - 1] == "n":
        return 0.4
    if letter == "e" and word[index + 1 : index + 2] == "i":
        return _E_BEFORE_I
    return _CHEAP_INDELS.get(letter, 1.0)


# A voiced stop beside a voiceless consonant or at the end of a word is
# spoken, and often written, voiceless in Turkic and Turkish spellings:
# Ekber = Ekpar, Ahmad = Ahmat. The g of the nasal ng stays.
_DEVOICED = re.compile(
    "(?<=[cfhkpqstx])[bdg]|[bd](?=[cfhkpqstx]|$)|(?<![nl])g(?=[cfhkpqstx]|$)"
)
_VOICELESS = {"b": "p", "d": "t", "g": "k"}


def devoice(folded: str) -> str:
    """Write b, d and g as p, t and k where Turkic speech devoices them."""
    return _DEVOICED.sub(lambda found: _VOICELESS[found.group()], folded)


@lru_cache(maxsize=65536)
def phonetic_distance(x: str, y: str, limit: float = math.inf) -> float:
    """Return an edit distance where common spelling variation costs little.

    A voiced stop that ends a syllable counts as voiceless (devoice). A
    distance above limit is only known to be above it.
    """
    x, y = devoice(x), devoice(y)
    if limit < math.inf:
        for one, other in ((x, y), (y, x)):
            floor = _unshared_cost(one, other)
            if floor > limit:
                return floor
    return weighted_distance(
        x, y, _letter_substitution, _letter_indel, limit=limit, cheapest=_CHEAPEST_INDEL
    )


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """Return the consonant classes of a folded part (Tohti -> tht)."""
    classes: list[str] = []
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


@lru_cache(maxsize=4096)
def _skeleton_substitution(x: str, y: str) -> float:
    return 0.0 if x == y else _SKELETON_SUBSTITUTIONS.get(frozenset((x, y)), 1.0)


def _skeleton_indel(word: str, index: int) -> float:
    return _SKELETON_INDELS.get(word[index], 1.0)


def skeleton_distance(x: str, y: str) -> float:
    """Return the distance of two skeletons; h and n come and go cheaply."""
    return weighted_distance(x, y, _skeleton_substitution, _skeleton_indel)


SINIC_VOWELS = frozenset("aeiou")
# Mandarin adds vowels (cheap on the Chinese side) but seldom drops one
# (dear on the other side, so a changed vowel cannot pass as drop-and-add).
_SINIC_ADDED = {"a": 0.15, "e": 0.15, "i": 0.15, "o": 0.15, "u": 0.15, "h": 0.3,
                "v": 0.3, "n": 0.5}  # fmt: skip
_SINIC_DROPPED = {"a": 0.8, "e": 0.6, "i": 0.3, "o": 0.8, "u": 0.8, "h": 0.3,
                  "v": 0.3, "n": 0.5}  # fmt: skip
# Below every letter's cost, added or dropped, the g after n included (0.2).
_CHEAPEST_SINIC_INDEL = min(*_SINIC_ADDED.values(), *_SINIC_DROPPED.values())
# For _sinic_unshared: the cheaper of adding and dropping each letter.
_SINIC_LONE = {
    letter: min(_SINIC_ADDED.get(letter, 1.0), _SINIC_DROPPED.get(letter, 1.0))
    for letter in {*_SINIC_ADDED, *_SINIC_DROPPED}
} | {"g": 0.2}
_SINIC_SUBSTITUTIONS = {
    frozenset("rl"): 0.2, frozenset("ae"): 0.15, frozenset("ou"): 0.2,
    frozenset("ei"): 0.3, frozenset("eo"): 0.3, frozenset("eu"): 0.3,
    frozenset("hk"): 0.3, frozenset("hg"): 0.3,
}  # fmt: skip


@lru_cache(maxsize=4096)
def sinic_substitution(x: str, y: str) -> float:
    if x == y:
        return 0.0
    cost = _SINIC_SUBSTITUTIONS.get(frozenset((x, y)))
    if cost is not None:
        return cost
    if x not in SINIC_VOWELS and _CLASSES.get(x, x) == _CLASSES.get(y, y):
        return 0.3
    return 1.0


def sinic_added(word: str, index: int) -> float:
    letter = word[index]
    if letter == "g" and index and word[index - 1] == "n":
        return 0.2
    return _SINIC_ADDED.get(letter, 1.0)


def sinic_dropped(word: str, index: int) -> float:
    return _SINIC_DROPPED.get(word[index], 1.0)


# Stored Chinese forms meet the same words again and again: remember results.
@lru_cache(maxsize=65536)
def sinic_letter_distance(han: str, other: str, limit: float = math.inf) -> float:
    """Return a distance where the vowels Mandarin adds after consonants are
    cheap but a different vowel is not (Gulnar is not 古丽努尔, Gulnur).

    Pinyin "ai" (艾, 买, 拜, 海) writes the Turkic front vowel e/ä. A distance
    above limit is only known to be above it.
    """
    # ... and so does the diphthong ey (Gheyret = 海莱特, hai-lai-te). Mandarin
    # writes s and sh with any of its sibilants (Sattar = 沙塔尔, sha-ta-er;
    # Tashpolat = 塔西甫拉提, ta-xi-fu-la-ti), as skeleton() has it.
    han = han.replace("ai", "e").replace("sh", "s")
    other = other.replace("ei", "e").replace("sh", "s")
    if limit < math.inf:
        floor = max(_sinic_unshared(han, other), _sinic_unshared(other, han))
        if floor > limit:
            return floor
    return weighted_distance(
        han,
        other,
        sinic_substitution,
        sinic_added,
        sinic_dropped,
        limit=limit,
        cheapest=_CHEAPEST_SINIC_INDEL,
    )


def _sinic_unshared(x: str, y: str) -> float:
    """Return the least that x's letters missing from y cost (see _unshared_cost).

    Each is added or dropped (whichever side x is, at the cheaper of the two
    prices) or changed into one of y's letters.
    """
    present = set(y)
    cost = 0.0
    for letter in x:
        if letter in present:
            continue
        letter_cost = min(_SINIC_LONE.get(letter, 1.0), 1.0)
        for other in present:
            letter_cost = min(letter_cost, sinic_substitution(letter, other))
        cost += letter_cost
    return cost


def sinic_similarity(a: HasForms, b: HasForms) -> float:
    """Score a Chinese-script part against a part written in another script.

    Equal skeletons score as a transliteration; one cheap edit (a dropped h,
    an added nasal) slightly less; a full consonant edit stays below the
    decision threshold, since skeletons are short and collide easily. Parts
    whose vowels disagree beyond what syllable-by-syllable transcription
    explains are capped below the threshold too.
    """
    han, latin = (a.folded, b.folded) if a.is_han else (b.folded, a.folded)
    return voweled_similarity(han, latin)


def voweled_similarity(
    voweled: str,
    other: str,
    letter_distance: Callable[[str, str, float], float] | None = None,
    allowance: float = 0.5,
) -> float:
    """Score two folded parts by skeleton, vowels of the first side cheap.

    The letters may differ by allowance plus 0.05 a letter of the other.
    """
    x, y = skeleton(voweled), skeleton(other)
    if not x or not y:
        return 0.0
    most = allowance + 0.05 * len(other)
    if (letter_distance or sinic_letter_distance)(voweled, other, most) > most:
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
