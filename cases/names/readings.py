"""Read two names part by part in several ways, and rule out names quickly.

Names are split differently by different writers ("Abdu Weli" and
"Abduweli"; Chinese writes given name and surname without a space), so the
matcher also reads the longer name with two adjacent parts joined.

may_match() tells, from the scores of the parts as they are written, that
no reading of two names can reach THRESHOLD: most forms a lookup finds are
other persons' names, and for them the joined parts (a fold and a stem
each) and their scores are never worked out.
"""

from collections.abc import Callable
from functools import lru_cache

from .normalise import Part, join_parts
from .parts import DIFFERENT_CAP, THRESHOLD, compare_parts

__all__ = ["joinings", "may_match", "segmentations"]

_Parts = tuple[Part, ...]
# Whether part a (of name A) and part b (of name B) score over DIFFERENT_CAP.
_Matched = Callable[[Part, Part], bool]


def segmentations(parts_a: _Parts, parts_b: _Parts) -> list[tuple[_Parts, _Parts]]:
    """Return the plain parts plus readings with two adjacent parts joined."""
    options = [(parts_a, parts_b)]
    if len(parts_a) > len(parts_b):
        options += [(joined, parts_b) for joined in joinings(parts_a)]
    elif len(parts_b) > len(parts_a):
        options += [(parts_a, joined) for joined in joinings(parts_b)]
    return options


@lru_cache(maxsize=1 << 14)
def joinings(parts: _Parts) -> tuple[_Parts, ...]:
    """Return the parts with each adjacent pair joined, then (3 or more) all."""
    return tuple(_joining(parts, index) for index in range(_joinings(len(parts))))


def _joinings(size: int) -> int:
    return size - 1 + (size > 2)


def _joining(parts: _Parts, index: int) -> _Parts:
    """Return one of joinings(parts), without building the others."""
    if index == len(parts) - 1:
        # Chinese-script names written without the middle dot are one part.
        return (_joined(parts),)
    return (*parts[:index], _joined(parts[index : index + 2]), *parts[index + 2 :])


# A joined part costs a fold and a stem; forms are joined against many queries.
_joined = lru_cache(maxsize=1 << 14)(join_parts)


def may_match(parts_a: _Parts, parts_b: _Parts, inflected: bool) -> bool:
    """Tell whether some reading of the names may score THRESHOLD or more.

    A reading pairs every part of its shorter name (of both, at equal
    length); a pair scoring DIFFERENT_CAP or less keeps the name at 0.76 or
    less (0.6 x the worst pair + 0.4 x the mean), and one part paired while
    the other name has more is capped lower still. Part scores are those
    score_if_same asks for (compare_parts at THRESHOLD), hence cached, and
    only as many as it takes to rule the names out.
    """
    swapped = len(parts_a) > len(parts_b)
    shorter, longer = (parts_b, parts_a) if swapped else (parts_a, parts_b)
    hits = _hits(shorter, longer, swapped, inflected)
    if hits is None:
        return False
    if len(shorter) == len(longer):
        return len(set().union(*hits)) == len(longer)
    if all(hits):
        return True
    size = len(longer)
    left = [i for i in range(_joinings(size)) if _joining_open(i, hits, size)]
    for joined in (_joining(longer, index) for index in left):
        sides = (joined, parts_b) if swapped else (parts_a, joined)
        if _may_reach(_grid(*sides, inflected)):
            return True
    return False


def _hits(
    shorter: _Parts, longer: _Parts, swapped: bool, inflected: bool
) -> list[set[int]] | None:
    """Return, per part of the shorter name, the parts of the longer it matches.

    None when no reading can reach THRESHOLD: a part of a name as long as the
    other matches nothing, or two parts of a shorter one do (a joined part
    pairs with one). A one-part name's only readings join the other's parts:
    its matches are not needed.
    """
    if len(shorter) == 1 < len(longer):
        return [set()]

    def hit(part: Part, other: Part) -> bool:
        a, b = (other, part) if swapped else (part, other)
        return compare_parts(a, b, inflected, THRESHOLD)[0] > DIFFERENT_CAP

    hits, lacking = [], 0
    for part in shorter:
        found = {i for i, other in enumerate(longer) if hit(part, other)}
        lacking += not found
        if lacking > (len(shorter) < len(longer)):
            return None
        hits.append(found)
    return hits


def _grid(parts_a: _Parts, parts_b: _Parts, inflected: bool) -> list[list[bool]]:
    """Return which pairs of parts score over DIFFERENT_CAP, a row per part of A."""
    return [
        [compare_parts(a, b, inflected, THRESHOLD)[0] > DIFFERENT_CAP for b in parts_b]
        for a in parts_a
    ]


def _may_reach(grid: list[list[bool]]) -> bool:
    """Tell whether every part the reading must pair has a counterpart."""
    rows, columns = len(grid), len(grid[0])
    if min(rows, columns) == 1 and rows != columns:
        return False  # one part paired scores at most _SINGLE_PART_CAP
    if rows <= columns and not all(any(row) for row in grid):
        return False
    return columns > rows or all(any(column) for column in zip(*grid, strict=True))


def _joining_open(index: int, hits: list[set[int]], size: int) -> bool:
    """Tell whether a joined reading may reach THRESHOLD, before building it.

    The reading joins the parts index and index + 1 of the longer name, of
    size parts (or all of them: see joinings()); hits holds, for each part of
    the shorter name, the parts of the longer one it matches as written. The
    parts left alone keep those scores: at most one part of the shorter name
    can pair with the joined part, and at equal length each part left alone
    needs a partner.
    """
    shorter = len(hits)
    if index == size - 1:  # all parts joined into one
        return shorter == 1
    if shorter == 1 and size > 2:
        return False  # one part paired scores at most _SINGLE_PART_CAP
    alone = set(range(size)) - {index, index + 1}
    if sum(1 for found in hits if not found & alone) > 1:
        return False
    return size - 1 > shorter or alone <= set().union(*hits)
