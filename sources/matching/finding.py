"""Find the passages of a text that name one of our persons.

Every window that may be a full name (see tokens.windows) is looked up in
one batch, spelled exactly first (cases.candidates.exact_candidates, which
brings the persons' other forms along for references back), then by keys
for the windows left; the best-scoring windows that do not overlap become
mentions, so a person named twice is mentioned twice. A surname
alone (or another single part) counts only when it refers back (see
references). The words must read as a name in the article's language, and a
loose match needs more evidence the more persons are on record (judging);
a name with a Kazakh or Uyghur case ending is also looked up bare
(inflection). A single word is never looked up on its own: against
100,000 persons one part of a name matches far too many people to be worth
a reviewer's time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from cases.candidates import (
    Candidate,
    NameFormRow,
    exact_candidates,
    lookup_candidates,
)
from cases.models import PersonName
from cases.names import NameMatch, PartMatch
from cases.names.parts import INFLECTED

from .hints import find_dates, find_facilities, hints_near
from .inflection import uninflected
from .judging import judge, reads_as_name, span_words
from .reading import persons_on_record
from .references import FormsByPerson, references_back
from .tokens import Window, Word, name_segments, windows, words


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


def find_mentions(*, text: str, language: str = "") -> list[FoundMention]:
    """Return every mention of a known person in the text, in text order.

    language is the article's (a code such as "en"), for telling its common
    words from names; unknown, English and Russian lists are read.
    """
    found_words = words(text)
    full, forms = _full_mentions(text, found_words, language)
    named = [(m.person_id, m.start, m.end) for m in full]
    note = " A name part alone, after the full name earlier in the text."
    mentions = full + [
        _mention(Window(word.text, word.start, word.end, 1), form, match, note)
        for word, form, match in references_back(text, named, forms)
    ]
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
    text: str, found_words: list[Word], language: str
) -> tuple[list[FoundMention], FormsByPerson]:
    """Return the best non-overlapping windows that match a person's name,
    and the name forms of the persons named exactly."""
    spans = [
        window
        for window in windows(text, found_words)
        if reads_as_name(span_words(window, found_words), language)
    ]
    bare = {window: _bare_texts(window, found_words) for window in spans}
    # Two persons with one name (namesakes, or a duplicate record) are both
    # suggested: the reviewer tells them apart.
    texts = sorted({w.text for w in spans} | {t for ts in bare.values() for t in ts})
    exact, forms = exact_candidates(texts=texts, inflected=True)
    bare_at = {(window.start, window.end): texts for window, texts in bare.items()}
    named = _named_whole(text, exact, bare_at)
    spans = [window for window in spans if not _inside(window, named)]
    wanted = {w.text for w in spans} | {t for w in spans for t in bare[w]}
    best = lookup_candidates(
        texts=sorted(wanted - exact.keys()), inflected=True, best_only=True
    )

    hits = []
    for window in spans:
        keep = judge(span_words(window, found_words), persons_on_record)
        kept = _chosen(window, bare[window], exact, best, keep)
        if kept:
            hits.append((window, kept))
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


def _chosen(
    window: Window,
    bare: list[str],
    exact: dict[str, list[Candidate]],
    best: Callable[[str], list[Candidate]],
    keep: Callable[[str, NameMatch], bool],
) -> list[Candidate]:
    """Return the candidates the judge keeps for the window.

    Spelled exactly, then exactly once a case ending is off (before a
    namesake whose other spelling scores higher), then by keys, then by keys
    once a case ending is off.
    """

    def found(texts: list[str]) -> list[Candidate]:
        return [c for t in texts for c in exact.get(t) or best(t)]

    kept = [c for c in exact.get(window.text, []) if keep(c.name_form.text, c.match)]
    spelled = [t for t in bare if t in exact]
    if not kept and spelled:
        kept = _inflected(window, found(spelled), keep)
    if not kept and window.text not in exact:
        kept = [c for c in best(window.text) if keep(c.name_form.text, c.match)]
    return kept or _inflected(window, found(bare), keep)


def _bare_texts(window: Window, found_words: list[Word]) -> list[str]:
    """Return the window's text with a case ending off its last word, if any."""
    if window.words < 2:
        return []
    return uninflected(window.text, span_words(window, found_words)[-1])


def _inflected(
    window: Window,
    candidates: list[Candidate],
    keep: Callable[[str, NameMatch], bool],
) -> list[Candidate]:
    """Return the candidates of the bare name as the inflected window's.

    The last part matched once its case ending was taken off: it scores as
    the pair matcher scores a case ending (INFLECTED), never more.
    """
    kept: dict[int, Candidate] = {}
    written = window.text.split()
    for candidate in candidates:
        match = candidate.match
        parts = [
            part
            if part.part_a is None or part.part_a in written
            else PartMatch(
                written[-1], part.part_b, "suffix", min(part.score, INFLECTED)
            )
            for part in match.explanation
        ]
        inflected = NameMatch(min(match.score, INFLECTED), True, parts)
        person = candidate.name_form.person_id
        if person not in kept and keep(candidate.name_form.text, inflected):
            kept[person] = Candidate(candidate.name_form, inflected)
    return list(kept.values())


def _named_whole(
    text: str,
    exact: dict[str, list[Candidate]],
    bare: dict[tuple[int, int], list[str]],
) -> list[tuple[int, int]]:
    """Return the spans of the segments that name a person exactly, whole,
    or exactly once a case ending is off ("Роза Серікқызы Нұрғалиеваның").

    Such a window comes first (no score is higher, and every window it
    overlaps lies inside it and is shorter), so it is taken and the windows
    inside it never are: they need not be looked up ("Sakenuly Akylbekov" in
    "Talgatbek Sakenuly Akylbekov").
    """
    named = []
    for segment in name_segments(text):
        start, end = segment[0].start, segment[-1].end
        texts = [text[start:end], *bare.get((start, end), ())]
        if any(whole in exact for whole in texts):
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
