"""Find persons that may have been entered twice, for a case worker to review.

Each person's name forms are looked up like any other name (see
cases.candidates): by keys, never against every other person. A pair is
scored by its best pair of names, then nudged by the facts the two records
share or contradict. Nothing is merged here; decisions are kept, so running
the job again never reopens a pair a case worker dismissed.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cases.candidates import Candidate, find_candidates_many
from cases.models import DuplicateCandidate, DuplicateStatus, Person, PersonName

__all__ = ["find_duplicate_persons", "person_facts"]

BATCH_SIZE = 500
_SUPPORT_BONUS = 0.02
_CONFLICT_PENALTY = 0.1
_FACTS = ("birth year", "county of origin", "ethnicity", "gender", "citizenship")


@dataclass
class _Pair:
    score: float
    evidence: dict


def find_duplicate_persons(*, person_ids: Iterable[int] | None = None) -> int:
    """Record likely duplicate pairs among active persons; return how many.

    With person_ids, look for the duplicates of those persons only (say, the
    ones just entered); without, of everyone. Open pairs found again get the
    new score and evidence; dismissed and merged pairs are left as decided.
    """
    persons = Person.objects.active().order_by("pk")
    if person_ids is not None:
        persons = persons.filter(pk__in=list(person_ids))
    found = 0
    for batch in _batches(persons.values_list("pk", flat=True)):
        found += _record(_pairs_for(batch))
    return found


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
        key: _judge(name, candidate, facts[name.person_id], facts[_other(key, name)])
        for key, (name, candidate) in best.items()
    }


def _other(key: tuple[int, int], name: PersonName) -> int:
    return key[1] if key[0] == name.person_id else key[0]


def person_facts(pks: Iterable[int]) -> dict[int, dict[str, str]]:
    """Return the facts that tell persons apart, unknown ones left out."""
    facts = {}
    for person in Person.objects.filter(pk__in=list(pks)):
        known = {
            "birth year": str(person.birth_date.year) if person.birth_date else "",
            "county of origin": person.origin_county.strip().casefold(),
            "ethnicity": "" if person.ethnicity == "unknown" else person.ethnicity,
            "gender": "" if person.gender == "unknown" else person.gender,
            "citizenship": str(person.citizenship or ""),
        }
        facts[person.pk] = {fact: value for fact, value in known.items() if value}
    return facts


def _judge(
    name: PersonName,
    candidate: Candidate,
    mine: dict[str, str],
    theirs: dict[str, str],
) -> _Pair:
    """Score a pair by its names, plus a little per shared fact, minus per conflict."""
    same = [f for f in _FACTS if f in mine and mine[f] == theirs.get(f)]
    different = [f for f in _FACTS if f in mine and f in theirs and f not in same]
    value = candidate.match.score + _SUPPORT_BONUS * len(same)
    value -= _CONFLICT_PENALTY * len(different)
    evidence = {
        "names": [name.text, candidate.name_form.text],
        "name_score": candidate.match.score,
        "explanation": candidate.match.describe(),
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
