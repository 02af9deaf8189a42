"""Keys under which a name form is stored and looked up (PersonNameKey).

Keys are short and coarse on purpose: every romanisation, Cyrillic or Arabic
spelling and Chinese transcription of a name should share one, so that
finding candidates is a few index lookups; the matcher then decides.
"""

from functools import lru_cache
from itertools import islice

from rapidfuzz.distance import Levenshtein

from .folding import fold
from .normalise import SUFFIXES, Part, analyse, deinflections, stem
from .phonetics import skeleton
from .slips import SLIP_LENGTH, initial_of
from .spellings import chinese_reading, turkish_reading

# Three consonant classes select about one name in a few hundred, yet are
# shared by spellings that differ only in vowels, glides or h.
_BLOCK_LENGTH = 3


def blocking_keys(text: str) -> list[str]:
    """Return short keys under which to look up candidate matches.

    Each key is the first three consonant classes of a part, with h dropped
    (Tohti -> tt, Ilham -> rm, 伊力哈木 -> rm): vowels, glides, voicing and
    r/l differences vanish, so every romanisation and Chinese transcription
    of a part shares its key. A name sharing no key with another differs in
    the first consonants of every part. One more key covers the whole name
    read as one part, for Chinese-script names written without a middle dot.
    Parts with no consonants are keyed by their stem.
    """
    parts = analyse(text)
    forms = [part.folded for part in parts]
    if len(parts) > 1:
        forms.append("".join(forms))
    keys: list[str] = []
    for form in forms:
        key = skeleton(form).replace("h", "")[:_BLOCK_LENGTH] or stem(form)
        if key not in keys:
            keys.append(key)
    return keys


# Database keys (see cases.models.name_keys). An h is dropped from codes, as
# it comes and goes (Hasan = Asan). But kh and x may write Kazakh қ (Bakhyt,
# Бахыт = Бақыт), and Mandarin writes Turkic k and q as h as often as it
# writes h: such parts are also keyed with h read as k.
_MAX_KEY_PARTS = 6
_MAX_CODE_VARIANTS = 4
_MAX_CODE_LENGTH = 24
PAIR, WHOLE, SINGLE, WORD, SOUND = "p:", "n:", "b:", "w:", "v:"
INITIAL = "i:"
_VOWEL_CLASSES = {"a": "a", "e": "a", "i": "i", "o": "u", "u": "u"}


def part_codes(part: Part) -> list[str]:
    """Return the consonant codes under which a part is stored and looked up.

    The code is the consonant skeleton of the stem without h (Tohti -> tt,
    Kunbolatuly -> knprt). A part spelled with kh or x has a second code
    with h read as k (Bakhyt -> pt, pkt = Бақыт). Chinese-script parts never
    carry a Kazakh suffix, so their whole folded form is used (吾布力 is
    Obul, not Obuli minus -uli), and every h is read both ways. The code
    without h comes first.
    """
    if part.is_han:
        return list(_part_codes(part.folded, True))
    velar = "kh" in part.latin or "x" in part.latin
    return list(_part_codes(part.stem, velar))


@lru_cache(maxsize=65536)
def _part_codes(form: str, h_as_k: bool) -> tuple[str, ...]:
    variants = [""]
    for char in skeleton(form):
        if char != "h":
            options: tuple[str, ...] = (char,)
        else:
            options = ("", "k") if h_as_k else ("",)
        variants = [v + o for v in variants for o in options][:_MAX_CODE_VARIANTS]
    codes = (v[:_MAX_CODE_LENGTH] or form for v in variants)
    return tuple(dict.fromkeys(codes))


def sound_key(part: Part) -> str:
    """Return consonant classes and vowel classes in order (Rahile -> raira).

    Finer than the consonant code, for search: vowels a/e and o/u are one
    class each, so Latin, Cyrillic and Uyghur spellings agree (رەھىلە) while
    Dawut (taut) and Tohti (tuti) stay apart.
    """
    out: list[str] = []
    for char in part.stem:
        code = _VOWEL_CLASSES.get(char) or skeleton(char).replace("h", "")
        if code and not (out and out[-1] == code):
            out.append(code)
    return "".join(out)[:_MAX_CODE_LENGTH]


def name_keys(text: str) -> list[str]:
    """Return every database key of a name form, each at most 80 characters.

    Pair keys (p:) join the codes of two parts, for every pair, so a missing
    patronymic still leaves a shared pair; the whole-name key (n:) is the
    code of all parts read as one, for one-part names and Chinese names
    written without a dot; single keys (b:) are a fallback; word (w:) and
    sound (v:) keys serve the search box; initial keys (i:) join the first
    letter of one part to the code of another, for a name looked up with an
    initial (S. Bilash).
    """
    parts = analyse(text)[:_MAX_KEY_PARTS]
    keys = [WHOLE + code for code in whole_codes(parts)]
    codes = [part_codes(part) for part in parts]
    keys += [PAIR + pair for pair in pair_codes(codes)]
    keys += [INITIAL + key for key in initial_codes(parts, codes)]
    keys += [SINGLE + code for options in codes for code in options]
    for part in parts:
        keys += [WORD + part.folded[:70], WORD + part.stem[:70]]
        if not part.is_han:
            keys.append(SOUND + sound_key(part))
    return list(dict.fromkeys(keys))


def whole_codes(parts: list[Part]) -> list[str]:
    """Return the codes of all parts read as one (Abdu Weli = Abduweli)."""
    if len(parts) < 2:
        return part_codes(parts[0]) if parts else []
    latin = "".join(part.latin for part in parts)
    folded = fold(latin)
    joined = Part(latin, latin, folded, stem(folded), parts[0].script)
    return part_codes(joined)


def initial_codes(parts: list[Part], codes: list[list[str]]) -> list[str]:
    """Return each part's first letter joined to each other part's codes.

    S + Bilash -> s|prs: "S. Bilash" finds Serikzhan Bilash by it.
    """
    found: list[str] = []
    for i, part in enumerate(parts):
        # Z. for Zhanbolat (folded janbolat): the written first letter too.
        letters = dict.fromkeys((part.folded[:1], fold(part.latin[:1])))
        for j, options in enumerate(codes):
            if j != i and not initial_of(parts[j]):
                found += [f"{x}|{code}" for x in letters for code in options]
    return list(dict.fromkeys(found))


def pair_codes(codes: list[list[str]]) -> list[str]:
    """Return the sorted pairs of the parts' codes (ilham, tohti -> rm|tt)."""
    pairs: list[str] = []
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            for a in first:
                pairs += ["|".join(sorted((a, b))) for b in second]
    return list(dict.fromkeys(pairs))


# The consonant classes a code is written in (see phonetics.skeleton; h is
# never in a code).
_CODE_LETTERS = "kmnprst"
_CODE_SET = frozenset(_CODE_LETTERS)


def code_neighbours(
    code: str,
    *,
    insert: bool = True,
    delete: bool = True,
    substitute: bool = True,
    swap: bool = False,
) -> list[str]:
    """Return the codes one edit away: a consonant slipped in, out or changed,
    or (swap) two neighbours swapped.

    One wrong letter changes a code by at most one such edit (Tursun -> trsn,
    Tursum -> trsm), so these find a name with a slip in a consonant. The
    flags choose the kinds of edit.
    """
    if not set(code) <= _CODE_SET:
        return []  # a stem standing in for a part without consonants
    found: set[str] = set()
    for i in range(len(code) + 1):
        head, tail = code[:i], code[i:]
        if insert:
            found.update(head + letter + tail for letter in _CODE_LETTERS)
        if tail and delete:
            found.add(head + tail[1:])
        if tail and substitute:
            found.update(head + letter + tail[1:] for letter in _CODE_LETTERS)
        if len(tail) > 1 and swap:
            found.add(head + tail[1] + tail[0] + tail[2:])
    found.discard(code)
    found.discard("")
    return sorted(found)


# Looking a written name up: its readings, and the keys to read.
_MAX_QUERY_PARTS = 6
# Pair keys tried by the fallback: every one-edit neighbour of a code of four
# or five consonants, paired with each other part of a three-part name.
_MAX_NEIGHBOUR_KEYS = 1_000
_MIN_TYPO_LENGTH = 5
_MIN_STEM = 3
LATIN_SCRIPT = "Latn"


def query_readings(text: str, inflected: bool = False) -> list[list[Part]]:
    """Return each part of the text with its other readings: uninflected if
    inflected, and as Turkish, Wade-Giles or Cantonese spelling."""
    readings = []
    for part in analyse(text)[:_MAX_QUERY_PARTS]:
        options = [part]
        if inflected:
            options += [_reading(part, base) for base in deinflections(part.folded)]
        options += _spelled_otherwise(part)
        readings.append(options)
    return readings


def _spelled_otherwise(part: Part) -> list[Part]:
    turkish, chinese = turkish_reading(part), chinese_reading(part)
    return [p for p in (turkish, chinese[1] if chinese else None) if p is not None]


def _reading(part: Part, base: str) -> Part:
    folded = fold(base)
    return Part(part.text, part.latin, folded, stem(folded), part.script)


def _codes(options: list[Part]) -> list[str]:
    return list(dict.fromkeys(c for part in options for c in part_codes(part)))


def query_keys(text: str, inflected: bool = False) -> list[str]:
    """Return the keys to look a written name up under (see cases.candidates).

    A part written as an initial is looked up by its letter with each other
    part's codes (initial_codes), never in running text, where a lone letter
    is a word.
    """
    readings = query_readings(text, inflected)
    if not readings:
        return []
    keys = [WHOLE + c for c in whole_codes([options[0] for options in readings])]
    if len(readings) == 1:
        return list(dict.fromkeys(keys + [WHOLE + c for c in _codes(readings[0])]))
    # The name read whole in its other spellings (Hsi Chin-ping as xijinping).
    keys += [WHOLE + c for c in whole_codes([options[-1] for options in readings])]
    initials = [i for i, options in enumerate(readings) if initial_of(options[0])]
    if initials and not inflected and len(initials) < len(readings):
        keys += [INITIAL + key for key in _initial_keys(readings, initials)]
    keys += [PAIR + p for p in pair_codes([_codes(o) for o in readings])]
    return list(dict.fromkeys(keys))


def _initial_keys(readings: list[list[Part]], initials: list[int]) -> list[str]:
    return [
        f"{readings[i][0].folded}|{code}"
        for i in initials
        for j, options in enumerate(readings)
        if j not in initials
        for code in _codes(options)
    ]


def neighbour_keys(readings: list[list[Part]]) -> list[str]:
    """Return the pair keys with one part's code one edit away, the others kept.

    Only the slips the matcher forgives (see slips.is_slip) are tried: in a
    part of five letters a letter left out, of six also one too many, two
    neighbours swapped or a letter changed (a key next to it), of seven or
    more any letter changed. A slip in a patronymic suffix (Nurlankkzy) is
    read as the suffix. Chinese parts keep their codes.
    """
    codes = [_codes(options) for options in readings]
    keys: dict[str, None] = {}
    for j, options in enumerate(readings):
        part = options[0]
        length = max(len(part.latin), len(part.stem))
        if part.is_han or length < _MIN_TYPO_LENGTH:
            continue
        near = [
            neighbour
            for code in codes[j]
            for neighbour in code_neighbours(
                code,
                delete=length >= SLIP_LENGTH,
                substitute=length >= SLIP_LENGTH,
                swap=length >= SLIP_LENGTH,
            )
        ]
        near += [c for base in _slipped_suffix(part.folded) for c in part_codes(base)]
        for pair in pair_codes([*codes[:j], near, *codes[j + 1 :]]):
            keys[PAIR + pair] = None
    return list(islice(keys, _MAX_NEIGHBOUR_KEYS))


def _slipped_suffix(folded: str) -> list[Part]:
    """Return the part read with its last letters as a suffix with one slip."""
    found = []
    for suffix in SUFFIXES:
        for size in {len(suffix) - 1, len(suffix), len(suffix) + 1}:
            head, tail = folded[:-size], folded[-size:]
            if len(head) >= _MIN_STEM and Levenshtein.distance(tail, suffix) == 1:
                found.append(Part(head, head, head, stem(head), LATIN_SCRIPT))
    return found
