"""Decide whether two written names are the same person's name, and explain why.

Each part of one name is paired with at most one part of the other (order
does not matter), every pair gets a score and a reason, and the name score
is dominated by the worst pair: one clearly different given name outweighs
any number of identical surnames.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import permutations

from .normalise import Part, analyse, stem
from .order import out_of_order, sides
from .parts import (
    CROSS_SCRIPT_BEST,
    DIFFERENT_CAP,
    INFLECTED,
    THRESHOLD,
    compare_parts,
)
from .readings import may_match, segmentations

__all__ = [
    "INFLECTED",
    "THRESHOLD",
    "NameMatch",
    "PartMatch",
    "score",
    "score_ceiling",
    "score_if_same",
    "sorted_letters",
]

_MAX_PARTS = 6
_MAX_PART_LENGTH = 40
_MISSING_PENALTY = 0.04
_SINGLE_PART_CAP = 0.65
# Above any score but an exact name's: one part at CROSS_SCRIPT_BEST, or one
# part missing, takes at least 0.018 off 1.0.
_BELOW_EXACT = 0.99

_Parts = tuple[Part, ...]
_Table = list[list[tuple[float, str]]]
# A name's score, its pairs (index in a, index in b) and the part scores.
_Aligned = tuple[float, list[tuple[int, int]], _Table]
# One way of reading the two names (readings.segmentations), with its part scores.
_Reading = tuple[_Parts, _Parts, _Table]


@dataclass(frozen=True)
class PartMatch:
    """How one part of name A was matched to a part of name B (or not)."""

    part_a: str | None
    part_b: str | None
    # exact | transliteration | phonetic | suffix | typo | initial | Turkish
    # spelling | different | order (sides of "bin" swapped) | missing
    how: str
    score: float


@dataclass(frozen=True)
class NameMatch:
    """The verdict on a pair of names with the part-by-part explanation."""

    score: float
    same: bool
    explanation: list[PartMatch]

    def describe(self) -> str:
        """Return a sentence a case worker can read, one clause per part."""
        return self._description

    # Verdicts are shared (score_if_same remembers them): an article's
    # namesakes, dozens at 100,000 persons, are each explained by one.
    @cached_property
    def _description(self) -> str:
        clauses = []
        for match in self.explanation:
            if match.how == "missing":
                clauses.append(f"{match.part_a or match.part_b} has no counterpart")
                continue
            sign = {"exact": "=", "different": "≠", "order": "≠"}.get(match.how, "≈")
            clauses.append(f"{match.part_a} {sign} {match.part_b} ({match.how})")
        verdict = "same person" if self.same else "not the same person"
        return "; ".join(clauses) + f": {verdict} (score {self.score:.2f})."


def score(name_a: str, name_b: str, *, inflected: bool = False) -> NameMatch:
    """Score how likely two written names are one person's name.

    With inflected=True, parts may also match after stripping Russian and
    Kazakh case endings (for names taken from running text).
    """
    return _score(name_a, name_b, inflected, 0.0)


# Lookups score the same pairs again and again: a name searched twice, the
# namesakes' shared forms, articles that repeat a name. NameMatch is frozen.
@lru_cache(maxsize=1 << 15)
def score_if_same(
    name_a: str, name_b: str, *, inflected: bool = False
) -> NameMatch | None:
    """Return score() of the names if it calls them the same, else None.

    Faster when most names differ, as among the forms a lookup finds: this
    pass leaves the distance of clearly different parts unworked (they score
    0, not up to DIFFERENT_CAP). That can only lower a reading, and lowers
    none that scores THRESHOLD or more (each of its parts scores over
    DIFFERENT_CAP): names rejected here are different. For the others, the
    winning reading and pairing stand if they still win with those parts at
    DIFFERENT_CAP; if not, the names are scored in full.
    """
    parts_a, parts_b = _parts(name_a), _parts(name_b)
    if not parts_a or not parts_b:
        return None
    # Most pairs end here, their joined readings never built.
    if not may_match(parts_a, parts_b, inflected):
        return None
    # Readings after an exact one are not built (see _best); a reading's
    # score is below its bound, so no bound under THRESHOLD needs checking.
    readings = _readings(parts_a, parts_b, inflected, THRESHOLD)
    winner, (total, pairs, table), tried = _best(readings)
    value = round(total, 4)
    if value < THRESHOLD:
        return None
    # Readings not tried come after an exact one, which they cannot beat.
    if not _stands(tried, winner, total, pairs):
        match = score(name_a, name_b, inflected=inflected)
        return match if match.same else None
    side_a, side_b, _ = tried[winner]
    return NameMatch(value, True, _explain(side_a, side_b, pairs, table))


def score_ceiling(name_a: str, name_b: str) -> float:
    """Return the most score() can give the names, without scoring them.

    A name scores no more than its best pair of parts. Only a part written in
    the same script on both sides is an exact match; no other pair scores
    over CROSS_SCRIPT_BEST. A score of 1.0 takes exact pairs for every part,
    hence the same Latin letters on both sides, in any order (joining parts
    keeps their letters): Shahide Rishat and Hasiyet Ershat cannot score it.
    Any other pair scores at most _BELOW_EXACT.
    """
    scripts_a, letters_a = _outline(name_a)
    scripts_b, letters_b = _outline(name_b)
    if scripts_a.isdisjoint(scripts_b):
        return CROSS_SCRIPT_BEST
    return 1.0 if letters_a == letters_b else _BELOW_EXACT


# A lookup asks for the ceiling of every form it finds, each against many
# queries: the scripts and sorted letters of a name are worked out once.
@lru_cache(maxsize=1 << 16)
def _outline(name: str) -> tuple[frozenset[str], str]:
    """Return the scripts of the name's parts and their Latin letters, sorted."""
    parts = _parts(name)
    letters = "".join(sorted("".join(part.latin for part in parts)))
    return frozenset(part.script for part in parts), letters


def sorted_letters(name: str) -> str:
    """Return the Latin letters of the name's parts, sorted.

    Only names with the same sorted letters can score 1.0 (score_ceiling):
    stored with each name form, they find an exact spelling by index.
    """
    return _outline(name)[1]


def _score(name_a: str, name_b: str, inflected: bool, at_least: float) -> NameMatch:
    """Score the best reading of the names (see parts.compare_parts for at_least)."""
    parts_a, parts_b = _parts(name_a), _parts(name_b)
    if not parts_a or not parts_b:
        return NameMatch(0.0, False, [])
    winner, (total, pairs, table), readings = _best(
        _readings(parts_a, parts_b, inflected, at_least)
    )
    value = round(total, 4)
    side_a, side_b, _ = readings[winner]
    explanation = _explain(side_a, side_b, pairs, table)
    return NameMatch(value, value >= THRESHOLD, explanation)


def _readings(
    parts_a: _Parts, parts_b: _Parts, inflected: bool, at_least: float
) -> Iterator[_Reading]:
    """Yield each reading of the two names with its table of part scores."""
    for side_a, side_b in segmentations(parts_a, parts_b):
        yield side_a, side_b, _table(side_a, side_b, inflected, at_least)


def _best(readings: Iterator[_Reading]) -> tuple[int, _Aligned, list[_Reading]]:
    """Return the first reading with the highest score, its alignment, and the
    readings tried (none after an exact one: nothing scores more)."""
    tried = [next(readings)]
    winner, best = 0, _align(*tried[0])
    for side_a, side_b, table in readings:
        if best[0] >= 1.0:
            break
        tried.append((side_a, side_b, table))
        # A joined reading must do strictly better: the plain parts win a tie.
        if _bound(table) <= best[0]:
            continue
        aligned = _align(side_a, side_b, table)
        if aligned[0] > best[0]:
            winner, best = len(tried) - 1, aligned
    return winner, best, tried


def _stands(
    readings: list[_Reading],
    winner: int,
    total: float,
    pairs: list[tuple[int, int]],
) -> bool:
    """Tell whether the winner keeps winning with "different" parts at their cap.

    Each such part scores at most DIFFERENT_CAP in full, so if the winning
    pairing is still the first with the highest sum, and no other reading
    could score more (or as much, coming first), the full score is this one.
    """
    for index, (side_a, side_b, table) in enumerate(readings):
        lifted = [[_at_cap(*cell) for cell in row] for row in table]
        if index == winner:
            if _align(side_a, side_b, lifted)[1] != pairs:
                return False
        elif _bound(lifted) > total or (index < winner and _bound(lifted) == total):
            return False
    return True


def _at_cap(value: float, how: str) -> tuple[float, str]:
    return (DIFFERENT_CAP, how) if how == "different" else (value, how)


# Stored forms are scored against many queries: analyse and clip them once.
@lru_cache(maxsize=1 << 16)
def _parts(name: str) -> tuple[Part, ...]:
    return tuple(_clip(p) for p in analyse(name)[:_MAX_PARTS])


def _clip(part: Part) -> Part:
    if len(part.folded) <= _MAX_PART_LENGTH:
        return part
    folded = part.folded[:_MAX_PART_LENGTH]
    return Part(
        part.text, part.latin[:_MAX_PART_LENGTH], folded, stem(folded), part.script
    )


def _table(
    parts_a: _Parts, parts_b: _Parts, inflected: bool, at_least: float
) -> _Table:
    """Return the score and kind of match of every pair of parts.

    Parts on different sides of "bin" in both names (the son's name and the
    father's) never pair: they score 0, as "order".
    """
    table = [
        [compare_parts(a, b, inflected, at_least) for b in parts_b] for a in parts_a
    ]
    sides_a, sides_b = sides(parts_a), sides(parts_b)
    if sides_a is None or sides_b is None:
        return table
    for i, side_a in enumerate(sides_a):
        for j, side_b in enumerate(sides_b):
            if out_of_order(side_a, side_b):
                table[i][j] = (0.0, "order")
    return table


def _bound(table: _Table) -> float:
    """Return the most a reading can score: each part paired at its best."""
    rows: Sequence[Sequence[tuple[float, str]]] = table
    if len(table) > len(table[0]):
        rows = list(zip(*table, strict=True))
    missing = abs(len(table) - len(table[0]))
    # A cell is (score, how): the greatest cell has the greatest score.
    return _total([max(row)[0] for row in rows], missing)


def _align(parts_a: _Parts, parts_b: _Parts, table: _Table) -> _Aligned:
    """Pair the parts for the highest total score and score the whole name."""
    scores = [[cell[0] for cell in row] for row in table]
    swapped = len(parts_a) > len(parts_b)
    if swapped:
        scores = [list(column) for column in zip(*scores, strict=True)]
    # Each row (a part of the shorter name) takes a different column.
    best_total = -1.0
    best_choice: tuple[int, ...] = ()
    for choice in permutations(range(len(scores[0])), len(scores)):
        total = sum(map(list.__getitem__, scores, choice))
        if total > best_total:
            best_total, best_choice = total, choice
    pairs = [(c, r) if swapped else (r, c) for r, c in enumerate(best_choice)]
    missing = abs(len(parts_a) - len(parts_b))
    total = _total([table[i][j][0] for i, j in pairs], missing)
    if all(table[i][j][1] == "initial" for i, j in pairs):
        # Initials alone (N. N.) name nobody: a part must agree in full.
        total = min(total, _SINGLE_PART_CAP)
    return total, pairs, table


def _total(values: list[float], missing: int) -> float:
    """Score a name from its paired parts' scores and its unpaired parts."""
    total = 0.6 * min(values) + 0.4 * sum(values) / len(values)
    if missing and len(values) == 1:
        # One shared part (a given name alone) is never enough to merge people.
        total = min(total, _SINGLE_PART_CAP)
    total -= _MISSING_PENALTY * missing
    return max(0.0, min(1.0, total))


def _explain(
    parts_a: _Parts, parts_b: _Parts, pairs: list[tuple[int, int]], table: _Table
) -> list[PartMatch]:
    """Return the pairs as the matcher scored them, then the unpaired parts."""
    explanation = []
    for i, j in pairs:
        value, how = table[i][j]
        explanation.append(PartMatch(parts_a[i].text, parts_b[j].text, how, value))
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    return (
        explanation
        + [
            PartMatch(p.text, None, "missing", 0.0)
            for i, p in enumerate(parts_a)
            if i not in paired_a
        ]
        + [
            PartMatch(None, p.text, "missing", 0.0)
            for j, p in enumerate(parts_b)
            if j not in paired_b
        ]
    )
