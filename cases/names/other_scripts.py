"""Read names in the scripts we have no table of our own for.

Armenian, Georgian, Greek, Hebrew, Japanese kana, Korean Hangul, the Indic
scripts, Ethiopic, Thai, Khmer and the rest go through anyascii, a
pure-Python library (a wheel on every platform, no ICU to build) whose
tables follow each script's common romanisation. Three habits of those
romanisations would hide a name from its usual Latin spelling, so they are
adjusted here: Indic scripts write a vowel "a" after a consonant without
writing it (नरेन्द्र is Narendra, not nrendr); katakana adds a vowel after a
foreign word's final consonant (バラク is Barak); and Korean names are
usually spelled in Latin the older way (김정은 is Kim Jong Un, not Gim Jeong
Eun). Uyghur, Kazakh, Russian and Chinese keep their own tables
(transliteration.py): anyascii reads Uyghur letters wrongly.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# The Brahmic scripts of India and Bangladesh, Devanagari to Malayalam.
_INDIC = range(0x0900, 0x0D80)
_KATAKANA = range(0x30A0, 0x3100)
_HANGUL = range(0xAC00, 0xD7A4)
_VIRAMA = "VIRAMA"
_VOWELS = frozenset("aeiou")

# Revised Romanisation to the spelling Korean names take in the press and in
# passports: Kim, Park, Ko, Jong, Un.
_KOREAN_SYLLABLE = (
    (re.compile("^g"), "k"),
    (re.compile("^d"), "t"),
    (re.compile("^b"), "p"),
    (re.compile("eo"), "o"),
    (re.compile("eu"), "u"),
)


def is_hangul(char: str) -> bool:
    """Return whether the character is a Korean syllable."""
    return ord(char) in _HANGUL


@lru_cache(maxsize=4096)
def other_to_latin(run: str) -> str:
    """Return a run of letters of one word, in a script we have no table for,
    in lower-case Latin letters."""
    if all(ord(char) in _INDIC for char in run):
        return _indic(run)
    if all(is_hangul(char) for char in run):
        return "".join(_korean(char) for char in run)
    latin = anyascii(run).lower()
    if all(ord(char) in _KATAKANA for char in run):
        # A final consonant of a foreign name is written with a vowel added.
        latin = re.sub(r"(?<=[bdgkpstz])u$", "", latin)
    return latin


def _korean(syllable: str) -> str:
    latin = anyascii(syllable).lower()
    for pattern, replacement in _KOREAN_SYLLABLE:
        latin = pattern.sub(replacement, latin)
    return latin


def _indic(word: str) -> str:
    """Write an Indic word with the vowel a that consonants carry unwritten.

    A consonant followed by a vowel sign or a virama carries none. At the
    end of a word the vowel is not spoken after a single consonant (Mohan)
    but is after a cluster (Narendra).
    """
    out: list[str] = []
    for index, char in enumerate(word):
        latin = anyascii(char).lower()
        out.append(latin)
        if unicodedata.category(char) != "Lo" or set(latin) & _VOWELS:
            continue  # a vowel letter, a vowel sign or another mark
        following = word[index + 1 : index + 2]
        if following and unicodedata.category(following)[0] == "M":
            continue
        previous = word[index - 1 : index]
        after_cluster = bool(previous) and _VIRAMA in unicodedata.name(previous, "")
        if following or after_cluster:
            out.append("a")
    return "".join(out)
