"""Small word lists for telling names from other capitalised words.

Given names come from the tables under cases/data (every script we write
them in, Chinese transcriptions included); the words that are not names and
the common Chinese surnames are in sources/data. All are compared by search
key, so that one spelling stands for its variants in every script.
"""

from functools import cache, lru_cache
from pathlib import Path

from django.utils.translation import gettext

from cases.given_names import given_names
from cases.names import detect_script, search_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PEOPLES = ("kazakh", "uyghur")
HAN_SCRIPTS = ("Hans", "Hant")

# Endings of Kazakh and Uyghur surnames and patronymics, in folded spelling:
# -uly/-ұлы, -kyzy/-қызы, -uulu, -ov(a)/-ев(а), -bek, -jan/-жан/-zhan.
NAME_ENDINGS = (
    "uli", "ulu", "kizi", "ov", "ova", "ev", "eva", "bek", "bekov", "jan", "ogli",
)  # fmt: skip
_MIN_STEM = 3


@lru_cache(maxsize=1 << 16)
def word_key(text: str) -> str:
    """Return search_key(text), remembered: articles repeat the same words."""
    return search_key(text)


def _lines(filename: str) -> list[str]:
    with (DATA_DIR / filename).open(encoding="utf-8") as file:
        return [line for line in file if line.strip() and not line.startswith("#")]


def _not_names() -> list[str]:
    return [word for line in _lines("not_names.txt") for word in line.split()]


@cache
def not_name_keys() -> frozenset[str]:
    """Return the search keys of words that are never part of a person's name."""
    return frozenset(key for word in _not_names() for key in search_key(word).split())


@cache
def han_not_names() -> tuple[str, ...]:
    """Return the Chinese places and peoples names of the not-names list."""
    return tuple(word for word in _not_names() if detect_script(word) in HAN_SCRIPTS)


@cache
def given_name_keys() -> frozenset[str]:
    """Return the search keys of common Kazakh and Uyghur given names."""
    keys: set[str] = set()
    for ethnicity in PEOPLES:
        for female in (False, True):
            for name in given_names(ethnicity=ethnicity, female=female):
                forms = (name.latin, name.kazakh, name.russian, name.uyghur)
                keys.update(search_key(form) for form in forms if form)
    return frozenset(keys)


@cache
def transcription_characters() -> frozenset[str]:
    """Return the Chinese characters used to transcribe Turkic names."""
    return frozenset(
        char
        for ethnicity in PEOPLES
        for female in (False, True)
        for name in given_names(ethnicity=ethnicity, female=female)
        for char in name.chinese
    )


@cache
def name_start_characters() -> frozenset[str]:
    """Return the first characters of the Chinese forms of the given names."""
    return frozenset(
        name.chinese[0]
        for ethnicity in PEOPLES
        for female in (False, True)
        for name in given_names(ethnicity=ethnicity, female=female)
        if name.chinese
    )


@cache
def han_surnames() -> frozenset[str]:
    """Return the frequent Chinese surnames (for Hui and Han names)."""
    return frozenset("".join(line.strip() for line in _lines("han_surnames.txt")))


def is_not_name(word: str) -> bool:
    """Return whether a word is a place, an organisation or a common word."""
    key = word_key(word)
    return not key or key in not_name_keys()


def looks_like_name(word: str) -> bool:
    """Return whether a word is a known given name or has a surname ending."""
    return bool(name_evidence(word))


# Latin w is folded to v: English words in -ow and -ew (Follow, Andrew,
# Window) would read as -ov and -ev surnames.
_W_ENDINGS = ("ow", "ew", "owa", "ewa")


@lru_cache(maxsize=1 << 16)
def name_evidence(word: str) -> str:
    """Return why a word looks like a name part ("" when it does not).

    A common Kazakh or Uyghur given name, or a surname or patronymic ending
    (-uly, -kyzy, -ov, -bek, -jan...) after a stem of three letters or more.
    """
    key = word_key(word)
    if key in given_name_keys():
        return gettext("%(word)s is a given name") % {"word": word}
    if word.lower().endswith(_W_ENDINGS):
        return ""
    for ending in NAME_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= _MIN_STEM:
            return gettext("%(word)s has a surname ending (-%(ending)s)") % {
                "word": word,
                "ending": ending,
            }
    return ""
