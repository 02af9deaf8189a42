"""How the admin's case list responds as the number of cases grows."""

from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.test import Client

from cases.fake_data import generate_fake_data
from cases.models import PersonName, Script

from .database import analyze, empty_database
from .report import Section, peak_memory_mib
from .timing import RequestTimes, time_get

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 10_000, 100_000]}
REQUESTS = 20
URL = "/admin/cases/case/"


def run(*, scale: str) -> Section:
    """Time the case list, plain and searched by a Cyrillic name, at each size."""
    section = Section(
        name="admin_list",
        title="Admin case list",
        intro=(
            f"`GET {URL}` as a logged-in superuser (django.test.Client), "
            f"{REQUESTS} timed requests after 2 warm-up requests, then "
            "`?q=` with the Kazakh Cyrillic full name of one missing person. "
            "Persons are added to the same database from one size to the next. "
            "Queries are counted in one more request."
        ),
        headers=["Persons", "Page", "p50 ms", "p95 ms", "Queries", "Matches"],
    )
    empty_database()
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser(username="bench", password=None)
    )
    results: dict[tuple[int, str], RequestTimes] = {}
    have = 0
    for size in SIZES[scale]:
        generate_fake_data(persons=size - have, seed=size)
        have = size
        analyze()
        term = _cyrillic_name()
        for page, url in (
            ("list", URL),
            (f"search “{term}”", f"{URL}?q={quote(term)}"),
        ):
            times = time_get(client=client, url=url, requests=REQUESTS)
            results[size, page.split()[0]] = times
            section.rows.append(_row(size, page, times))
        section.notes.append(
            f"Peak RSS after {size:,} persons: {peak_memory_mib():,.0f} MiB."
        )
    section.notes[:0] = _ratios(results, sizes=SIZES[scale])
    return section


def _cyrillic_name() -> str:
    """Return the Kazakh Cyrillic full name of a missing person in the middle."""
    names = PersonName.objects.filter(
        script=Script.CYRL, language="kk", person__cases__isnull=False
    ).order_by("id")
    return names.values_list("text", flat=True)[names.count() // 2]


def _row(size: int, page: str, times: RequestTimes) -> list[str]:
    matches = "" if times.result_count is None else f"{times.result_count:,}"
    return [
        f"{size:,}",
        page,
        f"{times.p50:,.1f}",
        f"{times.p95:,.1f}",
        str(times.queries),
        matches,
    ]


def _ratios(
    results: dict[tuple[int, str], RequestTimes], *, sizes: list[int]
) -> list[str]:
    """Say how much slower the largest size is than the smallest, per page."""
    small, large = sizes[0], sizes[-1]
    return [
        f"{page.capitalize()}: p50 at {large:,} persons is "
        f"{results[large, page].p50 / results[small, page].p50:.1f}× "
        f"that at {small:,} (same run)."
        for page in ("list", "search")
    ]
