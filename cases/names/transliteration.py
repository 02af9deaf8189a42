"""Write one name token in Latin letters, whatever script it came in.

The output is lower-case Latin that keeps the distinctions the phonetic fold
in normalise.py needs (sh, ch, zh, kh, gh, q, ä, ö, ü), so the tables follow the
common scholarly romanisations: Kazakh and Russian Cyrillic close to the
Library of Congress style, Uyghur Arabic script to Uyghur Latin (ULY), Chinese
characters to toneless pinyin respelled the way Turkic names are spelt.
"""

import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

from .other_scripts import other_to_latin
from .scripts import OTHER, char_script, is_han

CYRILLIC = {
    # Russian
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh (also Kyrgyz, Tatar, Bashkir, Uyghur Cyrillic for shared letters)
    "ә": "ä", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "ö", "ұ": "u", "ү": "ü",
    "һ": "h", "і": "i",
    # Uyghur, Uzbek, Tajik Cyrillic
    "җ": "j", "ў": "w", "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ӊ": "ng",
    # Bashkir and Ukrainian / Belarusian / Serbian letters seen in names
    "ҡ": "q", "ҙ": "z", "ҫ": "s", "є": "ye", "ї": "yi", "ґ": "g",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "ch", "џ": "dzh",
}  # fmt: skip

ARABIC = {
    # Uyghur Ereb Yéziqi to ULY. The hamza seat only carries a vowel, so it
    # has no sound of its own.
    "ئ": "", "ا": "a", "ە": "e", "ب": "b", "پ": "p", "ت": "t", "ج": "j",
    "چ": "ch", "خ": "x", "د": "d", "ر": "r", "ز": "z", "ژ": "zh", "س": "s",
    "ش": "sh", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "گ": "g", "ڭ": "ng",
    "ل": "l", "م": "m", "ن": "n", "ھ": "h", "و": "o", "ۇ": "u", "ۆ": "ö",
    "ۈ": "ü", "ۋ": "w", "ې": "ë", "ى": "i", "ي": "y",
    # Arabic and Persian letters in names, and Kazakh/Kyrgyz Arabic script
    "ک": "k", "ی": "y", "ے": "e", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a",
    "ء": "", "ؤ": "u", "ة": "a", "ه": "h", "ح": "h", "ع": "", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ث": "s", "ذ": "z", "ڤ": "v", "ڠ": "ng",
    "ۉ": "o", "ں": "n", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ۀ": "e", "ٴ": "",
    # Short-vowel signs, written only in vocalised text
    "\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a",
}  # fmt: skip

# Latin letters whose diacritic changes the sound in a way the fold must see;
# every other diacritic is dropped.
LATIN = {
    "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ć": "ch",
    "ž": "zh", "ż": "zh", "ź": "zh", "ǰ": "j", "ğ": "gh", "ĝ": "gh", "ġ": "gh",
    "ǧ": "gh", "ǵ": "gh", "ƣ": "gh", "ı": "i", "ə": "ä", "ǝ": "ä", "æ": "ä",
    "ñ": "ng", "ń": "ng", "ŋ": "ng", "ø": "ö", "œ": "oe", "ß": "ss",
    "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ħ": "h", "ŧ": "t", "ý": "y",
}  # fmt: skip

# Letters that survive the fold; pinyin respelling and marks are applied first.
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzäöü")

# Characters read differently in names than pypinyin's everyday default.
_NAME_READINGS = {"都": "du", "勒": "le", "否": "fu", "朴": "piao"}

_PINYIN_INITIALS = (("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("x", "s"), ("q", "ch"))
_PINYIN_SYLLABLE = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?)(.*)$")


def pinyin_syllables(han: str) -> list[str]:
    """Return the toneless pinyin syllables of a run of Chinese characters."""
    syllables = lazy_pinyin(han, v_to_u=True, errors="ignore")
    if len(syllables) != len(han):
        return syllables
    return [
        _NAME_READINGS.get(char, syl) for char, syl in zip(han, syllables, strict=True)
    ]


def respell_pinyin(syllable: str, first: bool) -> str:
    """Respell one pinyin syllable with the letters Turkic names use.

    Mandarin writes a Turkic r or l at the end of a syllable as a separate
    "er" syllable (Tursun = tu-er-xun), so a non-initial "er" becomes "r".
    """
    if syllable == "er" and not first:
        return "r"
    match = _PINYIN_SYLLABLE.match(syllable)
    initial, final = match.groups() if match else ("", syllable)
    for pinyin, latin in _PINYIN_INITIALS:
        if initial == pinyin:
            initial = latin
            break
    if initial == "c":
        initial = "ts"
    return initial + final


def _han_to_latin(han: str) -> str:
    syllables = pinyin_syllables(han)
    return "".join(respell_pinyin(s, i == 0) for i, s in enumerate(syllables))


def _arabic_letter(token: str, index: int) -> str:
    char = token[index]
    # Ain opening an Arabic name carries its first vowel: Ali, Abd, Abbas.
    if char == "ع" and index == 0:
        return "a"
    # Arabic heh at the end of a word is the vowel -a/-e (Persian Fatemeh),
    # but not in Allah.
    if char == "ه" and not token.endswith("لله"):
        following = token[index + 1 : index + 2]
        if not following or following not in ARABIC:
            return "e"
    return ARABIC[char]


@lru_cache(maxsize=65536)
def to_latin(token: str) -> str:
    """Return a case-folded name token (no separators) in Latin letters.

    Chinese characters are read as pinyin, letters of scripts without a
    table of ours through other_scripts, a run at a time (a syllable may
    depend on its neighbours).
    """
    out: list[str] = []
    for kind, run in _runs(token):
        if kind == "han":
            out.append(_han_to_latin(run))
        elif kind == "other":
            out.append(other_to_latin(run))
        else:
            out.extend(_letter(run, index) for index in range(len(run)))
    return strip_marks("".join(out))


def _runs(token: str) -> list[tuple[str, str]]:
    """Cut the token into runs of Chinese, tabled and other-script letters."""
    runs: list[tuple[str, str]] = []
    for char in token:
        kind = "han" if is_han(char) else "other" if _other(char) else "tabled"
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return runs


def _other(char: str) -> bool:
    """Tell whether a letter or mark belongs to a script we have no table for."""
    if char.isascii() or char_script(char) != OTHER:
        return False
    return unicodedata.category(char)[0] in "LM" and not _combining_on_tabled(char)


def _combining_on_tabled(char: str) -> bool:
    # Combining marks (U+0300 to U+036F) sit on Latin and Cyrillic letters.
    return 0x0300 <= ord(char) < 0x0370


def _letter(token: str, index: int) -> str:
    char = token[index]
    if char in LATIN:
        return LATIN[char]
    if char in CYRILLIC:
        return CYRILLIC[char]
    if char in ARABIC:
        return _arabic_letter(token, index)
    # A letter with a mark we have no entry for (Chuvash ӑ) is read as its
    # base letter, which may itself need the table.
    base = unicodedata.normalize("NFD", char)[0]
    tabled = base != char and any(base in t for t in (LATIN, CYRILLIC, ARABIC))
    return to_latin(base) if tabled else char


def strip_marks(text: str) -> str:
    """Drop combining marks, keeping ä, ö and ü, which the fold still needs."""
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.category(char).startswith("M"):
            # A diaeresis on a, o or u is a distinct Turkic vowel; keep it.
            if char == "\u0308" and kept and kept[-1] in "aou":
                kept[-1] = {"a": "ä", "o": "ö", "u": "ü"}[kept[-1]]
            continue
        kept.append(char)
    return "".join(c for c in kept if c in _KEEP or not c.isascii())
