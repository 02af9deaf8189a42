"""Clues near a mention that help a case worker place it: dates and facilities.

Dates are found by patterns in English, Russian, Kazakh and Chinese
("the 1,049th day", "1049-й день", "since 2018", "in March 2018", ISO dates,
"2018年3月"); facilities by any stored form of their names, compared by
search key so that spelling and case variants still count.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from cases.db import CompiledValuesQuery
from cases.models import Facility

from .gazetteers import word_key
from .tokens import Word

NEARBY = 300
# Every date pattern holds digits, with at most this much text before or after
# them ("in the spring of 2018", "2018 жылғы желтоқсан"): only those stretches
# are searched, since the patterns are many and slow on long text.
BEFORE_DIGITS = 40
AFTER_DIGITS = 30

_MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|"
    "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTHS_RU = (
    r"январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
    r"август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]"
)
_MONTHS_KK = (
    r"қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|"
    r"қараша|желтоқсан"
)
_SEASONS = "spring|summer|autumn|fall|winter|весн[аеойу]|лет[оа]|осен[ьи]|зим[аеойу]"
_YEAR = r"(?:19|20)\d\d"
_DATE_PATTERNS = (
    ("day_count", r"(?:the\s+)?\d{1,3}(?:,\d{3})*(?:st|nd|rd|th)\s+day\b"),
    ("day_count", r"\d[\d\s]{0,6}-?(?:й|ый|ой|ий)\s+(?:день|дня|дню|днём)"),
    ("day_count", r"\d+-?(?:ші|шы|інші|ыншы)?\s*күн\b"),
    ("day_count", r"第\d+天"),
    ("date", rf"\b{_YEAR}-\d\d-\d\d\b"),
    ("date", rf"\b\d{{1,2}}\s+(?:{_MONTHS_EN})\.?\s+{_YEAR}\b"),
    ("date", rf"\b(?:{_MONTHS_EN})\.?\s+\d{{1,2}},\s+{_YEAR}\b"),
    ("date", rf"\b\d{{1,2}}\s+(?:{_MONTHS_RU})\s+{_YEAR}"),
    ("date", rf"{_YEAR}年\d{{1,2}}月\d{{1,2}}日"),
    ("month", rf"\b(?:in\s+)?(?:{_MONTHS_EN})\.?\s+{_YEAR}\b"),
    ("month", rf"(?:в\s+)?(?:{_MONTHS_RU})\s+{_YEAR}"),
    ("month", rf"{_YEAR}\s+(?:жылғы\s+)?(?:{_MONTHS_KK})"),
    ("month", rf"{_YEAR}年\d{{1,2}}月"),
    ("season", rf"\b(?:in\s+)?(?:the\s+)?(?:{_SEASONS})\s+(?:of\s+)?{_YEAR}"),
    ("since", rf"\b(?:since|from)\s+{_YEAR}\b"),
    ("since", rf"(?:с|со)\s+{_YEAR}\s+года"),
    ("since", rf"{_YEAR}\s+жылдан\s+бері"),
    ("since", rf"(?:自|从){_YEAR}年"),
    ("year", rf"\b(?:in\s+)?{_YEAR}\b(?:\s+(?:года|году|жылы))?"),
    ("year", rf"{_YEAR}年"),
)
# A clue starts a word, or at its digits, or at a Chinese preposition: the
# guard turns away every other position at once, where the patterns would
# each be tried (and "март 2018" would be found inside "Гумарт 2018").
_STARTS_A_CLUE = r"(?:(?<!\w)|(?=\d)|(?=[第自从]))"
_DATES = re.compile(
    _STARTS_A_CLUE
    + "(?:"
    + "|".join(
        f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_DATE_PATTERNS)
    )
    + ")",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LINES = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Found:
    """A clue in the text and what it is (a kind of date, or a facility)."""

    kind: str
    text: str
    start: int
    end: int
    facility_id: int | None = None
    facility_name: str = ""


def find_dates(text: str, spans: list[tuple[int, int]]) -> list[Found]:
    """Return the date clues near the spans; the most precise pattern wins.

    Every pattern has a digit, so only the stretches around digits on lines
    near a span are read: the patterns are many, and reading a whole article
    with them costs more than the rest of the matching.
    """
    found = []
    for start, end in _lines_to_read(text, spans):
        for match in _DATES.finditer(text, start, end):
            kind = (match.lastgroup or "date").rstrip("0123456789")
            found.append(Found(kind, match.group().strip(), match.start(), match.end()))
    return found


def _lines_to_read(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the stretches around digits, on lines near a span, to search."""
    stretches: list[tuple[int, int]] = []
    for line in _LINES.finditer(text):
        near = any(
            line.end() > start - NEARBY and line.start() < end + NEARBY
            for start, end in spans
        )
        if not near:
            continue
        for digits in _DIGITS.finditer(text, line.start(), line.end()):
            start = max(line.start(), digits.start() - BEFORE_DIGITS)
            end = min(line.end(), digits.end() + AFTER_DIGITS)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
            else:
                stretches.append((start, end))
    return stretches


# Read for every article: compiled once.
_FACILITY_NAMES = CompiledValuesQuery(
    lambda _: Facility.objects.values_list(
        "id", "name", "names__text", "names__search_key"
    ).order_by("id")
)


def find_facilities(
    text: str, found_words: list[Word], spans: list[tuple[int, int]]
) -> list[Found]:
    """Return where stored facility names appear near the given spans.

    One query reads every facility name form with its stored search key
    (facilities number in the hundreds, not the hundred thousands). A form is
    found as written (in any case), in one pass over the text for all forms,
    or by the keys of the words within NEARBY characters of a span.
    """
    catalogue = _catalogue(tuple(_FACILITY_NAMES.rows()))
    hits = catalogue.as_written(_lowered(text))
    near = _near(found_words, spans)
    keys = [word_key(word.text) for word in near]
    for i, key in enumerate(keys):
        for form in catalogue.by_first_key.get(key, ()):
            last = i + len(form.key_words) - 1
            if keys[i : last + 1] == form.key_words:
                hits.append((form, near[i].start, near[last].end))
    found: dict[tuple[int, int, int], Found] = {}
    for form, start, end in sorted(hits, key=lambda hit: hit[1:]):
        # Keys keep letters only: "No. 2" and "No. 3" differ in their digits.
        if _DIGITS.findall(text[start:end]) == _DIGITS.findall(form.text):
            found[form.facility_id, start, end] = Found(
                "facility", text[start:end], start, end, form.facility_id, form.name
            )
    return list(found.values())


class _FacilityForm(NamedTuple):
    facility_id: int
    name: str
    text: str
    key_words: list[str]


_Hit = tuple[_FacilityForm, int, int]


@dataclass(frozen=True)
class _Catalogue:
    """Every facility's name forms, ready to be looked for in a text."""

    # The forms in lower case, for an Aho-Corasick search of them all at once.
    needles: ahocorasick.Automaton
    by_first_key: dict[str, list[_FacilityForm]]

    def as_written(self, lowered: str) -> list[_Hit]:
        """Return each form found in the lowered text, where it is."""
        if not len(self.needles):
            return []
        return [
            (form, end + 1 - length, end + 1)
            for end, (length, forms) in self.needles.iter(lowered)
            for form in forms
        ]


@lru_cache(maxsize=2)
def _catalogue(rows: tuple[tuple[int, str, str, str], ...]) -> _Catalogue:
    """Return each facility's name and its stored name forms, with their keys.

    Cached by the rows themselves: facilities change seldom, articles often.
    """
    forms: dict[tuple[int, str], _FacilityForm] = {}
    for facility_id, name, text, key in rows:
        forms[facility_id, name] = _FacilityForm(
            facility_id, name, name, word_key(name).split()
        )
        if text:
            forms[facility_id, text] = _FacilityForm(
                facility_id, name, text, key.split()
            )
    by_needle: dict[str, list[_FacilityForm]] = defaultdict(list)
    by_first_key: dict[str, list[_FacilityForm]] = defaultdict(list)
    for form in forms.values():
        if form.text:
            by_needle[_lowered(form.text)].append(form)
        if form.key_words:
            by_first_key[form.key_words[0]].append(form)
    needles = ahocorasick.Automaton()
    for needle, holders in by_needle.items():
        needles.add_word(needle, (len(needle), holders))
    if by_needle:
        needles.make_automaton()
    return _Catalogue(needles, dict(by_first_key))


def _lowered(text: str) -> str:
    """Return the text in lower case, each character still at its offset.

    Lower-cased, the Turkish İ becomes two characters (i and a combining dot),
    which would shift every offset after it.
    """
    return text.replace("İ", "i").lower()


def _near(found_words: list[Word], spans: list[tuple[int, int]]) -> list[Word]:
    """Return the words within NEARBY characters of a span (words in text order)."""
    reach: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        low, high = start - NEARBY, end + NEARBY
        if reach and low <= reach[-1][1]:
            reach[-1] = (reach[-1][0], max(high, reach[-1][1]))
        else:
            reach.append((low, high))
    near, at = [], 0
    for word in found_words:
        while at < len(reach) and reach[at][1] <= word.start:
            at += 1
        if at < len(reach) and word.end > reach[at][0]:
            near.append(word)
    return near


def hints_near(start: int, end: int, clues: list[Found]) -> dict[str, list]:
    """Return the clues within NEARBY characters of a span, as JSON for hints."""
    near = [c for c in clues if c.end > start - NEARBY and c.start < end + NEARBY]
    dates = [{"kind": c.kind, "text": c.text} for c in near if c.kind != "facility"]
    facilities = {
        c.facility_id: {"id": c.facility_id, "name": c.facility_name, "text": c.text}
        for c in near
        if c.kind == "facility"
    }
    return {"dates": dates, "facilities": list(facilities.values())}
