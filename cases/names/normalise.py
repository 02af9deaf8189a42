"""Turn a name in any script into folded Latin parts.

The pipeline is: clean (NFKC, case folding, invisible characters out,
punctuation to spaces), split into parts, transliterate each part to Latin,
then fold spellings that different outlets use for one sound onto one letter.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .folding import fold
from .scripts import HAN_SIMPLIFIED, HAN_TRADITIONAL, detect_script
from .transliteration import to_latin

# The key column holds at most 600 characters; leave room for growth.
MAX_KEY_LENGTH = 300

_TATWEEL = "\u0640"
# Modifier-letter apostrophes are letters to Unicode but separators in names.
_APOSTROPHES = frozenset("ʹʻʼʽʾʿˈ")

# Patronymic and surname endings, in folded spelling (uly/ulı/ұлы -> uli,
# kyzy/qyzy/қызы -> kizi, -yev/-iyev -> -ev), longest first.
SUFFIXES = (
    "ovich", "evich", "ovna", "evna", "kizi", "oglu", "ogli", "jeva",
    "uli", "ulu", "jev", "ova", "eva", "ov", "ev",
)  # fmt: skip
_MIN_STEM = 3
# -uli after "g" is the flower element -gul plus a vowel (Ayguli, 阿依古丽),
# not the Kazakh patronymic.
_NOT_PATRONYMIC = re.compile(r"g(uli|ulu)$")

# Case endings of names in running text, in folded spelling. Kazakh endings
# harmonise with the stem, so every variant is listed.
_KAZAKH_ENDINGS = (
    "ning", "ding", "ting", "nda", "nde", "dan", "den", "tan", "ten", "nan",
    "nen", "men", "ben", "pen", "ga", "ge", "ka", "ke", "na", "ne", "ni",
    "di", "ti", "da", "de", "ta", "te",
)  # fmt: skip
# Russian endings apply to names that end in a consonant in the nominative.
_RUSSIAN_ENDINGS = ("om", "em", "im", "oi", "ei", "ia", "iu", "a", "u", "e", "i")
_VOWELS = frozenset("aeiou")


class Part(NamedTuple):
    """One part of a name: as written, transliterated, folded and stemmed.

    A named tuple: parts are keys of the matcher's caches, and a tuple hashes
    several times faster than a frozen dataclass.
    """

    text: str
    latin: str
    folded: str
    stem: str
    script: str

    @property
    def is_han(self) -> bool:
        """Return whether the part was written in Chinese characters."""
        return self.script in (HAN_SIMPLIFIED, HAN_TRADITIONAL)


def clean(text: str, casefold: bool = True) -> str:
    """Return the text normalised and case-folded, with separators as spaces."""
    # Lone surrogates cannot be encoded anywhere downstream; drop them first.
    text = unicodedata.normalize("NFKC", _SURROGATES.sub("", text))
    if casefold:
        text = unicodedata.normalize("NFKC", text.casefold())
    # Digits for letters inside a word (Ig0r Sech1n) are letters; the
    # apostrophe of Wade-Giles (Ch'en, Tse-t'ung) is no separator.
    text = _LEET.sub(lambda found: _LEET_LETTERS[found.group()], text)
    return _ASPIRATED.sub(r"\1", text).translate(_SEPARATORS)


_LEET = re.compile(r"(?<=[^\W\d_])[0134579](?=[^\W\d_])")
_LEET_LETTERS = dict(zip("0134579", "oieastg", strict=True))
_ASPIRATED = re.compile(r"\b(ch|ts|tz|[kpt])['’ʼ‘](?=[aeiouü])", re.IGNORECASE)


class _Separators(dict):
    """What clean() does with each character, decided once per character.

    Zero-width joiners, direction marks and isolates are invisible inside a
    word, so they are dropped and do not split it; letters and marks stay;
    anything else separates words.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf" or char == _TATWEEL:
            value = None
        elif category[0] in "LM" and char not in _APOSTROPHES:
            value = char
        else:
            value = " "
        if len(self) < _MAX_REMEMBERED:  # hostile text may hold every character
            self[code] = value
        return value


_MAX_REMEMBERED = 1 << 16
_SEPARATORS = _Separators()
_SURROGATES = re.compile("[\ud800-\udfff]")


def tokens(text: str) -> list[str]:
    """Return the parts of a name as written, after cleaning."""
    return clean(text).split()


@lru_cache(maxsize=65536)
def stem(folded: str) -> str:
    """Strip patronymic and surname suffixes (Kunbolatuly -> kunbolat)."""
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if _NOT_PATRONYMIC.search(folded) and suffix in ("uli", "ulu"):
                continue
            if folded.endswith(suffix) and len(folded) - len(suffix) >= _MIN_STEM:
                folded = folded[: -len(suffix)]
                changed = True
                break
    return folded


# Articles repeat the same words, and stored name forms meet many windows.
@lru_cache(maxsize=65536)
def deinflections(folded: str) -> tuple[str, ...]:
    """Return the stems a case-inflected part may come from, best guess first.

    Only for names in running text: applied to base forms these would merge
    different names (Rahima -> Rahim).
    """
    found: list[str] = []
    for ending in _KAZAKH_ENDINGS + _RUSSIAN_ENDINGS:
        base = folded[: -len(ending)]
        if not folded.endswith(ending) or len(base) < _MIN_STEM:
            continue
        if ending in _RUSSIAN_ENDINGS and base[-1] in _VOWELS:
            continue
        candidate = stem(base)
        if candidate not in found:
            found.append(candidate)
    # Russian single-vowel endings are far more common in news text than the
    # short Kazakh dative/accusative, so try consonant-final readings first.
    found.sort(key=lambda s: (s[-1] in _VOWELS, -len(s)))
    return tuple(found)


def analyse(text: str) -> list[Part]:
    """Return every part of the name with its Latin, folded and stem forms."""
    return list(_analyse(text))


# A stored name form is analysed again for every window it is compared with.
@lru_cache(maxsize=65536)
def _analyse(text: str) -> tuple[Part, ...]:
    folded_tokens = tokens(text)
    shown = clean(text, casefold=False).split()
    if len(shown) != len(folded_tokens):
        shown = folded_tokens
    parts = []
    for token, as_written in zip(folded_tokens, shown, strict=True):
        latin, folded, stemmed, script = _token_forms(token)
        if folded:
            parts.append(Part(as_written, latin, folded, stemmed, script))
    return tuple(_read_arabic_articles(parts))


# The Arabic article as romanised before the name it joins to Abd (al-Rahim,
# ar-Rahman, as-Salam), and the forms of it that stand between two parts of a
# name without being one (Bashar al-Assad; an, as, ar are words elsewhere).
_ABD_ARTICLES = frozenset(
    {"al", "el", "ul", "il", "ar", "as", "ash", "ad", "an", "at", "az"}
)
_INNER_ARTICLES = frozenset({"al", "el"})


def _read_arabic_articles(parts: list[Part]) -> list[Part]:
    """Return the parts with "Abd", its article and the name after it as one,
    and without an article between two other parts.

    Abd al-Rahim is one given name, written Abdurahim as often as apart; the
    al of Bashar al-Assad is as often left out, but al-Lah is Allah. An
    article that opens a name (Al Gore) or ends it is a name of its own.
    """
    read: list[Part] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        inner = 0 < index < len(parts) - 1
        following = parts[index + 1] if inner else None
        if following and read[-1].folded == "abd" and part.folded in _ABD_ARTICLES:
            read[-1] = join_parts((read[-1], part, following))
            index += 1
        elif following and part.folded in _INNER_ARTICLES:
            if following.folded.startswith("l"):  # al-Lah is Allah
                read.append(join_parts((part, following)))
                index += 1
        else:
            read.append(part)
        index += 1
    return read


def join_parts(parts: tuple[Part, ...]) -> Part:
    """Return the parts read as one (Abdu Weli as Abduweli)."""
    latin = "".join(part.latin for part in parts)
    folded = fold(latin)
    text = " ".join(part.text for part in parts)
    return Part(text, latin, folded, stem(folded), parts[0].script)


# Names are made of a few thousand words: each is read once.
@lru_cache(maxsize=65536)
def _token_forms(token: str) -> tuple[str, str, str, str]:
    latin = to_latin(token)
    folded = fold(latin)
    return latin, folded, stem(folded), detect_script(token)


def search_key(text: str) -> str:
    """Return the folded Latin form of the whole name, parts in order.

    Parts keep their suffixes so that an icontains search for a stem (or a
    patronymic-less form) still finds the longer form.
    """
    key = _key_once(text)
    # The cap may cut a part; refold until stable so the key is idempotent.
    for _ in range(4):
        again = _key_once(key)
        if again == key:
            break
        key = again
    return key


def _key_once(text: str) -> str:
    key = " ".join(fold(to_latin(token)) for token in tokens(text))
    key = " ".join(key.split())
    if len(key) > MAX_KEY_LENGTH:
        cut = key.rfind(" ", 0, MAX_KEY_LENGTH + 1)
        key = key[: cut if cut > 0 else MAX_KEY_LENGTH]
    return key


def name_parts(text: str, inflected: bool = False) -> list[str]:
    """Return the stems of the name's parts in order.

    With inflected=True, also strip Russian and Kazakh case endings, for names
    found in running text ("Серикжана Билаша" -> serikjan, bilash).
    """
    parts = [part.stem for part in analyse(text)]
    if not inflected:
        return parts
    return [next(iter(deinflections(p)), p) for p in parts]


def name_variants_in_text(text: str) -> list[list[str]]:
    """Return, per word of running text, the stems it may be a form of.

    The first variant of each word is its stem as written.
    """
    variants = []
    for part in analyse(text):
        options = [part.stem]
        options += [s for s in deinflections(part.folded) if s not in options]
        variants.append(options)
    return variants
