"""Find the sentence of an article around a name, to show it or quote it.

A full stop ends a sentence only when a space or the end of the text follows
it, and not after an abbreviation ("Feb.", "No.", "г.") or an initial ("A.").
Chinese and Arabic-script marks end one too. A sentence longer than the reach
is cut at a word, and the cut shown with an ellipsis.
"""

import re
from dataclasses import dataclass

__all__ = ["Passage", "passage_around"]

# How far from the name a sentence is looked for, on each side.
REACH = 240
_ENDS = re.compile(r"[.!?؟…](?=[\s\"'»”)]|$)|[。！？]|\n")
_WORD_BEFORE = re.compile(r"(\w+)\.$")
# Lower-case, without the full stop: English, Russian and Kazakh news.
_ABBREVIATED = (
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos nr mr mrs ms dr prof "
    "st gen col lt sgt vs approx dept est fig vol art ch р г гг ул им др тыс млн "
    "млрд см стр т обл рис жж"
)
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Passage:
    """The sentence around a name: the text before it, the name, the text after."""

    before: str
    name: str
    after: str
    cut_before: bool
    cut_after: bool

    @property
    def text(self) -> str:
        return f"{self.before}{self.name}{self.after}"

    @property
    def right_to_left(self) -> bool:
        """Say whether the sentence is written right to left (Arabic script)."""
        first = _LETTER.search(self.text)
        return bool(first and _ARABIC_LETTER.match(first.group()))


def passage_around(text: str, start: int, end: int) -> Passage:
    """Return the sentence of the text holding the span start:end."""
    low, high = max(0, start - REACH), min(len(text), end + REACH)
    ends = [m.end() for m in _ENDS.finditer(text, low, high) if _ends(text, m)]
    begin = max((i for i in ends if i <= start), default=low)
    stop = min((i for i in ends if i >= end), default=high)
    cut_before, cut_after = begin == low > 0, stop == high < len(text)
    if cut_before:
        begin = _next_space(text, begin, start)
    if cut_after:
        stop = _previous_space(text, stop, end)
    return Passage(
        before=text[begin:start].lstrip(),
        name=text[start:end],
        after=text[end:stop].rstrip(),
        cut_before=cut_before,
        cut_after=cut_after,
    )


def _ends(text: str, match: re.Match[str]) -> bool:
    """Say whether the mark ends a sentence (a full stop may end an abbreviation)."""
    if match.group() != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.end())
    if word is None:
        return True
    before = word.group(1)
    if before.isdigit():
        return True
    return len(before) > 1 and before.lower() not in ABBREVIATIONS


def _next_space(text: str, position: int, limit: int) -> int:
    space = text.find(" ", position, limit)
    return space + 1 if space >= 0 else position


def _previous_space(text: str, position: int, limit: int) -> int:
    space = text.rfind(" ", limit, position)
    return space if space >= 0 else position
