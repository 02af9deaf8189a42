"""Score one part of a name against a part of another name, and say how.

Exact, transliterated, phonetic, suffix, typo and Chinese-transcription
matches score 0.76 or more; parts that conflict score DIFFERENT_CAP or less
(see matching for how part scores make a name's score).
"""

from functools import lru_cache
from itertools import chain

from .arabic import abjad_similarity, is_abjad
from .normalise import Part, deinflections, stem
from .other_scripts import is_hangul
from .phonetics import phonetic_distance, sinic_similarity
from .scripts import LATIN
from .slips import initial_of, is_slip
from .spellings import chinese_reading, turkish_reading

# Decision threshold on NameMatch.score. Pair scores are calibrated so that
# exact, transliterated, phonetic, suffix and single-typo pairs score 0.82 or
# more and conflicting pairs 0.6 or less; the name score is 0.6 x the worst
# pair + 0.4 x the mean, so a name with every part agreeing lands above 0.8
# and one conflicting part pulls it below 0.75 whatever the others score.
THRESHOLD = 0.8
DIFFERENT_CAP = 0.6
# The best score of parts written in different scripts (a transliteration
# that gives the same letters).
CROSS_SCRIPT_BEST = 0.97
# The score of a part matched once a case ending is taken off (running text).
INFLECTED = 0.88
# An initial that agrees with a given name: over THRESHOLD with the other
# parts the same, below a full name that agrees ("S. Bilash" ~ "Serikzhan
# Bilash" scores 0.86, the full name 1.0).
INITIAL = 0.81
# A Turkish spelling (c for j, zh or dj), or a Wade-Giles or Cantonese
# spelling of Chinese, read back: below the same spelling.
TURKISH = 0.9
_RUSSIAN_PATRONYMICS = frozenset({"ovich", "evich", "ovna", "evna"})


# The same parts meet again and again: given names and fathers' names repeat
# across thousands of forms, and a lookup scores every namesake's forms.
@lru_cache(maxsize=1 << 17)
def compare_parts(
    a: Part, b: Part, inflected: bool = False, at_least: float = 0.0
) -> tuple[float, str]:
    """Return the score of one pair of parts and how they were matched.

    See _compare_forms for at_least.
    """
    best = _compare_forms(a, b, at_least)
    if best[0] < THRESHOLD and not inflected:
        # Names in running text have no initials: a lone letter there is a
        # word (Russian с, в, и), never a given name.
        best = max(best, _initial(a, b))
    if best[0] < THRESHOLD or best[1] == "typo":
        best = max(best, _turkish(a, b, at_least), _chinese(a, b, at_least))
    if not inflected or best[0] >= THRESHOLD:
        return best
    stems_a, stems_b = deinflections(a.folded), deinflections(b.folded)
    if not {a.stem, *stems_a}.isdisjoint({b.stem, *stems_b}):
        return (INFLECTED, "suffix")
    # A case ending on a name spelled another way (Біләштің ~ Bilash): the
    # uninflected reading must match on its own, as a base form would.
    readings = chain(
        ((_uninflected(a, base), b) for base in stems_a),
        ((a, _uninflected(b, base)) for base in stems_b),
    )
    for base_a, base_b in readings:
        value, _ = _compare_forms(base_a, base_b, at_least=THRESHOLD)
        if value >= THRESHOLD:
            return (min(value, INFLECTED), "suffix")
    return best


def _uninflected(part: Part, base: str) -> Part:
    return Part(part.text, base, base, stem(base), part.script)


def _compare_forms(a: Part, b: Part, at_least: float = 0.0) -> tuple[float, str]:
    """Score a pair of parts.

    With at_least over DIFFERENT_CAP, parts that score no more than that
    may score 0 instead ("different"): their distance is not worked out.
    """
    cross_script = a.script != b.script
    if _other_syllables(a, b):
        # Each Hangul syllable is a word of a name: another one is another
        # name, even where our Latin spelling of the two is the same.
        return (0.0, "different")
    if a.folded == b.folded:
        if a.latin == b.latin and not cross_script:
            return (1.0, "exact")
        return (CROSS_SCRIPT_BEST if a.latin == b.latin else 0.95, _kind(cross_script))
    if a.stem == b.stem:
        return _same_stem(a, b)
    candidates = [_phonetic(a.stem, b.stem, cross_script, at_least), _typo(a, b)]
    if a.is_han != b.is_han:
        candidates.append((sinic_similarity(a, b), "transliteration"))
    elif is_abjad(a) != is_abjad(b):
        abjad, other = (a, b) if is_abjad(a) else (b, a)
        value = abjad_similarity(abjad.folded, other.folded)
        candidates.append((value, "transliteration"))
    return max(candidates)


def _other_syllables(a: Part, b: Part) -> bool:
    return a.text != b.text and all(map(is_hangul, a.text + b.text))


def _initial(a: Part, b: Part) -> tuple[float, str]:
    """Score a lone letter against a name it may stand for (S. ~ Serikzhan)."""
    for short, full in ((a, b), (b, a)):
        letter = initial_of(short)
        if not letter or initial_of(full):
            continue
        # Z. is Zhanbolat, folded janbolat; Y. is Yerlan, folded erlan.
        if full.folded.startswith(letter) or full.latin.startswith(short.latin):
            return (INITIAL, "initial")
    return (0.0, "different")


def _turkish(a: Part, b: Part, at_least: float) -> tuple[float, str]:
    """Score the parts with a Latin c read as Turkish j (Serikcan ~ Serikzhan)."""
    for one, other in ((a, b), (b, a)):
        reading = turkish_reading(one)
        if reading is not None:
            value, _ = _compare_forms(reading, other, at_least)
            if value >= THRESHOLD:
                return (min(value, TURKISH), "Turkish spelling")
    return (0.0, "different")


def _chinese(a: Part, b: Part, at_least: float) -> tuple[float, str]:
    """Score the parts with a Wade-Giles or Cantonese spelling read as pinyin."""
    for one, other in ((a, b), (b, a)):
        found = chinese_reading(one)
        if found is not None:
            system, reading = found
            value, _ = _compare_forms(reading, other, at_least)
            if value >= THRESHOLD:
                return (min(value, TURKISH), system)
    return (0.0, "different")


def _same_stem(a: Part, b: Part) -> tuple[float, str]:
    """Score parts that differ only in a suffix.

    A Russian patronymic and a surname from one stem (Abramovich, Abramov)
    are different fields, hence likely different people; other suffixes are
    variants of one name (Kunbolatuly, Kunbolat, Kunbolatov).
    """
    endings = {a.folded[len(a.stem) :], b.folded[len(b.stem) :]}
    patronymic = endings & _RUSSIAN_PATRONYMICS
    if patronymic and len(endings) == 2 and "" not in endings:
        return (DIFFERENT_CAP, "different")
    return (0.9, "suffix")


def _kind(cross_script: bool) -> str:
    return "transliteration" if cross_script else "phonetic"


def _phonetic(
    x: str, y: str, cross_script: bool, at_least: float = 0.0
) -> tuple[float, str]:
    """Score two stems by a distance where common spelling variation is cheap.

    See _compare_forms for at_least. A distance that reaches the stems'
    length scores 0 however large it is, so it is not worked out either.
    """
    length = max(len(x), len(y))
    allowed = 0.35 if length <= 4 else 0.5 if length <= 6 else 0.8
    rough = at_least > DIFFERENT_CAP
    distance = phonetic_distance(x, y, allowed if rough else length)
    if distance <= allowed:
        return (0.95 - 0.12 * distance, _kind(cross_script))
    if rough:
        return (0.0, "different")
    similarity = max(0.0, 1.0 - distance / length)
    return (DIFFERENT_CAP * similarity, "different")


def _typo(a: Part, b: Part) -> tuple[float, str]:
    """Accept one slip of the pen in a long part, not in a short one.

    A deleted or added letter, two neighbours swapped (Schloz/Scholz) or a
    key next to the right one, typed in Latin (Serikxhan/Serikzhan), need 6
    letters (see slips.is_slip); any other changed letter needs 7, because
    one changed vowel in a shorter name is usually a different name
    (Gulnur/Gulnar). A part written backwards (nituP) needs 4. A final -a
    is never a slip: it makes the feminine name (Rahim/Rahima, Aziz/Aziza).
    Between two Chinese-script parts a changed letter is a changed
    character, a syllable of another name (古丽努尔 Gulnur, 古丽娜尔
    Gulnar); a slip that keeps the sound reads the same already.
    """
    if a.is_han and b.is_han:
        return (0.0, "different")
    typed = a.script == b.script == LATIN
    for x, y in ((a.latin, b.latin), (a.stem, b.stem)):
        if not _feminine_pair(x, y) and is_slip(x, y, typed):
            return (0.85, "typo")
    return (0.0, "different")


def _feminine_pair(x: str, y: str) -> bool:
    shorter, longer = sorted((x, y), key=len)
    return longer == shorter + "a"
