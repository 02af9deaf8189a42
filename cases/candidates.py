"""Find the known persons a written name may belong to, from indexed keys.

Keys (cases.models.PersonNameKey) narrow the name forms to a few; the name
matcher (cases.names.score) decides and explains. A name with two or more
parts is looked up by pairs of part codes (Ilham Tohti -> rm|tt) and as one
joined word; a one-part name by its code. When that finds nobody the matcher
calls the same (a slip in a consonant changes a code), find_candidates()
tries each part alone, by its sound (Rahile -> raira), among the forms that
also have a word starting like each other part: one more query, still on
the index. Persons merged into another are never candidates.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from cases.models import PersonName, PersonNameKey
from cases.names import THRESHOLD, NameMatch, score
from cases.names.keys import (
    PAIR,
    SINGLE,
    SOUND,
    WHOLE,
    WORD,
    pair_codes,
    part_codes,
    sound_key,
    whole_codes,
)
from cases.names.normalise import Part, analyse, deinflections, fold, stem

__all__ = ["Candidate", "find_candidates", "find_candidates_many"]

_MAX_PARTS = 6
# Keys per query, so that the IN list of a batch stays within every backend.
_KEYS_PER_QUERY = 500
# Forms read by one fallback query, so a vague query stays cheap.
_FALLBACK_ROWS = 2_000
# In model order: PersonName.from_db() reads values positionally.
_NAME_FIELDS = [field.attname for field in PersonName._meta.concrete_fields]


@dataclass(frozen=True)
class Candidate:
    """A stored name form that the matcher calls the same person's name."""

    name_form: PersonName
    match: NameMatch


def find_candidates(
    *, text: str, inflected: bool = False, limit: int = 20
) -> list[Candidate]:
    """Return the persons whose name forms match the text, best first.

    At most one candidate per person (its best-scoring form), each scoring at
    least THRESHOLD. With inflected=True the text is taken from running
    Russian or Kazakh text, whose case endings may hide the stem.
    """
    found = find_candidates_many(texts=[text], inflected=inflected, limit=limit)
    if found[text] or len(_parts(text, inflected)) < 2:
        return found[text]
    forms = _fallback_forms(_parts(text, inflected))
    return _rank(text, forms, inflected, limit, {})


def find_candidates_many(
    *, texts: Sequence[str], inflected: bool = False, limit: int = 20
) -> dict[str, list[Candidate]]:
    """Return find_candidates() for many texts in a few queries, without fallback.

    Keys of all texts are looked up together, one query per 500 keys. The
    per-part fallback of find_candidates() is left out: it costs a query per
    text, and most windows of an article are not names at all.
    """
    wanted = {text: _query_keys(text, inflected) for text in dict.fromkeys(texts)}
    names_by_key = _names_by_key({key for keys in wanted.values() for key in keys})
    scores: dict[tuple[str, str], NameMatch] = {}
    return {
        text: _rank(
            text,
            [name for key in keys for name in names_by_key.get(key, ())],
            inflected,
            limit,
            scores,
        )
        for text, keys in wanted.items()
    }


def _parts(text: str, inflected: bool) -> list[list[Part]]:
    """Return each part of the text with, if inflected, its uninflected readings."""
    readings = []
    for part in analyse(text)[:_MAX_PARTS]:
        options = [part]
        if inflected:
            options += [_reading(part, base) for base in deinflections(part.folded)]
        readings.append(options)
    return readings


def _reading(part: Part, base: str) -> Part:
    folded = fold(base)
    return Part(part.text, part.latin, folded, stem(folded), part.script)


def _codes(options: list[Part]) -> list[str]:
    return list(dict.fromkeys(c for part in options for c in part_codes(part)))


def _query_keys(text: str, inflected: bool) -> list[str]:
    readings = _parts(text, inflected)
    if not readings:
        return []
    keys = [WHOLE + c for c in whole_codes([options[0] for options in readings])]
    if len(readings) == 1:
        return list(dict.fromkeys(keys + [WHOLE + c for c in _codes(readings[0])]))
    keys += [PAIR + p for p in pair_codes([_codes(o) for o in readings])]
    return list(dict.fromkeys(keys))


def _rank(
    text: str,
    forms: Iterable[PersonName],
    inflected: bool,
    limit: int,
    scores: dict[tuple[str, str], NameMatch],
) -> list[Candidate]:
    """Score the forms (each distinct text once) and keep each person's best."""
    best: dict[int, Candidate] = {}
    for form in forms:
        match = scores.get((text, form.text))
        if match is None:
            match = score(text, form.text, inflected=inflected)
            scores[text, form.text] = match
        held = best.get(form.person_id)
        if match.score >= THRESHOLD and (
            held is None or match.score > held.match.score
        ):
            best[form.person_id] = Candidate(form, match)
    ranked = sorted(
        best.values(), key=lambda c: (-c.match.score, c.name_form.person_id)
    )
    return ranked[:limit]


def _fallback_forms(readings: list[list[Part]]) -> list[PersonName]:
    """Return forms with one part sounding like a query part and the others'
    initials: one query per query part (an OR of them defeats the index).
    """
    names: dict[int, PersonName] = {}
    for j, options in enumerate(readings):
        anchors = [SOUND + sound_key(p) for p in options if not p.is_han]
        anchors += [SINGLE + c for p in options if p.is_han for c in part_codes(p)]
        initials = [
            Exists(
                PersonNameKey.objects.filter(
                    name_id=OuterRef("name_id"),
                    key__startswith=WORD + other[0].folded[0],
                )
            )
            for i, other in enumerate(readings)
            if i != j
        ]
        rows = (
            PersonNameKey.objects.active()
            .filter(*initials, key__in=anchors)
            .values_list("key", *(f"name__{field}" for field in _NAME_FIELDS))
        )
        _forms(rows[:_FALLBACK_ROWS], names)
    return list(names.values())


def _names_by_key(keys: Iterable[str]) -> dict[str, list[PersonName]]:
    """Return the name forms of active persons under each key, by key."""
    keys = sorted(keys)
    by_key: dict[str, list[PersonName]] = defaultdict(list)
    names: dict[int, PersonName] = {}
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        rows = (
            PersonNameKey.objects.active()
            .filter(key__in=keys[start : start + _KEYS_PER_QUERY])
            .values_list("key", *(f"name__{field}" for field in _NAME_FIELDS))
        )
        for key, name in _forms(rows, names):
            by_key[key].append(name)
    return by_key


def _forms(
    rows: QuerySet, names: dict[int, PersonName]
) -> list[tuple[str, PersonName]]:
    """Build PersonName records from (key, *fields) rows, one per name id."""
    found = []
    for key, *values in rows:
        name = names.get(values[0])
        if name is None:
            name = PersonName.from_db(rows.db, _NAME_FIELDS, values)
            names[name.pk] = name
        found.append((key, name))
    return found
