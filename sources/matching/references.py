"""Find a name part alone that refers back to a person named in full earlier.

"Kunbolat" alone, after "Baibolat Kunbolat", is a mention of him, unless
another person who shares that part is named in the text too ("his sister
Aigul Tursun" after "Gulnar Tursun"): then "Tursun" alone could be either,
and a span of text gives one suggestion per person, so the words of another
person's name (a given name and the word after it) are never a part alone.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from django.db.models import F

from cases.candidates import NameFormRow
from cases.db import CompiledValuesQuery
from cases.models import PersonName
from cases.models.lookups import OneOf
from cases.names import NameMatch, score_if_same

from .gazetteers import looks_like_name, word_key
from .tokens import ARABIC, HAN, Word, name_segments, opens_sentence, words

FormsByPerson = dict[int, list[NameFormRow]]
# A full mention: the person, and where it starts and ends.
Named = tuple[int, int, int]


def references_back(
    text: str, full: Iterable[Named], forms: FormsByPerson
) -> list[tuple[Word, NameFormRow, NameMatch]]:
    """Return the single name parts that refer to a person named earlier."""
    full = sorted(full, key=lambda named: named[1])
    if not full:
        return []
    first_named: dict[int, int] = {}
    for person, _, end in full:
        first_named.setdefault(person, end)
    parts = _name_parts_of(first_named, forms)
    covered = bytearray(len(text))
    for _, start, end in full:
        covered[start:end] = b"\1" * (end - start)
    lone, others = _lone_and_others(text, covered)
    found = []
    for word in lone:
        if any(covered[word.start : word.end]) or _shared(word, others):
            continue
        referred = _referred_person(word, parts, first_named)
        if referred:
            found.append((word, *referred))
    return found


def _lone_and_others(text: str, covered: bytearray) -> tuple[list[Word], list[Word]]:
    """Return the words that stand alone, and the words of others' names.

    "Kunbolat" alone may refer back; in "Aidos Kunbolat" it belongs to
    another name; after a common word that opens the sentence it is alone.
    Arabic script has no capitals: a word stands alone there unless it
    follows a given name, whose name it then is.
    """
    lone: list[Word] = []
    others: list[Word] = []
    for segment in name_segments(text):
        if segment[0].script == ARABIC:
            after_name = {b for a, b in pairwise(segment) if looks_like_name(a.text)}
            lone += [word for word in segment if word not in after_name]
            others += [
                word for a, b in pairwise(segment) if b in after_name for word in (a, b)
            ]
        elif len(segment) == 1:
            lone.extend(segment)
        elif len(segment) == 2 and _opened_by_common_word(text, segment[0]):
            lone.append(segment[1])
        else:
            others.extend(segment)
    return lone, [w for w in others if not any(covered[w.start : w.end])]


def _shared(word: Word, others: list[Word]) -> bool:
    """Return whether another person's name in the text has this part."""
    return any(
        other.start != word.start and _part_score(word.text, other.text) is not None
        for other in others
    )


def _opened_by_common_word(text: str, word: Word) -> bool:
    """Return whether the word opens a sentence and is not name-like.

    "Адвокат Билаша обжалует": the capital of Адвокат comes from the sentence.
    """
    return opens_sentence(text, word.start) and not looks_like_name(word.text)


# Read for articles that name someone other than exactly: compiled once.
_FORMS_OF_PERSONS = CompiledValuesQuery(
    lambda persons: PersonName.objects.filter(
        OneOf(F("person_id"), persons)
    ).values_list("id", "text", "person_id")
)


def _name_parts_of(
    persons: dict[int, int], known: FormsByPerson
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
