"""Find persons that may have been entered twice, for a case worker to review.

Each person's name forms are looked up like any other name (see
cases.candidates): by keys, never against every other person. A pair is
scored by its best pair of names, then nudged by the facts the two records
share or contradict. Nothing is merged here; decisions are kept, so running
the job again never reopens a pair a case worker dismissed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.candidates import Candidate, find_candidates_many
from cases.evidence import explain_match
from cases.models import DuplicateCandidate, DuplicateStatus, Person, PersonName

__all__ = [
    "PossibleDuplicate",
    "find_duplicate_persons",
    "person_facts",
    "possible_duplicates_of",
    "possible_duplicates_of_many",
]

BATCH_SIZE = 500
_SUPPORT_BONUS = 0.02
_CONFLICT_PENALTY = 0.1
_FACTS = ("birth year", "county of origin", "ethnicity", "gender", "citizenship")
# At entry, a name is checked against this many persons at most.
_AT_ENTRY = 5


@dataclass
class _Pair:
    score: float
    evidence: dict


@dataclass(frozen=True)
class PossibleDuplicate:
    """A recorded person who may be the one being entered, and why."""

    person: Person
    score: float
    evidence: dict


def find_duplicate_persons(
    *,
    person_ids: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Record likely duplicate pairs among active persons; return how many.

    With person_ids, look for the duplicates of those persons only (say, the
    ones just entered); without, of everyone. Open pairs found again get the
    new score and evidence; dismissed and merged pairs are left as decided.
    After each batch, progress (if given) hears how many persons were
    checked out of how many.
    """
    persons = Person.objects.active().order_by("pk")
    if person_ids is not None:
        persons = persons.filter(pk__in=list(person_ids))
    total = persons.count() if progress else 0
    found = checked = 0
    if progress:
        progress(0, total)
    for batch in _batches(persons.values_list("pk", flat=True)):
        found += _record(_pairs_for(batch))
        checked += len(batch)
        if progress:
            progress(checked, total)
    return found


def possible_duplicates_of(
    person: Person, names: Sequence[str]
) -> list[PossibleDuplicate]:
    """Return the recorded persons these names (of a person not saved yet,
    or being changed) may belong to, best first, scored as the job scores.

    Pairs a case worker already called different persons are left out.
    """
    return possible_duplicates_of_many([(person, names)])[0]


def possible_duplicates_of_many(
    entries: Sequence[tuple[Person, Sequence[str]]], *, fallback: bool = True
) -> list[list[PossibleDuplicate]]:
    """Return possible_duplicates_of() of each person and names, in a few queries.

    An import checks every person it creates: the names of all are looked up
    together, as find_candidates() looks up one. Without fallback, a name
    that matches nobody is not looked up again one edit away.
    """
    texts = [text for _person, names in entries for text in _texts(names)]
    found = find_candidates_many(texts=texts, limit=_AT_ENTRY, fallback=fallback)
    best = [_best_of(person, names, found) for person, names in entries]
    dismissed = _dismissed([person for person, _names in entries])
    # With their names: a caller shows each by its display name.
    others = Person.objects.prefetch_related("names").in_bulk(
        {pk for hits in best for pk in hits}
    )
    return [
        _judged(person, hits, dismissed[person.pk], others)
        for (person, _names), hits in zip(entries, best, strict=True)
    ]


def _texts(names: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name.strip()))


def _best_of(
    person: Person, names: Sequence[str], found: dict[str, list[Candidate]]
) -> dict[int, tuple[str, Candidate]]:
    """Return each other person's best candidate among the names' matches."""
    best: dict[int, tuple[str, Candidate]] = {}
    for text in _texts(names):
        for candidate in found[text]:
            other = candidate.name_form.person_id
            held = best.get(other)
            if other != person.pk and (
                held is None or candidate.match.score > held[1].match.score
            ):
                best[other] = (text, candidate)
    return best


def _judged(
    person: Person,
    best: dict[int, tuple[str, Candidate]],
    dismissed: set[int],
    others: dict[int, Person],
) -> list[PossibleDuplicate]:
    mine = facts_of(person)
    found = [
        PossibleDuplicate(
            others[pk], **vars(_judge(text, c, mine, facts_of(others[pk])))
        )
        for pk, (text, c) in best.items()
        if pk in others and pk not in dismissed
    ]
    found.sort(key=lambda duplicate: -duplicate.score)
    return found[:_AT_ENTRY]


def _dismissed(persons: Sequence[Person]) -> defaultdict[int | None, set[int]]:
    """Return the persons a case worker said each of these persons is not."""
    pks = [person.pk for person in persons if person.pk is not None]
    pairs = DuplicateCandidate.objects.filter(
        Q(person_a__in=pks) | Q(person_b__in=pks), status=DuplicateStatus.DISMISSED
    ).values_list("person_a_id", "person_b_id")
    dismissed: defaultdict[int | None, set[int]] = defaultdict(set)
    for a, b in pairs if pks else ():
        dismissed[a].add(b)
        dismissed[b].add(a)
    return dismissed


def _batches(pks: QuerySet) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in pks.iterator(chunk_size=BATCH_SIZE):
        batch.append(pk)
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _pairs_for(person_ids: Sequence[int]) -> dict[tuple[int, int], _Pair]:
    """Return the best evidence for each pair involving these persons."""
    names = list(
        PersonName.objects.filter(person_id__in=person_ids).only("person_id", "text")
    )
    found = find_candidates_many(texts=[n.text for n in names])
    best: dict[tuple[int, int], tuple[PersonName, Candidate]] = {}
    for name in names:
        for candidate in found[name.text]:
            other = candidate.name_form.person_id
            if other == name.person_id:
                continue
            key = (min(other, name.person_id), max(other, name.person_id))
            held = best.get(key)
            if held is None or candidate.match.score > held[1].match.score:
                best[key] = (name, candidate)
    facts = person_facts({pk for pair in best for pk in pair})
    return {
        key: _judge(
            name.text, candidate, facts[name.person_id], facts[_other(key, name)]
        )
        for key, (name, candidate) in best.items()
    }


def _other(key: tuple[int, int], name: PersonName) -> int:
    return key[1] if key[0] == name.person_id else key[0]


def person_facts(pks: Iterable[int]) -> dict[int, dict[str, str]]:
    """Return the facts that tell persons apart, unknown ones left out."""
    return {
        person.pk: facts_of(person)
        for person in Person.objects.filter(pk__in=list(pks))
    }


def facts_of(person: Person) -> dict[str, str]:
    """Return one person's facts that tell persons apart, saved or not."""
    birth = person.birth_date
    known = {
        "birth year": str(birth.year) if birth else "",
        "county of origin": (person.origin_county or "").strip().casefold(),
        "ethnicity": "" if person.ethnicity == "unknown" else person.ethnicity,
        "gender": "" if person.gender == "unknown" else person.gender,
        "citizenship": str(person.citizenship or ""),
    }
    return {fact: value for fact, value in known.items() if value}


def _judge(
    text: str,
    candidate: Candidate,
    mine: dict[str, str],
    theirs: dict[str, str],
) -> _Pair:
    """Score a pair by its names, plus a little per shared fact, minus per conflict.

    The pair's score is the only one its evidence shows: the name score is
    kept apart (name_score), never written into the explanation, where a
    case worker read 0.92 next to a pair scored 0.96.
    """
    same = [f for f in _FACTS if f in mine and mine[f] == theirs.get(f)]
    different = [f for f in _FACTS if f in mine and f in theirs and f not in same]
    value = candidate.match.score + _SUPPORT_BONUS * len(same)
    value -= _CONFLICT_PENALTY * len(different)
    evidence = {
        "names": [text, candidate.name_form.text],
        "name_score": candidate.match.score,
        "explanation": explain_match(candidate.match),
        "same": same,
        "different": different,
    }
    return _Pair(round(max(0.0, min(1.0, value)), 4), evidence)


def _record(pairs: dict[tuple[int, int], _Pair]) -> int:
    """Insert new pairs and refresh open ones, leaving decided pairs alone."""
    if not pairs:
        return 0
    with transaction.atomic():
        existing = {
            (c.person_a_id, c.person_b_id): c
            for c in DuplicateCandidate.objects.select_for_update().filter(
                person_a_id__in={a for a, _ in pairs},
                person_b_id__in={b for _, b in pairs},
            )
        }
        new, refreshed = [], []
        for (a, b), pair in pairs.items():
            held = existing.get((a, b))
            if held is None:
                new.append(
                    DuplicateCandidate(person_a_id=a, person_b_id=b, **vars(pair))
                )
            elif held.status == DuplicateStatus.OPEN:
                held.score, held.evidence = pair.score, pair.evidence
                held.found_at = timezone.now()
                refreshed.append(held)
        # Another run may insert the same pair meanwhile: the constraint keeps one.
        DuplicateCandidate.objects.bulk_create(new, ignore_conflicts=True)
        DuplicateCandidate.objects.bulk_update(
            refreshed, ["score", "evidence", "found_at"]
        )
    return len(new) + len(refreshed)
