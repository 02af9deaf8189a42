"""The order of a name's parts around "son of" and "daughter of".

In Ahmad bin Hasan, Ahmad is the person and Hasan the father; Hasan bin
Ahmad is the son. Kazakh writes the same with uly and qyzy, Turkish with
oğlu. Where both names put such a word between two parts, a part may only
pair with a part on the same side of it.
"""

from functools import lru_cache

from .normalise import Part

# Folded: ibn folds to bin, uly to uli, qyzy and kyzy to kizi, ogly to ogli.
CONNECTORS = frozenset(
    {"bin", "ben", "bint", "binti", "binte", "uli", "ulu", "kizi", "ogli", "oglu"}
)


@lru_cache(maxsize=1 << 14)
def sides(parts: tuple[Part, ...]) -> tuple[int, ...] | None:
    """Return, per part, how many connectors stand before it (-1 for one).

    None when no connector stands between two other parts: a name that
    opens or ends with one (bin Salman Mohammed) says nothing of the order.
    """
    inner = [
        index
        for index, part in enumerate(parts[1:-1], start=1)
        if part.folded in CONNECTORS
    ]
    if not inner:
        return None
    found, seen = [], 0
    for part in parts:
        if part.folded in CONNECTORS:
            found.append(-1)
            seen += 1
        else:
            found.append(seen)
    return tuple(found)


def out_of_order(side_a: int, side_b: int) -> bool:
    """Tell whether two parts stand on different sides of a connector."""
    return side_a != side_b and -1 not in (side_a, side_b)
