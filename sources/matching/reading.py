"""Tell whether words read as a person's name in the text they stand in.

A pair matcher compares two names it is given; the finder must first ask
whether the words of an article are a name at all. Words that are common in
the article's language (wordfreq's lists, built from many corpora and
shipped inside its wheel, so they work offline) are read as words: "Star
Wars", "Bay Area", "Syrian Army", "Follow", "Prince Andrew". A given name of
the peoples we document may be a common word too (Erik, Alma, Asset), so
being one is not, alone, evidence of a name.

The more persons are on record, the more likely some name resembles any
pair of words: the score a loose match (by sound, a slip, a part missing)
needs rises with the number of persons (see evidence_bar).
"""

import math
import re
import time
from functools import cache, lru_cache

import wordfreq

from cases.models import Person
from cases.names import THRESHOLD

# Zipf frequency (log10 of occurrences per billion words) from which a word
# is common: "Alma" 3.6, "Erik" 3.7, "army" 5.1; "Ilham" 2.4, "Kunbolat" 0.
COMMON = 3.3
# Languages whose lists are read for words in Latin letters when the
# article's own language is unknown or has no list.
_LATIN_DEFAULT = ("en",)
_CYRILLIC_DEFAULT = ("ru",)
# Persons from which the evidence bar starts to rise, and by how much per
# tenfold more: 0.80 up to 1,000, 0.85 at 10,000, 0.90 at 100,000.
_FEW_PERSONS = 1_000
_RISE_PER_DECADE = 0.05
_HIGHEST_BAR = 0.95
_COUNT_SECONDS = 300.0

# A Chinese name in pinyin: every syllable an initial and a final.
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|"
    r"er|ia|ie|iu|in|ua|uo|ui|un|ue|ve|a|o|e|i|u|v|ü))+"
)


@cache
def _listed_languages() -> frozenset[str]:
    return frozenset(wordfreq.available_languages())


def word_languages(language: str, script: str) -> tuple[str, ...]:
    """Return the wordfreq languages to read a word of this script in.

    The article's language when wordfreq lists it (not its nearest match:
    Kazakh is not Russian), else English for Latin letters and Russian for
    Cyrillic. Arabic script goes unread: Uyghur has no list.
    """
    base = (language or "").split("-")[0].lower()
    if script == "Latn":
        own = (base,) if base in _listed_languages() and base != "en" else ()
        return own + _LATIN_DEFAULT
    if script == "Cyrl":
        if base in ("ru", "uk", "bg", "mk"):
            return (base,)
        return () if base in ("kk", "ky", "uz", "tt", "ba") else _CYRILLIC_DEFAULT
    return ()


@lru_cache(maxsize=1 << 16)
def is_common(word: str, languages: tuple[str, ...]) -> bool:
    """Return whether the word is a common word of one of the languages."""
    lowered = word.lower()
    return any(wordfreq.zipf_frequency(lowered, lang) >= COMMON for lang in languages)


def is_pinyin(word: str) -> bool:
    """Return whether the word reads as Chinese syllables (Ma, Yufang)."""
    return _PINYIN.fullmatch(word.lower()) is not None


def evidence_bar(persons: int) -> float:
    """Return the score a loose match needs with this many persons on record."""
    if persons <= _FEW_PERSONS:
        return THRESHOLD
    rise = _RISE_PER_DECADE * math.log10(persons / _FEW_PERSONS)
    return min(_HIGHEST_BAR, THRESHOLD + rise)


_counted: list[float] = []


def persons_on_record() -> int:
    """Return how many persons are on record, counted at most every 5 minutes.

    The bar moves by tenfolds, so a count a few minutes old is as good as a
    fresh one, and an article's matching needs no query for it.
    """
    now = time.monotonic()
    if not _counted or now - _counted[0] > _COUNT_SECONDS:
        _counted[:] = [now, float(Person.objects.count())]
    return int(_counted[1])


def forget_persons_count() -> None:
    """Count the persons afresh next time (after a bulk load, in benchmarks)."""
    _counted.clear()
