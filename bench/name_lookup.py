"""How fast candidate lookup (cases.candidates) answers as persons grow."""

import random
import statistics
import time
from collections.abc import Callable

from django.db.models import Count

from cases.candidates import find_candidates, find_candidates_many
from cases.fake_data import generate_fake_data
from cases.models import PersonName, PersonNameKey, Script

from .database import analyze, empty_database
from .report import Section, peak_memory_mib

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 10_000, 100_000]}
QUERIES_PER_KIND = 25
REPEATS = 3
# Latin to Russian Cyrillic, letter by letter: a spelling no generated form has.
_CYRILLIC = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы", strict=True))
_CYRILLIC |= {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "q": "к", "w": "в"}


def run(*, scale: str) -> Section:
    """Time find_candidates on altered names of generated persons, at each size."""
    section = Section(
        name="name_lookup",
        title="Candidate lookup by name",
        intro=(
            "`find_candidates(text=...)` for 100 query names drawn from the "
            "generated missing persons (seed 7) and altered: 25 exact Latin "
            "forms, 25 Latin forms respelled in Russian Cyrillic, 25 with one "
            "letter of the longer part changed, 25 with the patronymic or "
            "surname suffix dropped (Kunbolatuly -> Kunbolat), 25 with the "
            "first part written as its initial (S. Bilash). Each query runs "
            f"{REPEATS} times; p50/p95 are over all runs, *first* is the p50 of "
            "each query's first run (caches of earlier queries only). Found = "
            "the source person is among the candidates (at most 20: a name with "
            "more namesakes than that may leave it out). Persons are added to "
            "the same database from one size to the next; `many` is one "
            "find_candidates_many() call for all 100 names. The generated names "
            "follow skewed frequencies with realistic namesakes (see "
            "`cases/fake_names.py`): a few given names are common, most rare; "
            "Kazakh surnames and patronymics come from fathers' and ancestors' "
            "names, Uyghur names have none."
        ),
        headers=[
            "Persons",
            "Keys",
            "Kind",
            "p50 ms",
            "first ms",
            "p95 ms",
            "Found",
            "Mean cands",
        ],
    )
    empty_database()
    have, p50s, p95s = 0, {}, {}
    for size in SIZES[scale]:
        generate_fake_data(persons=size - have, seed=size)
        have = size
        analyze()
        times = _measure(section, size)
        p50s[size], p95s[size] = statistics.median(times), _p95(times)
        memory = peak_memory_mib()
        section.notes.append(f"Peak RSS after {size:,} persons: {memory:,.0f} MiB.")
        section.notes.append(_namesakes(size))
    small, large = SIZES[scale][0], SIZES[scale][-1]
    section.notes[:0] = [
        f"All queries: p50 at {large:,} persons is {p50s[large] / p50s[small]:.2f}× "
        f"that at {small:,}, p95 {p95s[large] / p95s[small]:.2f}× (same run)."
    ]
    return section


def _measure(section: Section, size: int) -> list[float]:
    """Add one row per kind of query at this size; return all latencies."""
    queries = _queries(random.Random(7))
    keys = PersonNameKey.objects.count()
    times: list[float] = []
    for kind, items in queries.items():
        kind_times, found, sizes = _time(items)
        times += kind_times
        section.rows.append(_row(size, keys, kind, kind_times, found, sizes))
    section.rows.append(_row(size, keys, "all", times, None, None))
    texts = _texts(queries)
    batch = _time_call(lambda: find_candidates_many(texts=texts))
    section.rows.append(
        [f"{size:,}", f"{keys:,}", "many (100)", f"{batch:.1f}", "", "", "", ""]
    )
    return times


def _namesakes(size: int) -> str:
    """Describe how often the generated persons share their primary name."""
    primary = PersonName.objects.filter(kind="primary", script=Script.LATN)
    persons = primary.values("person").distinct().count()
    names = primary.values("text").distinct().count()
    shared = (
        primary.values("text")
        .annotate(persons=Count("person", distinct=True))
        .order_by("-persons")
        .values_list("persons", flat=True)
    )
    most = shared.first() or 0
    return (
        f"At {size:,} missing persons: {persons:,} persons with names (relatives "
        f"included), {names:,} distinct full names; the commonest is borne by "
        f"{most:,}."
    )


def _queries(rng: random.Random) -> dict[str, list[tuple[str, int]]]:
    """Return (query text, source person id) pairs, by kind of alteration."""
    latin = PersonName.objects.filter(script=Script.LATN, person__cases__isnull=False)
    pks = list(latin.order_by("pk").values_list("pk", flat=True))
    chosen = PersonName.objects.in_bulk(rng.sample(pks, 4 * QUERIES_PER_KIND))
    forms = [(chosen[pk].text, chosen[pk].person_id) for pk in sorted(chosen)]
    n = QUERIES_PER_KIND
    queries = {
        "exact": forms[:n],
        "Cyrillic": [(_cyrillic(t), p) for t, p in forms[n : 2 * n]],
        "typo": [(_typo(t, rng), p) for t, p in forms[2 * n : 3 * n]],
        "no suffix": [(_unsuffixed(t), p) for t, p in forms[3 * n :]],
    }
    # Drawn after the others, so that their queries stay those of earlier runs.
    initials = PersonName.objects.in_bulk(rng.sample(pks, QUERIES_PER_KIND))
    queries["initial"] = [
        (_initial(initials[pk].text), initials[pk].person_id) for pk in sorted(initials)
    ]
    return queries


def _texts(queries: dict[str, list[tuple[str, int]]]) -> list[str]:
    return [text for items in queries.values() for text, _ in items]


def _cyrillic(text: str) -> str:
    out, i, lower = [], 0, text.lower()
    while i < len(lower):
        pair = _CYRILLIC.get(lower[i : i + 2])
        if pair:
            out.append(pair)
            i += 2
            continue
        out.append(_CYRILLIC.get(lower[i], lower[i]))
        i += 1
    return "".join(out).title()


def _typo(text: str, rng: random.Random) -> str:
    parts = text.split()
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    word = parts[longest]
    at = rng.randrange(1, len(word))
    letter = rng.choice([c for c in "abdeiklmnorstuz" if c != word[at].lower()])
    parts[longest] = word[:at] + letter + word[at + 1 :]
    return " ".join(parts)


def _initial(text: str) -> str:
    first, *rest = text.split()
    return " ".join([first[0] + ".", *rest]) if rest else text


def _unsuffixed(text: str) -> str:
    for suffix in ("kyzy", "uly", "yeva", "yev", "ova", "ov"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _time(items: list[tuple[str, int]]) -> tuple[list[float], int, list[int]]:
    times, found, sizes = [], 0, []
    for text, person_id in items:
        for repeat in range(REPEATS):
            started = time.perf_counter()
            candidates = find_candidates(text=text)
            times.append((time.perf_counter() - started) * 1000)
            if repeat == 0:
                sizes.append(len(candidates))
                found += person_id in {c.name_form.person_id for c in candidates}
    return times, found, sizes


def _time_call(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def _row(
    size: int,
    keys: int,
    kind: str,
    times: list[float],
    found: int | None,
    sizes: list[int] | None,
) -> list[str]:
    count = len(times) // REPEATS
    return [
        f"{size:,}",
        f"{keys:,}",
        kind,
        f"{statistics.median(times):.2f}",
        f"{statistics.median(times[::REPEATS]):.2f}",
        f"{_p95(times):.2f}",
        "" if found is None else f"{found}/{count}",
        "" if sizes is None else f"{statistics.mean(sizes):.1f}",
    ]
