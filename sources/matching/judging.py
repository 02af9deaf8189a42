"""Ask more of a name in running text than the pair matcher asks of two names.

The pair matcher says whether two names it is given may be one person's.
In an article, the words must first read as a name there (reading), and
then each suggestion needs evidence in proportion to the persons on
record: a close match (every part the same, transliterated or with a case
ending) always counts; a loose one (parts alike by sound or a slip, or a
part missing) only above the evidence bar. Parts keep their order unless
the tradition allows another (a surname first in Russian and Kazakh
Cyrillic, a Chinese name read in pinyin); elsewhere a name reversed is
another person's. Latin letters match a name in Chinese
characters only where they read as a transcription of one.
"""

from bisect import bisect_left
from collections.abc import Callable, Sequence

from cases.names import NameMatch
from cases.names.scripts import detect_script

from .gazetteers import looks_like_name
from .reading import evidence_bar, is_common, is_pinyin, word_languages
from .tokens import CYRILLIC, HAN, LATIN, Window, Word

# A part that scores this much matches by spelling rules (the same letters,
# a transliteration, a case ending), not by likeness.
CLOSE_PART = 0.88
_HAN_SCRIPTS = frozenset({"Hans", "Hant"})


def span_words(window: Window, found: list[Word]) -> tuple[Word, ...]:
    """Return the words a window spans; a Chinese window is one word of its own."""
    at = bisect_left(found, window.start, key=lambda word: word.start)
    inside = []
    while at < len(found) and found[at].end <= window.end:
        inside.append(found[at])
        at += 1
    if not inside or (inside[0].start, inside[-1].end) != (window.start, window.end):
        return (Word(window.text, window.start, window.end, HAN),)
    return tuple(inside)


def reads_as_name(span: Sequence[Word], language: str) -> bool:
    """Return whether the words may be a name in an article of this language.

    Not when every word is a common word of the language ("Star Wars",
    "Santa Fe", "William Wallace"): a name of the peoples we document has at
    least one part that is not.
    """
    if span[0].script not in (LATIN, CYRILLIC):
        return True
    return not all(
        is_common(word.text, word_languages(language, word.script)) for word in span
    )


def is_close(match: NameMatch) -> bool:
    """Return whether every part matched by spelling rules, none missing."""
    return all(
        part.how != "missing" and part.score >= CLOSE_PART for part in match.explanation
    )


def keeps_order(match: NameMatch, written: str, form: str) -> bool:
    """Return whether the matched parts come in the order of the form's parts.

    Parts are placed by where they stand in the text, which works for
    Chinese too (热依拉·达吾提 holds its parts without spaces).
    """
    ours, theirs = written.lower(), form.lower()
    pairs = sorted(
        (ours.find(a), theirs.find(b))
        for a, b in (
            ((part.part_a or "").lower(), (part.part_b or "").lower())
            for part in match.explanation
            if part.part_a and part.part_b
        )
        if a in ours and b in theirs
    )
    positions = [b for _, b in pairs]
    return positions == sorted(positions)


def reads_as_transcription(span: Sequence[Word]) -> bool:
    """Return whether Latin words may transcribe a Turkic or Chinese name.

    Every word is a known given name, has a surname ending, or is pinyin
    ("Kaum Syi’ah", Indonesian for the Shia community, is none of these).
    """
    return all(looks_like_name(word.text) or is_pinyin(word.text) for word in span)


def judge(
    span: Sequence[Word], persons: Callable[[], int]
) -> Callable[[str, NameMatch], bool]:
    """Return a test of one candidate form and its match for this span.

    persons is called only when a loose match is to be judged (counting them
    is a query, and most matches are close).
    """
    script = span[0].script
    written = " ".join(word.text for word in span)
    transcription = reads_as_transcription(span) if script != HAN else True

    def keep(form: str, match: NameMatch) -> bool:
        form_script = detect_script(form)
        form_script = HAN if form_script in _HAN_SCRIPTS else form_script
        if form_script == HAN and script != HAN and not transcription:
            return False
        # A surname first, as Russian and Kazakh documents write it, or a
        # Chinese name read in pinyin. Elsewhere a name reversed is another
        # person's (Erkin Qeyum, Qeyum Erkin).
        free = script == CYRILLIC or (
            script != form_script and HAN in (script, form_script)
        )
        if not free and not keeps_order(match, written, form):
            return False
        return is_close(match) or match.score >= evidence_bar(persons())

    return keep
