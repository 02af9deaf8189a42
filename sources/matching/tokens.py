"""Cut running text into words and into the windows that may be names.

Words are runs of letters of one script, with their character offsets in
the text. Latin and Cyrillic names are runs of capitalised words; Arabic
script has no capitals, so any run of its words may be a name; Chinese has
no spaces, so names are cut out of runs of characters: on both sides of the
middle dot that official forms put between the parts of a Turkic name, and
by sliding windows that start on a character names often start with.
"""

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from cases.names.scripts import char_script

from .gazetteers import (
    han_not_names,
    han_surnames,
    is_not_name,
    looks_like_name,
    name_start_characters,
    transcription_characters,
)

LATIN, CYRILLIC, ARABIC, HAN = "Latn", "Cyrl", "Arab", "Han"
_SCRIPTS = {"Latn": LATIN, "Cyrl": CYRILLIC, "Arab": ARABIC}

# An apostrophe inside a word is part of it (Syi’ah, G'ulom), but an English
# possessive or a Turkish case ending after one is not (Kunbolat's, Ospanov'un).
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHES = "'’"
_SUFFIX_AFTER_APOSTROPHE = re.compile(
    r"['’](?:s|y?[aeıiuü]|[dt][aeıiuü]n?|n?[ıiuü]n|n[ıiuü]n|y?l[ae])$"
)
# What may stand between two words of one name.
_JOINERS = frozenset({" ", "-", "\u00a0", "\u2011"})
_MIDDLE_DOTS = frozenset("·•‧・･")
# Lower-case words that belong to a name: Turkic patronymics written apart.
CONNECTORS = frozenset(
    (
        "uulu", "uly", "ulı", "uli", "kyzy", "qyzy", "kızı", "kizi", "oglu",
        "oğlu", "ogli", "уулу", "ұлы", "улы", "қызы", "кызы", "оглы",
    )
)  # fmt: skip

MAX_WINDOW = 4
MAX_ARABIC_WINDOW = 3
MAX_HAN_PART = 6
_MIN_HAN_NAME = 2
_CHINESE_NAME = 3


class Word(NamedTuple):
    """A run of letters of one script at text[start:end].

    A named tuple: an article has thousands of words, and tuples are made
    several times faster than frozen dataclasses.
    """

    text: str
    start: int
    end: int
    script: str

    @property
    def capitalised(self) -> bool:
        """Return whether the word may start or continue a name."""
        if self.script == ARABIC:
            return True
        return self.text[0].isupper() or self.text.lower() in CONNECTORS


@dataclass(frozen=True)
class Window:
    """A stretch of text that may be a name, and how many words it spans."""

    text: str
    start: int
    end: int
    words: int


# Mentions, references back and leads each read the words of the same text.
@lru_cache(maxsize=64)
def words(text: str) -> list[Word]:
    """Return the words of the text, split wherever the script changes."""
    found = []
    for match in _LETTERS.finditer(text):
        letters, (start, end) = match.group(), match.span()
        suffix = _SUFFIX_AFTER_APOSTROPHE.search(letters)
        if suffix:
            letters, end = letters[: suffix.start()], start + suffix.start()
        if letters.isascii():
            found.append(Word(letters, start, end, LATIN))
            continue
        current = _script(letters[0])
        for offset, char in enumerate(letters, start):
            script = current if char in _APOSTROPHES else _script(char)
            if script != current:
                found.append(Word(text[start:offset], start, offset, current))
                start, current = offset, script
        found.append(Word(text[start:end], start, end, current))
    return [word for word in found if word.script]


def _script(char: str) -> str:
    code = char_script(char)
    return HAN if code in ("Hans", "Hant") else _SCRIPTS.get(code, "")


def runs(text: str, found: list[Word]) -> list[list[Word]]:
    """Group consecutive name-like words (not Chinese) into runs.

    A run breaks at punctuation, a line break, a change of script or a word
    in lower case; a patronymic written apart (Токтосун уулу) continues it,
    but alone it is no run.
    """
    groups: list[list[Word]] = []
    current: list[Word] = []
    for word in found:
        # Word.capitalised, inlined: articles have thousands of words.
        if word.script == HAN or not (
            word.script == ARABIC
            or word.text[0].isupper()
            or word.text.lower() in CONNECTORS
        ):
            current = []
        elif current and _joined(text, current[-1], word):
            current.append(word)
        else:
            current = [word]
            groups.append(current)
    trimmed = (_trim_connectors(group) for group in groups)
    return [group for group in trimmed if group]


def _joined(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end : right.start]
    return left.script == right.script and 0 < len(gap) <= 2 and set(gap) <= _JOINERS


def _trim_connectors(group: list[Word]) -> list[Word]:
    while group and group[0].text.lower() in CONNECTORS:
        group = group[1:]
    return group


def segments(text: str, run: list[Word]) -> list[list[Word]]:
    """Cut a run of capitalised words into the stretches that may be names.

    The run is cut at places, organisations and common words (gazetteers),
    and a word that opens a sentence is dropped when it is not name-like and
    two words follow ("Later Aidos Serikuly"): capitals there say nothing. With
    one word after it ("Nurbol Ospanov", "Адвокат Билаша") it may be a given
    name we do not list, so it stays. Arabic-script runs are returned whole.
    """
    if run[0].script == ARABIC:
        return [run]
    cut: list[list[Word]] = [[]]
    for word in run:
        if is_not_name(word.text):
            cut.append([])
        else:
            cut[-1].append(word)
    out = []
    for segment in filter(None, cut):
        first = segment[0]
        if (
            len(segment) > 2
            and opens_sentence(text, first.start)
            and not looks_like_name(first.text)
        ):
            segment = segment[1:]
        out.append(segment)
    return out


# Windows, references back and leads each cut the same text.
@lru_cache(maxsize=64)
def name_segments(text: str) -> tuple[tuple[Word, ...], ...]:
    """Return the stretches of capitalised words that may be names (runs cut
    by segments), in text order."""
    found = words(text)
    return tuple(
        tuple(segment) for run in runs(text, found) for segment in segments(text, run)
    )


def opens_sentence(text: str, start: int) -> bool:
    """Return whether the word at start is the first of a sentence."""
    before = text[:start].rstrip(" \t\"'“”«»(")
    return not before or before[-1] in ".!?:;\n"


def windows(text: str, found: list[Word] | None = None) -> list[Window]:
    """Return every stretch of the text worth looking up as a full name.

    Single words are left out: one part of a name is too weak to suggest a
    person (see find_mentions for surnames that refer back). So are places,
    organisations and common words (see segments): "Apple Daily" is never
    looked up, which saves time and false suggestions.
    """
    found = words(text) if found is None else found
    out = []
    for run in name_segments(text):
        arabic = run[0].script == ARABIC
        widest = MAX_ARABIC_WINDOW if arabic else MAX_WINDOW
        for size in range(2, min(widest, len(run)) + 1):
            for first in range(len(run) - size + 1):
                span = run[first : first + size]
                if not arabic or any(looks_like_name(w.text) for w in span):
                    out.append(_window(text, span))
    out.extend(han_windows(text, found))
    return out


def _window(text: str, span: Sequence[Word]) -> Window:
    start, end = span[0].start, span[-1].end
    return Window(text[start:end], start, end, len(span))


def han_windows(text: str, found: list[Word]) -> Iterator[Window]:
    """Yield the windows of Chinese text that may be names.

    Around a middle dot: the transcription characters on each side (and one
    fewer, in case the text's own word ends in one). Elsewhere, sliding
    windows: three characters from a common Chinese surname (马玉芳), and two
    to six from the start of a run of transcription characters (热依拉达吾提,
    written without the dot). Windows holding a place or people's name
    (阿拉木图, 哈萨克) are dropped. Few windows keep the look-up cheap: each
    one is scored against every namesake.
    """
    han = [word for word in found if word.script == HAN]
    dotted: set[Word] = set()
    for left, right in itertools.pairwise(han):
        if text[left.end : right.start] in _MIDDLE_DOTS:
            dotted.update((left, right))
            yield from _dotted(text, left, right)
    stopped = _not_name_mask(text)
    for word in han:
        if word in dotted:
            continue
        for window in _sliding(text, word):
            if not any(stopped[window.start : window.end]):
                yield window


def _not_name_mask(text: str) -> bytearray:
    """Mark the characters of the Chinese places and peoples in the text."""
    mask = bytearray(len(text))
    for term in han_not_names():
        at = text.find(term)
        while at >= 0:
            mask[at : at + len(term)] = b"\1" * len(term)
            at = text.find(term, at + 1)
    return mask


def _sliding(text: str, word: Word) -> Iterator[Window]:
    usable, surnames = transcription_characters(), han_surnames()
    firsts = name_start_characters()
    for offset, char in enumerate(word.text):
        sizes: Iterable[int] = ()
        if char in surnames:
            sizes = (_CHINESE_NAME,)
        if char in firsts and (offset == 0 or word.text[offset - 1] not in usable):
            run = transcribed_edge(word.text[offset:], usable)
            sizes = {*sizes, *range(_MIN_HAN_NAME, run + 1)}
        for size in sizes:
            if offset + size <= len(word.text):
                start = word.start + offset
                yield Window(text[start : start + size], start, start + size, 1)


def _dotted(text: str, left: Word, right: Word) -> Iterator[Window]:
    """Yield the given·family windows around one middle dot."""
    usable = transcription_characters()
    befores = _edge_sizes(transcribed_edge(left.text[::-1], usable), len(left.text))
    afters = _edge_sizes(transcribed_edge(right.text, usable), len(right.text))
    for before in befores:
        for after in afters:
            start, end = left.end - before, right.start + after
            yield Window(text[start:end], start, end, 2)


def _edge_sizes(edge: int, length: int) -> list[int]:
    """Return how many characters of one side of the dot to try.

    A side with fewer than two transcription characters may use characters
    missing from our lists: then one to three characters are tried.
    """
    sizes = {edge, edge - 1} if edge >= _MIN_HAN_NAME else {1, 2, 3}
    return sorted(size for size in sizes if 1 <= size <= min(length, MAX_HAN_PART))


def transcribed_edge(chars: str, usable: frozenset[str]) -> int:
    """Count the transcription characters at the start of chars, up to a limit."""
    count = 0
    for char in chars[:MAX_HAN_PART]:
        if char not in usable:
            break
        count += 1
    return count
