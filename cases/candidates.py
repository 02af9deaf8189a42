"""Find the known persons a written name may belong to, from indexed keys.

Keys (cases.models.PersonNameKey) narrow the name forms to a few; the name
matcher (cases.names.score) decides and explains. A name with two or more
parts is looked up by pairs of part codes (Ilham Tohti -> rm|tt) and as one
joined word; a one-part name by its code. When that finds nobody the matcher
calls the same (a slip in a consonant changes a code), find_candidates()
looks up the pairs again with one part's code one edit away (Tursum ->
trsm ~ trsn), keeping the other parts' codes: one more query, still on the
index. Persons merged into another are never candidates. A text spelled
exactly as a stored form is found faster by exact_candidates(), from the
index of sorted letters.

Cost: one query reads the forms under a text's keys (two, keys then forms
by id, for a batch of texts); each distinct text is scored once, however
many namesakes carry it, and quickly when it is not the same name (see
cases.names.score_if_same); records are built only for the candidates
returned.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from django.db import connections
from django.db.models import F

from cases.db import CompiledValuesQuery
from cases.models import PersonName, PersonNameKey
from cases.models.lookups import OneOf
from cases.names import (
    THRESHOLD,
    NameMatch,
    score_ceiling,
    score_if_same,
    sorted_letters,
)
from cases.names.keys import neighbour_keys, query_keys, query_readings

__all__ = [
    "Candidate",
    "exact_candidates",
    "find_candidates",
    "find_candidates_many",
    "lookup_candidates",
]

# Keys or ids per query: SQLite takes each as a parameter, PostgreSQL as one
# array.
_PER_QUERY = {False: 500, True: 10_000}
# Keys of one text looked up in one query (forms by a subquery on keys): with
# more, the planner may scan every form, so keys and forms go in two.
_FEW_KEYS = 32
# The fields candidates use, in model order (PersonName.from_db() reads values
# positionally); the others stay deferred.
_NAME_FIELDS = ["id", "text", "person_id"]
_ID, _TEXT, _PERSON = (
    _NAME_FIELDS.index("id"),
    _NAME_FIELDS.index("text"),
    _NAME_FIELDS.index("person_id"),
)

_Row = tuple


class NameFormRow(NamedTuple):
    """A name form's ids and text, without a model instance: namesakes bring
    dozens."""

    pk: int
    text: str
    person_id: int


# Run for every article (sources.matching): compiled once (see
# CompiledValuesQuery).
# Every form of the persons with a form of these letters: a caller that finds
# a person by name often needs the person's other forms next (sources.matching
# looks for a surname alone further on), and has them with no second query.
_FORMS_OF_PERSONS_BY_LETTERS = CompiledValuesQuery(
    lambda letters: (
        PersonName.objects.active()
        .filter(
            person_id__in=PersonName.objects.filter(
                OneOf(F("letters"), letters)
            ).values("person_id")
        )
        .values_list(*_NAME_FIELDS, "letters")
    )
)
_NAME_IDS_BY_KEY = CompiledValuesQuery(
    lambda keys: (
        PersonNameKey.objects.active()
        .filter(OneOf(F("key"), keys))
        .values_list("key", "name_id")
    )
)
_FORMS_BY_ID = CompiledValuesQuery(
    lambda ids: PersonName.objects.filter(OneOf(F("pk"), ids)).values_list(
        *_NAME_FIELDS
    )
)


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
    keys = query_keys(text, inflected)
    if len(keys) > _FEW_KEYS:
        found = _lookup({text: keys}, inflected=inflected, limit=limit)(text)
    else:
        found = _rank(text, _rows_under(keys), inflected, limit)
    readings = query_readings(text, inflected)
    if found or len(readings) < 2:
        return found
    keys = neighbour_keys(readings)
    return _lookup({text: keys}, inflected=inflected, limit=limit)(text)


def find_candidates_many(
    *,
    texts: Sequence[str],
    inflected: bool = False,
    limit: int = 20,
    best_only: bool = False,
    fallback: bool = False,
) -> dict[str, list[Candidate]]:
    """Return find_candidates() for many texts in a few queries.

    Keys of all texts are looked up together, two queries per 10,000 keys.
    The fallback of find_candidates() is left out unless asked for: most
    windows of an article are not names at all. With fallback, the texts
    that found nobody are looked up again one edit away, all together, as
    find_candidates() looks up one. With best_only, only the candidates tied
    for the best score are returned (namesakes, all of whom an article may
    mean), and forms that cannot reach that score are not scored.
    """
    found = lookup_candidates(
        texts=texts, inflected=inflected, limit=limit, best_only=best_only
    )
    candidates = {text: found(text) for text in dict.fromkeys(texts)}
    if not fallback:
        return candidates
    nearby = {
        text: neighbour_keys(readings)
        for text, hits in candidates.items()
        if not hits and len(readings := query_readings(text, inflected)) >= 2
    }
    if nearby:
        again = _lookup(nearby, inflected=inflected, limit=limit, best_only=best_only)
        candidates |= {text: again(text) for text in nearby}
    return candidates


def lookup_candidates(
    *,
    texts: Sequence[str],
    inflected: bool = False,
    limit: int = 20,
    best_only: bool = False,
) -> Callable[[str], list[Candidate]]:
    """Return find_candidates_many() of the texts as a function of a text.

    The forms are fetched at once, as there, but a text's forms are ranked
    only when its candidates are asked for: a caller can leave aside the
    texts an earlier answer made moot (the parts of a name found whole).
    """
    wanted = {text: query_keys(text, inflected) for text in dict.fromkeys(texts)}
    return _lookup(wanted, inflected=inflected, limit=limit, best_only=best_only)


def exact_candidates(
    *, texts: Sequence[str], inflected: bool = False, limit: int = 20
) -> tuple[dict[str, list[Candidate]], dict[int, list[NameFormRow]]]:
    """Return the persons tied at score 1.0 for each text that has any, and
    every name form of the persons found, by person.

    For such a text this is what lookup_candidates(best_only=True) returns,
    found by one query on the index of sorted letters (only forms with the
    same letters can score 1.0, see score_ceiling) rather than on the keys,
    which bring every namesake's other forms too. Texts that no form
    spells exactly are left out: their best match is for the keys to find.
    The persons' forms come in the same query.
    """
    letters = {text: sorted_letters(text) for text in dict.fromkeys(texts)}
    rows_by_letters: dict[str, list[_Row]] = defaultdict(list)
    forms_by_person: dict[int, list[NameFormRow]] = defaultdict(list)
    wanted = sorted(set(letters.values()) - {""})
    for *row, key in _FORMS_OF_PERSONS_BY_LETTERS.rows(wanted) if wanted else ():
        rows_by_letters[key].append(tuple(row))
        forms_by_person[row[_PERSON]].append(NameFormRow._make(row))
    found = {}
    for text, key in letters.items():
        best = _rank_best(text, rows_by_letters[key], inflected, limit)
        if best and best[0].match.score >= 1.0:
            found[text] = best
    persons = {c.name_form.person_id for best in found.values() for c in best}
    return found, {person: forms_by_person[person] for person in persons}


def _lookup(
    wanted: dict[str, list[str]],
    *,
    inflected: bool,
    limit: int,
    best_only: bool = False,
) -> Callable[[str], list[Candidate]]:
    """Fetch the forms under the texts' keys; rank a text's when asked, once."""
    rank = _rank_best if best_only else _rank
    rows_by_key = _rows_by_key({key for keys in wanted.values() for key in keys})

    @cache
    def found(text: str) -> list[Candidate]:
        rows = {
            row[_ID]: row for key in wanted[text] for row in rows_by_key.get(key, ())
        }
        return rank(text, rows.values(), inflected, limit)

    return found


def _rank(
    text: str,
    rows: Iterable[_Row],
    inflected: bool,
    limit: int,
) -> list[Candidate]:
    """Score each distinct form text once and keep each person's best form.

    Namesakes share their forms' texts, so the matcher runs once per text,
    not once per person; a form that cannot beat the person's earlier form
    (one in another script than the query's, after an exact one) is not
    scored. At equal scores the form with the lower id wins.
    """
    best: dict[int, tuple[NameMatch, _Row]] = {}
    ceilings: dict[str, float] = {}
    for row in sorted(rows, key=itemgetter(_ID)):
        form, held = row[_TEXT], best.get(row[_PERSON])
        if held is not None:
            if form not in ceilings:
                ceilings[form] = score_ceiling(text, form)
            if held[0].score >= ceilings[form]:
                continue  # the person's earlier form already scores as much
        match = score_if_same(text, form, inflected=inflected)
        if match is not None and (held is None or match.score > held[0].score):
            best[row[_PERSON]] = (match, row)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0].score, item[0]))
    return _candidates(hit for _, hit in ranked[:limit])


def _rank_best(
    text: str,
    rows: Iterable[_Row],
    inflected: bool,
    limit: int,
) -> list[Candidate]:
    """Return the persons tied for the best score, each by its first such form.

    Forms are tried from the highest score_ceiling down: once a score is
    reached, forms whose ceiling is lower are not scored (after an exact
    match, no form in another script is).
    """
    rows = list(rows)
    ceilings: dict[str, float] = {}
    for row in rows:
        if row[_TEXT] not in ceilings:
            ceilings[row[_TEXT]] = score_ceiling(text, row[_TEXT])
    top = THRESHOLD
    tied: dict[int, tuple[NameMatch, _Row]] = {}
    for row in sorted(rows, key=lambda row: (-ceilings[row[_TEXT]], row[_ID])):
        if ceilings[row[_TEXT]] < top:
            break
        match = score_if_same(text, row[_TEXT], inflected=inflected)
        if match is None or match.score < top:
            continue
        if match.score > top:
            top, tied = match.score, {}
        held = tied.get(row[_PERSON])
        if held is None or row[_ID] < held[1][_ID]:
            tied[row[_PERSON]] = (match, row)
    return _candidates(hit for _, hit in sorted(tied.items())[:limit])


def _candidates(hits: Iterable[tuple[NameMatch, _Row]]) -> list[Candidate]:
    """Build the candidates from their matches and name form rows."""
    db = PersonNameKey.objects.db
    return [
        Candidate(PersonName.from_db(db, _NAME_FIELDS, list(row)), match)
        for match, row in hits
    ]


def _rows_under(keys: list[str]) -> list[_Row]:
    """Return the name form rows of active persons under any of a few keys.

    One query: the keys select the forms in a subquery, which the planner
    runs first for a few keys (see _FEW_KEYS).
    """
    if not keys:
        return []
    under = PersonNameKey.objects.active().filter(OneOf(F("key"), keys))
    forms = PersonName.objects.filter(pk__in=under.values("name_id"))
    return list(forms.values_list(*_NAME_FIELDS))


def _rows_by_key(keys: Iterable[str]) -> dict[str, list[_Row]]:
    """Return the name form rows of active persons under each key, by key.

    Two single-table queries, keys then forms by primary key: their plans
    stay index lookups however many keys an article brings, where one join
    of the three tables turns into sequential scans of whole tables.
    """
    keys = sorted(keys)
    ids_by_key: dict[str, list[int]] = defaultdict(list)
    for chunk in _chunks(keys):
        for key, name_id in _NAME_IDS_BY_KEY.rows(chunk):
            ids_by_key[key].append(name_id)
    ids = sorted({name_id for found in ids_by_key.values() for name_id in found})
    rows: dict[int, _Row] = {}
    for chunk in _chunks(ids):
        for values in _FORMS_BY_ID.rows(chunk):
            rows[values[_ID]] = values
    return {
        key: [rows[name_id] for name_id in found if name_id in rows]
        for key, found in ids_by_key.items()
    }


def _chunks(values: list) -> Iterator[list]:
    """Cut the values into lists short enough for one query on any backend."""
    size = _PER_QUERY[connections[PersonNameKey.objects.db].vendor == "postgresql"]
    for start in range(0, len(values), size):
        yield values[start : start + size]
