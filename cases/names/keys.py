"""Keys under which a name form is stored and looked up (PersonNameKey).

Keys are short and coarse on purpose: every romanisation, Cyrillic or Arabic
spelling and Chinese transcription of a name should share one, so that
finding candidates is a few index lookups; the matcher then decides.
"""

from .normalise import Part, analyse, fold, stem
from .phonetics import skeleton

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


# Database keys (see cases.models.name_keys). Mandarin writes Turkic k and q
# as h as often as it writes h, so a Chinese-script part is keyed both ways.
_MAX_KEY_PARTS = 6
_MAX_HAN_VARIANTS = 4
_MAX_CODE_LENGTH = 24
PAIR, WHOLE, SINGLE, WORD, SOUND = "p:", "n:", "b:", "w:", "v:"
_VOWEL_CLASSES = {"a": "a", "e": "a", "i": "i", "o": "u", "u": "u"}


def part_codes(part: Part) -> list[str]:
    """Return the consonant codes under which a part is stored and looked up.

    The code is the consonant skeleton of the stem without h (Tohti -> tt,
    Kunbolatuly -> knprt). Chinese-script parts never carry a Kazakh suffix,
    so their whole folded form is used (吾布力 is Obul, not Obuli minus -uli).
    """
    if not part.is_han:
        return [skeleton(part.stem).replace("h", "")[:_MAX_CODE_LENGTH] or part.stem]
    variants = [""]
    for char in skeleton(part.folded)[:_MAX_CODE_LENGTH]:
        options = ("", "k") if char == "h" else (char,)
        variants = [v + o for v in variants for o in options][:_MAX_HAN_VARIANTS]
    return list(dict.fromkeys(v or part.folded for v in variants))


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
    sound (v:) keys serve the search box.
    """
    parts = analyse(text)[:_MAX_KEY_PARTS]
    keys = [WHOLE + code for code in whole_codes(parts)]
    codes = [part_codes(part) for part in parts]
    keys += [PAIR + pair for pair in pair_codes(codes)]
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


def pair_codes(codes: list[list[str]]) -> list[str]:
    """Return the sorted pairs of the parts' codes (ilham, tohti -> rm|tt)."""
    pairs: list[str] = []
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            for a in first:
                pairs += ["|".join(sorted((a, b))) for b in second]
    return list(dict.fromkeys(pairs))
