"""Find the passages of a text that name one of our persons.

Every window that may be a full name (see tokens.windows) is looked up in
one batch, spelled exactly first (cases.candidates.exact_candidates, which
brings the persons' other forms along for references back), then by keys
for the windows left; the best-scoring windows that do not overlap become
mentions, so a person named twice is mentioned twice. A surname
alone (or another single part) counts only when it refers back: the same
person was fully named earlier in the text and no other person found there
shares that part. A single word is never looked up on its own: against
100,000 persons one part of a name matches far too many people to be worth
a reviewer's time.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import F

from cases.candidates import (
    Candidate,
    NameFormRow,
    exact_candidates,
    lookup_candidates,
)
from cases.db import CompiledValuesQuery
from cases.models import PersonName
from cases.models.lookups import OneOf
from cases.names import NameMatch, score_if_same

from .gazetteers import looks_like_name, word_key
from .hints import find_dates, find_facilities, hints_near
from .tokens import (
    ARABIC,
    HAN,
    Window,
    Word,
    name_segments,
    opens_sentence,
    windows,
    words,
)


@dataclass(slots=True)
class FoundMention:
    """A span of the text naming a person, with the evidence for the reviewer.

    Namesakes share a span, and so its hints, which are added last.
    """

    person_id: int
    name_form_id: int
    text: str
    start: int
    end: int
    score: float
    explanation: str
    hints: dict = field(default_factory=dict)


_FormsByPerson = dict[int, list[NameFormRow]]


def find_mentions(*, text: str) -> list[FoundMention]:
    """Return every mention of a known person in the text, in text order."""
    found_words = words(text)
    full, forms = _full_mentions(text, found_words)
    mentions = full + _references_back(text, found_words, full, forms)
    if not mentions:
        return []
    # Namesakes share a span, and so its hints.
    spans = list(dict.fromkeys((m.start, m.end) for m in mentions))
    clues = find_dates(text, spans) + find_facilities(text, found_words, spans)
    hints = {(start, end): hints_near(start, end, clues) for start, end in spans}
    for mention in mentions:
        mention.hints = hints[mention.start, mention.end]
    return sorted(mentions, key=lambda m: (m.start, m.person_id))


def _full_mentions(
    text: str, found_words: list[Word]
) -> tuple[list[FoundMention], _FormsByPerson]:
    """Return the best non-overlapping windows that match a person's name,
    and the name forms of the persons named exactly."""
    spans = windows(text, found_words)
    # Two persons with one name (namesakes, or a duplicate record) are both
    # suggested: the reviewer tells them apart.
    texts = sorted({w.text for w in spans})
    exact, forms = exact_candidates(texts=texts, inflected=True)
    named = _named_whole(text, exact)
    spans = [window for window in spans if not _inside(window, named)]
    rest = sorted({w.text for w in spans} - exact.keys())
    best = lookup_candidates(texts=rest, inflected=True, best_only=True)
    hits = [(window, exact.get(window.text) or best(window.text)) for window in spans]
    hits = [(window, candidates) for window, candidates in hits if candidates]
    # Best score first; at equal score the longer span (all of a name).
    hits.sort(key=lambda hit: (-hit[1][0].match.score, hit[0].start - hit[0].end))
    taken = bytearray(len(text))
    mentions = []
    for window, candidates in hits:
        if any(taken[window.start : window.end]):
            continue
        taken[window.start : window.end] = b"\1" * (window.end - window.start)
        mentions += [_mention(window, c.name_form, c.match) for c in candidates]
    return mentions, forms


def _named_whole(text: str, exact: dict[str, list[Candidate]]) -> list[tuple[int, int]]:
    """Return the spans of the segments that name a person exactly, whole.

    Such a window comes first (no score is higher, and every window it
    overlaps lies inside it and is shorter), so it is taken and the windows
    inside it never are: they need not be looked up ("Sakenuly Akylbekov" in
    "Talgatbek Sakenuly Akylbekov").
    """
    named = []
    for segment in name_segments(text):
        start, end = segment[0].start, segment[-1].end
        if text[start:end] in exact:
            named.append((start, end))
    return named


def _inside(window: Window, spans: list[tuple[int, int]]) -> bool:
    """Return whether the window lies inside one of the spans, and is shorter."""
    return any(
        start <= window.start
        and window.end <= end
        and (start, end) != (window.start, window.end)
        for start, end in spans
    )


def _mention(
    window: Window, form: PersonName | NameFormRow, match: NameMatch, note: str = ""
) -> FoundMention:
    return FoundMention(
        person_id=form.person_id,
        name_form_id=form.pk,
        text=window.text[:300],
        start=window.start,
        end=window.end,
        score=match.score,
        explanation=match.describe() + note,
    )


def _references_back(
    text: str,
    found_words: list[Word],
    full: list[FoundMention],
    forms: _FormsByPerson,
) -> list[FoundMention]:
    """Return single name parts that refer to a person named earlier."""
    if not full:
        return []
    first_named: dict[int, int] = {}
    for mention in sorted(full, key=lambda m: m.start):
        first_named.setdefault(mention.person_id, mention.end)
    parts = _name_parts_of(first_named, forms)
    covered = bytearray(len(text))
    for mention in full:
        covered[mention.start : mention.end] = b"\1" * (mention.end - mention.start)
    found = []
    for word in _lone_words(text, found_words):
        if any(covered[word.start : word.end]):
            continue
        referred = _referred_person(word, parts, first_named)
        if referred:
            form, match = referred
            window = Window(word.text, word.start, word.end, 1)
            note = " A name part alone, after the full name earlier in the text."
            found.append(_mention(window, form, match, note))
    return found


# Read for articles that name someone other than exactly: compiled once.
_FORMS_OF_PERSONS = CompiledValuesQuery(
    lambda persons: PersonName.objects.filter(
        OneOf(F("person_id"), persons)
    ).values_list("id", "text", "person_id")
)


def _name_parts_of(
    persons: dict[int, int], known: _FormsByPerson
) -> dict[str, list[tuple[str, NameFormRow]]]:
    """Return each part of each name form of the persons, by its key's start.

    The forms of persons named exactly came with them; the others' take one
    query. Chinese forms are left out: their parts are not words.
    Namesakes share their forms' texts, so each text is cut once.
    """
    forms = [form for person in persons for form in known.get(person, ())]
    missing = [person for person in persons if person not in known]
    if missing:
        forms += map(NameFormRow._make, _FORMS_OF_PERSONS.rows(missing))
    parts: dict[str, list[tuple[str, NameFormRow]]] = defaultdict(list)
    for form in forms:
        for part, key in _keyed_parts(form.text):
            parts[key[:2]].append((part, form))
    return parts


@lru_cache(maxsize=1 << 14)
def _keyed_parts(text: str) -> tuple[tuple[str, str], ...]:
    """Return the words of a name form that may stand alone, with their keys."""
    # Uncached words(): the article's own words stay in its small cache.
    return tuple(
        (word.text, word_key(word.text))
        for word in words.__wrapped__(text)
        if word.script != HAN and len(word.text) > 2
    )


def _lone_words(text: str, found_words: list[Word]) -> list[Word]:
    """Return the capitalised words that stand alone, outside a run of names.

    "Kunbolat" alone may refer back; in "Aidos Kunbolat" it belongs to
    another name; after a common word that opens the sentence it is alone.
    Arabic script has no capitals, so every Arabic word is tried; a full name
    has already claimed its own span.
    """
    lone: list[Word] = []
    for segment in name_segments(text):
        if len(segment) == 1 or segment[0].script == ARABIC:
            lone.extend(segment)
        elif len(segment) == 2 and _opened_by_common_word(text, segment[0]):
            lone.append(segment[1])
    return lone


def _opened_by_common_word(text: str, word: Word) -> bool:
    """Return whether the word opens a sentence and is not name-like.

    "Адвокат Билаша обжалует": the capital of Адвокат comes from the sentence.
    """
    return opens_sentence(text, word.start) and not looks_like_name(word.text)


def _referred_person(
    word: Word,
    parts: dict[str, list[tuple[str, NameFormRow]]],
    first_named: dict[int, int],
) -> tuple[NameFormRow, NameMatch] | None:
    """Return the one person named earlier whose name has this part."""
    matches: dict[int, tuple[NameFormRow, NameMatch]] = {}
    # Case endings change only the end of a word: the start of its key stays.
    for part, form in parts.get(word_key(word.text)[:2], ()):
        if first_named[form.person_id] > word.start:
            continue
        match = _part_score(word.text, part)
        best = matches.get(form.person_id)
        if match is not None and (best is None or match.score > best[1].score):
            matches[form.person_id] = (form, match)
    return next(iter(matches.values())) if len(matches) == 1 else None


@lru_cache(maxsize=1 << 14)
def _part_score(word: str, part: str) -> NameMatch | None:
    """Score one word against one name part, if the same (articles repeat
    surnames)."""
    return score_if_same(word, part, inflected=True)
