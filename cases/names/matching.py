"""Decide whether two written names are the same person's name, and explain why.

Each part of one name is paired with at most one part of the other (order
does not matter), every pair gets a score and a reason, and the name score
is dominated by the worst pair: one clearly different given name outweighs
any number of identical surnames.
"""

from dataclasses import dataclass
from itertools import permutations

from .normalise import Part, analyse, deinflections, fold, stem
from .phonetics import phonetic_distance, plain_distance, sinic_similarity

# Decision threshold on NameMatch.score. Pair scores are calibrated so that
# exact, transliterated, phonetic, suffix and single-typo pairs score 0.82 or
# more and conflicting pairs 0.6 or less; the name score is 0.6 x the worst
# pair + 0.4 x the mean, so a name with every part agreeing lands above 0.8
# and one conflicting part pulls it below 0.75 whatever the others score.
THRESHOLD = 0.8

_MAX_PARTS = 6
_MAX_PART_LENGTH = 40
_DIFFERENT_CAP = 0.6
_MISSING_PENALTY = 0.04
_SINGLE_PART_CAP = 0.65
# The score of a part matched once a case ending is taken off (running text).
INFLECTED = 0.88
_RUSSIAN_PATRONYMICS = frozenset({"ovich", "evich", "ovna", "evna"})


@dataclass(frozen=True)
class PartMatch:
    """How one part of name A was matched to a part of name B (or not)."""

    part_a: str | None
    part_b: str | None
    how: str  # exact | transliteration | phonetic | suffix | typo | different | missing
    score: float


@dataclass(frozen=True)
class NameMatch:
    """The verdict on a pair of names with the part-by-part explanation."""

    score: float
    same: bool
    explanation: list[PartMatch]

    def describe(self) -> str:
        """Return a sentence a case worker can read, one clause per part."""
        clauses = []
        for match in self.explanation:
            if match.how == "missing":
                clauses.append(f"{match.part_a or match.part_b} has no counterpart")
                continue
            sign = {"exact": "=", "different": "≠"}.get(match.how, "≈")
            clauses.append(f"{match.part_a} {sign} {match.part_b} ({match.how})")
        verdict = "same person" if self.same else "not the same person"
        return "; ".join(clauses) + f": {verdict} (score {self.score:.2f})."


def score(name_a: str, name_b: str, *, inflected: bool = False) -> NameMatch:
    """Score how likely two written names are one person's name.

    With inflected=True, parts may also match after stripping Russian and
    Kazakh case endings (for names taken from running text).
    """
    parts_a = [_clip(p) for p in analyse(name_a)[:_MAX_PARTS]]
    parts_b = [_clip(p) for p in analyse(name_b)[:_MAX_PARTS]]
    if not parts_a or not parts_b:
        return NameMatch(0.0, False, [])
    best: tuple[float, list[PartMatch]] | None = None
    for side_a, side_b in _segmentations(parts_a, parts_b):
        candidate = _align(side_a, side_b, inflected)
        if best is None or candidate[0] > best[0]:
            best = candidate
    assert best is not None  # noqa: S101 - the plain segmentation always exists  # nosec B101
    value = round(best[0], 4)
    return NameMatch(value, value >= THRESHOLD, best[1])


def _clip(part: Part) -> Part:
    if len(part.folded) <= _MAX_PART_LENGTH:
        return part
    folded = part.folded[:_MAX_PART_LENGTH]
    return Part(
        part.text, part.latin[:_MAX_PART_LENGTH], folded, stem(folded), part.script
    )


def _segmentations(
    parts_a: list[Part], parts_b: list[Part]
) -> list[tuple[list[Part], list[Part]]]:
    """Return the plain parts plus readings with two adjacent parts joined.

    Names are split differently by different writers ("Abdu Weli" and
    "Abduweli"; Chinese writes given name and surname without a space).
    """
    options = [(parts_a, parts_b)]
    if len(parts_a) > len(parts_b):
        options += [(joined, parts_b) for joined in _joinings(parts_a)]
    elif len(parts_b) > len(parts_a):
        options += [(parts_a, joined) for joined in _joinings(parts_b)]
    return options


def _joinings(parts: list[Part]) -> list[list[Part]]:
    joinings = []
    for i in range(len(parts) - 1):
        first, second = parts[i], parts[i + 1]
        latin = first.latin + second.latin
        folded = fold(latin)
        joined = Part(
            f"{first.text} {second.text}", latin, folded, stem(folded), first.script
        )
        joinings.append([*parts[:i], joined, *parts[i + 2 :]])
    if len(parts) > 2:
        # Chinese-script names written without the middle dot are one part.
        latin = "".join(p.latin for p in parts)
        text = " ".join(p.text for p in parts)
        folded = fold(latin)
        joinings.append([Part(text, latin, folded, stem(folded), parts[0].script)])
    return joinings


def _align(
    parts_a: list[Part], parts_b: list[Part], inflected: bool
) -> tuple[float, list[PartMatch]]:
    """Pair the parts for the highest total score and score the whole name."""
    table = [[compare_parts(a, b, inflected) for b in parts_b] for a in parts_a]
    swapped = len(parts_a) > len(parts_b)
    rows = range(len(parts_b)) if swapped else range(len(parts_a))
    columns = len(parts_a) if swapped else len(parts_b)

    def cell(row: int, column: int) -> tuple[float, str]:
        return table[column][row] if swapped else table[row][column]

    best_total, best_choice = -1.0, ()
    for choice in permutations(range(columns), len(rows)):
        total = sum(cell(r, c)[0] for r, c in zip(rows, choice, strict=True))
        if total > best_total:
            best_total, best_choice = total, choice
    pairs = [
        (c, r) if swapped else (r, c) for r, c in zip(rows, best_choice, strict=True)
    ]
    return _summarise(parts_a, parts_b, pairs, table)


def _summarise(
    parts_a: list[Part],
    parts_b: list[Part],
    pairs: list[tuple[int, int]],
    table: list[list[tuple[float, str]]],
) -> tuple[float, list[PartMatch]]:
    explanation = []
    for i, j in pairs:
        value, how = table[i][j]
        explanation.append(PartMatch(parts_a[i].text, parts_b[j].text, how, value))
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    missing = [
        PartMatch(p.text, None, "missing", 0.0)
        for i, p in enumerate(parts_a)
        if i not in paired_a
    ] + [
        PartMatch(None, p.text, "missing", 0.0)
        for j, p in enumerate(parts_b)
        if j not in paired_b
    ]
    values = [m.score for m in explanation]
    total = 0.6 * min(values) + 0.4 * sum(values) / len(values)
    if missing and len(values) == 1:
        # One shared part (a given name alone) is never enough to merge people.
        total = min(total, _SINGLE_PART_CAP)
    total -= _MISSING_PENALTY * len(missing)
    return max(0.0, min(1.0, total)), explanation + missing


def compare_parts(a: Part, b: Part, inflected: bool = False) -> tuple[float, str]:
    """Return the score of one pair of parts and how they were matched."""
    best = _compare_forms(a, b)
    if inflected and best[0] < THRESHOLD:
        for variant_a in [a.stem, *deinflections(a.folded)]:
            for variant_b in [b.stem, *deinflections(b.folded)]:
                if variant_a == variant_b:
                    return (INFLECTED, "suffix")
        # A case ending on a name spelled another way (Біләштің ~ Bilash): the
        # uninflected reading must match on its own, as a base form would.
        for base_a, base_b in _readings(a, b):
            value, _ = _compare_forms(base_a, base_b)
            if value >= THRESHOLD:
                return (min(value, INFLECTED), "suffix")
    return best


def _readings(a: Part, b: Part) -> list[tuple[Part, Part]]:
    """Return the pairs of a part with the uninflected readings of the other."""
    return [(_uninflected(a, base), b) for base in deinflections(a.folded)] + [
        (a, _uninflected(b, base)) for base in deinflections(b.folded)
    ]


def _uninflected(part: Part, base: str) -> Part:
    return Part(part.text, base, base, stem(base), part.script)


def _compare_forms(a: Part, b: Part) -> tuple[float, str]:
    cross_script = a.script != b.script
    if a.folded == b.folded:
        if a.latin == b.latin and not cross_script:
            return (1.0, "exact")
        return (0.97 if a.latin == b.latin else 0.95, _kind(cross_script))
    if a.stem == b.stem:
        return _same_stem(a, b)
    candidates = [_phonetic(a.stem, b.stem, cross_script), _typo(a, b)]
    if a.is_han != b.is_han:
        candidates.append((sinic_similarity(a, b), "transliteration"))
    return max(candidates)


def _same_stem(a: Part, b: Part) -> tuple[float, str]:
    """Score parts that differ only in a suffix.

    A Russian patronymic and a surname from one stem (Abramovich, Abramov)
    are different fields, hence likely different people; other suffixes are
    variants of one name (Kunbolatuly, Kunbolat, Kunbolatov).
    """
    endings = {a.folded[len(a.stem) :], b.folded[len(b.stem) :]}
    patronymic = endings & _RUSSIAN_PATRONYMICS
    if patronymic and len(endings) == 2 and "" not in endings:
        return (_DIFFERENT_CAP, "different")
    return (0.9, "suffix")


def _kind(cross_script: bool) -> str:
    return "transliteration" if cross_script else "phonetic"


def _phonetic(x: str, y: str, cross_script: bool) -> tuple[float, str]:
    """Score two stems by a distance where common spelling variation is cheap."""
    distance = phonetic_distance(x, y)
    length = max(len(x), len(y))
    allowed = 0.35 if length <= 4 else 0.5 if length <= 6 else 0.8
    if distance <= allowed:
        return (0.95 - 0.12 * distance, _kind(cross_script))
    similarity = max(0.0, 1.0 - distance / length)
    return (_DIFFERENT_CAP * similarity, "different")


def _typo(a: Part, b: Part) -> tuple[float, str]:
    """Accept one slip of the pen in a long part, not in a short one.

    A deleted or added letter needs 6 letters (Scholz/Scholze); a substituted
    letter needs 7, because one changed vowel in a shorter name is usually a
    different name (Gulnur/Gulnar). A final -a is never a slip: it makes the
    feminine name (Rahim/Rahima, Aziz/Aziza).
    """
    for x, y in ((a.latin, b.latin), (a.stem, b.stem)):
        edits = plain_distance(x, y)
        length = max(len(x), len(y))
        if edits != 1 or _feminine_pair(x, y):
            continue
        if length >= 7 or (length >= 6 and len(x) != len(y)):
            return (0.85, "typo")
    return (0.0, "different")


def _feminine_pair(x: str, y: str) -> bool:
    shorter, longer = sorted((x, y), key=len)
    return longer == shorter + "a"
