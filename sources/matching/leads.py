"""Find names of persons in a text that match nobody we know: leads.

No language model reads the text; rules and word lists do (see gazetteers
and reading). A lead is two to four capitalised words in a row, after
places, organisations and sentence-opening words are cut off, that read as
a name of the peoples we document: one of them is a Kazakh or Uyghur given
name or has a surname ending (-uly, -kyzy, -ov, -bek, -jan...) and is not a
common word of the article's language, and none of the others is a common
word ("Eric Song", "Prince Andrew", "Follow AP" are not leads). In Arabic
script a lead is a given name and the word after it; in Chinese, the
transcription characters on both sides of a middle dot (热依拉·达吾提).
Each lead says why it was taken for a name.
"""

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext

from .gazetteers import (
    is_not_name,
    looks_like_name,
    name_evidence,
    transcription_characters,
)
from .reading import is_common, word_languages
from .tokens import (
    ARABIC,
    HAN,
    MAX_WINDOW,
    Word,
    name_segments,
    transcribed_edge,
    words,
)

_MIDDLE_DOTS = frozenset("·•‧・･")
_MIN_HAN_NAME = 4  # characters on both sides of the dot, dot excluded


@dataclass(frozen=True)
class FoundLead:
    """A name in the text that matches no known person."""

    text: str
    start: int
    end: int
    reason: str = ""


class Span(Protocol):
    start: int
    end: int


def find_leads(
    *, text: str, mentions: Iterable[Span], language: str = ""
) -> list[FoundLead]:
    """Return the names in the text that are not mentions, once per name.

    language is the article's, for telling its common words from names.
    """
    taken = bytearray(len(text))
    for mention in mentions:
        taken[mention.start : mention.end] = b"\1" * (mention.end - mention.start)
    found_words = words(text)
    leads: dict[str, FoundLead] = {}
    for lead in (*_word_leads(text, language), *_han_leads(text, found_words)):
        if not any(taken[lead.start : lead.end]):
            leads.setdefault(lead.text, lead)
    return sorted(leads.values(), key=lambda lead: lead.start)


def _word_leads(text: str, language: str) -> Iterator[FoundLead]:
    for segment in name_segments(text):
        if segment[0].script == ARABIC:
            yield from _arabic_leads(text, segment)
        elif 2 <= len(segment) <= MAX_WINDOW:
            reasons = _reasons(segment, language)
            if reasons:
                yield _lead(text, segment, "; ".join(reasons))


def _reasons(segment: Sequence[Word], language: str) -> list[str]:
    """Return why the words read as a name, or nothing when they do not.

    A given name that is also a common word (Erik, Asset) is allowed in a
    name but is no evidence of one.
    """
    reasons = []
    for word in segment:
        evidence = name_evidence(word.text)
        common = is_common(word.text, word_languages(language, word.script))
        if common and not evidence:
            return []
        if evidence and not common:
            reasons.append(evidence)
    return reasons


def _arabic_leads(text: str, run: Sequence[Word]) -> Iterator[FoundLead]:
    """Yield a known given name and the word after it (the father's name).

    Arabic script has no capitals, so a run is a whole clause: only a given
    name from the lists can start a lead there.
    """
    i = 0
    while i < len(run) - 1:
        if looks_like_name(run[i].text) and not is_not_name(run[i + 1].text):
            reason = gettext("%(word)s is a given name, and a name follows it") % {
                "word": run[i].text
            }
            yield _lead(text, run[i : i + 2], reason)
            i += 2
        else:
            i += 1


def _lead(text: str, span: Sequence[Word], reason: str) -> FoundLead:
    start, end = span[0].start, span[-1].end
    return FoundLead(text[start:end], start, end, reason[:300])


def _han_leads(text: str, found_words: list[Word]) -> Iterator[FoundLead]:
    """Yield the transcribed names written with a middle dot."""
    usable = transcription_characters()
    han = [word for word in found_words if word.script == HAN]
    for left, right in itertools.pairwise(han):
        if text[left.end : right.start] not in _MIDDLE_DOTS:
            continue
        before = transcribed_edge(left.text[::-1], usable)
        after = transcribed_edge(right.text, usable)
        if before and after and before + after >= _MIN_HAN_NAME:
            start, end = left.end - before, right.start + after
            reason = gettext(
                "characters that transcribe Turkic names, around a middle dot"
            )
            yield FoundLead(text[start:end], start, end, reason)
