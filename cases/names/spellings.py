"""Other readings of a Latin part: Turkish, Wade-Giles and Cantonese spelling.

Turkish writes the j of Kazakh and Uyghur names (Serikzhan, Serikjan) as
c (Serikcan), and ç and ş as ch and sh, which the Latin table already
reads; a c not followed by h is read here as j, and the reading is tried
only when the plain one fails (c is k or s in most other languages).

Chinese names reach us in pinyin (Xi Jinping), in Wade-Giles (Hsi
Chin-p'ing, Mao Tse-tung) and in Cantonese spellings (Chan for Chen, Wong
for Huang). A part shaped like one Chinese syllable (or a name's syllables
read as one) is read back into pinyin by the rules that tell the systems
apart, or by the table of common Cantonese surnames, when the plain reading
fails.

"""

import re
from functools import lru_cache

from .folding import fold
from .normalise import Part, stem
from .scripts import LATIN

_TURKISH_C = re.compile("c(?!h)")


@lru_cache(maxsize=65536)
def turkish_reading(part: Part) -> Part | None:
    """Return the part with Turkish c read as j, or None if it has no such c."""
    if part.script != LATIN or not _TURKISH_C.search(part.latin):
        return None
    return _read_as(part, _TURKISH_C.sub("j", part.latin))


def _read_as(part: Part, latin: str) -> Part:
    folded = fold(latin)
    return Part(part.text, latin, folded, stem(folded), part.script)


_SYLLABLE = re.compile(
    "^(?:ch|hs|sh|ts|tz|[bcdfghjklmnprstwy])?(?:[aeiouü]{1,3}|ih|ieh)(?:ng|n|h)?$"
)
# Wade-Giles to pinyin, on one syllable, in order.
_WADE_GILES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("^hs", "x"),
        ("^ch(?=[iü])", "j"),
        ("^ch", "zh"),
        ("^t[sz]", "z"),
        ("^k(?=[aeiou])", "g"),
        ("^p(?=[aeiou])", "b"),
        ("^t(?=[aeiou])", "d"),
        ("ung$", "ong"),
        ("ieh$", "ie"),
        ("(?<=[sz]h)ih$|(?<=[rz])ih$", "i"),
    )
)
# Common Cantonese (Hong Kong) spellings of surnames, with their pinyin.
CANTONESE = {
    "chan": "chen", "wong": "huang", "cheung": "zhang", "lau": "liu",
    "lee": "li", "ng": "wu", "leung": "liang", "ho": "he", "tsang": "zeng",
    "chow": "zhou", "yip": "ye", "lam": "lin", "kwok": "guo", "tse": "xie",
    "yeung": "yang", "lo": "luo", "cheng": "zheng", "fung": "feng",
    "mak": "mai", "tam": "tan", "siu": "xiao", "chiu": "zhao", "hui": "xu",
    "choi": "cai", "kwan": "guan", "chung": "zhong", "tsui": "xu",
    "kwong": "kuang", "au": "ou", "yuen": "yuan", "luk": "lu", "kong": "jiang",
}  # fmt: skip


@lru_cache(maxsize=65536)
def chinese_reading(part: Part) -> tuple[str, Part] | None:
    """Return how a Latin part reads in pinyin (Cantonese, Wade-Giles), if
    it is spelled as Chinese syllables in one of those systems."""
    if part.script != LATIN:
        return None
    words = part.text.casefold().split()
    if len(words) == 1 and part.latin in CANTONESE:
        return "Cantonese", _read_as(part, CANTONESE[part.latin])
    syllables = [re.sub("[^a-zü]", "", word) for word in words]
    if not all(_SYLLABLE.match(syllable) for syllable in syllables):
        return None
    pinyin = "".join(map(_pinyin, syllables))
    return None if pinyin == part.latin else ("Wade-Giles", _read_as(part, pinyin))


def _pinyin(syllable: str) -> str:
    for pattern, replacement in _WADE_GILES:
        syllable = pattern.sub(replacement, syllable)
    return syllable
