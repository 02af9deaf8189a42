"""How the admin's home page (the dashboard) responds as the cases grow."""

import datetime
import random
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from cases.fake_data import generate_fake_data
from cases.models import Case, Facility
from sources.models import Citation, Lead, Mention, SourceArticle

from .database import analyze, empty_database
from .report import Section, peak_memory_mib
from .timing import RequestTimes, time_get

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 10_000, 100_000]}
REQUESTS = 20
URL = "/admin/"
PUBLISHERS = [f"Invented Publisher {n}" for n in range(25)]


def run(*, scale: str) -> Section:
    """Time the home page for three roles at each size."""
    section = Section(
        name="dashboard",
        title="Dashboard",
        intro=(
            f"`GET {URL}` (the admin's home page: work waiting, my cases, five "
            "charts, the facility map, recent cases and changes) as a logged-in "
            "user (django.test.Client), the whole request as the browser makes "
            f"it, {REQUESTS} timed requests after 2 warm-up requests. Cases from "
            "`generate_fake_data`, then for the new cases: a historical version "
            "each, citations of 1,000 articles from 25 publishers (half the "
            "cases cited, a fifth twice), a suggested mention per 20 cases, a "
            "lead per 50, a case in 10 assigned to the administrator and another "
            "to the case worker, and coordinates for every facility. The "
            "administrator sees every case; the case worker the public and "
            "restricted ones and the confidential ones assigned to them, and "
            "reviews mentions (of the persons they may see); the researcher sees "
            "the public and restricted ones. Queries are counted in one more "
            "request. *Counted*: the cache emptied before each request, so every "
            "figure is counted (the first visit, and the first after a minute); "
            "*kept*: the charts' figures from the cache (casetracker.dashboard "
            "keeps them a minute per user), what waits for review counted live."
        ),
        headers=["Cases", "User", "Figures", "p50 ms", "p95 ms", "Queries"],
    )
    empty_database()
    import_module("cases.migrations.0005_roles").apply_roles(apps)
    users = {
        "administrator": get_user_model().objects.create_superuser(
            "bench", password=None
        ),
        "case worker": _in_role("Case worker"),
        "researcher": _in_role("Researcher"),
    }
    clients = {name: Client() for name in users}
    for name, user in users.items():
        clients[name].force_login(user)
    rng = random.Random(7)  # nosec B311 (invented data, not secrets)
    queries: dict[str, set[int]] = {name: set() for name in clients}
    have = 0
    for size in SIZES[scale]:
        generate_fake_data(persons=size - have, seed=size)
        _add_work(rng=rng, new=size - have, users=users)
        have = size
        analyze()
        for name, client in clients.items():
            counted = time_get(
                client=client, url=URL, requests=REQUESTS, before_each=cache.clear
            )
            kept = time_get(client=client, url=URL, requests=REQUESTS)
            queries[name].add(counted.queries)
            section.rows.append(_row(size, name, "counted", counted))
            section.rows.append(_row(size, name, "kept", kept))
        section.notes.append(
            f"Peak RSS after {size:,} cases: {peak_memory_mib():,.0f} MiB."
        )
    section.notes[:0] = [
        f"Queries for the {name}: "
        + ("the same at every size." if len(counts) == 1 else "DIFFER by size.")
        for name, counts in queries.items()
    ]
    return section


def _in_role(role: str) -> User:
    """Return a staff user in a role (the roles made again after the flush, as
    the cases migration made them)."""
    user = get_user_model().objects.create_user(
        f"bench-{role.lower().replace(' ', '-')}", password=None, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def _add_work(*, rng: random.Random, new: int, users: dict[str, User]) -> None:
    """Give the newest cases history, sources, review work and an assignee."""
    # Whole rows: the historical versions copy every field (deferred ones
    # would be read one query each).
    cases = list(Case.objects.order_by("-pk")[:new])
    with transaction.atomic():
        Case.history.bulk_history_create(cases, default_date=_now())
        articles = _articles(rng)
        Citation.objects.bulk_create(_citations(rng, cases, articles), batch_size=5_000)
        Mention.objects.bulk_create(
            [
                Mention(article=rng.choice(articles), person_id=case.subject_id,
                        text="Invented Name", start=n, end=n + 13, score=0.9)
                for n, case in enumerate(cases[::20])
            ],
            batch_size=5_000,
        )  # fmt: skip
        Lead.objects.bulk_create(
            [
                Lead(article=rng.choice(articles), start=0, end=12,
                     text=f"Unknown Name {n}-{rng.random()}")
                for n in range(new // 50)
            ],
            batch_size=5_000,
        )  # fmt: skip
        for start, name in ((0, "administrator"), (5, "case worker")):
            Case.objects.filter(pk__in=[c.pk for c in cases[start::10]]).update(
                assigned_to=users[name]
            )
        _place_facilities(rng)


def _now() -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC)


def _articles(rng: random.Random) -> list[SourceArticle]:
    """Return the bench's articles, creating them the first time."""
    articles = list(SourceArticle.objects.filter(title__startswith="Bench article"))
    if articles:
        return articles
    return SourceArticle.objects.bulk_create(
        SourceArticle(
            title=f"Bench article {n}",
            url=f"https://news.example.org/bench/{n}",
            publisher=rng.choice(PUBLISHERS),
            state="failed" if n % 100 == 0 else "matched",
        )
        for n in range(1_000)
    )


def _citations(
    rng: random.Random, cases: list[Case], articles: list[SourceArticle]
) -> list[Citation]:
    cited = []
    for case in cases:
        draw = rng.random()
        for _ in range(2 if draw < 0.2 else 1 if draw < 0.5 else 0):
            cited.append(Citation(case=case, article=rng.choice(articles)))
    return cited


def _place_facilities(rng: random.Random) -> None:
    """Give every facility a point in Xinjiang (invented, roughly placed)."""
    facilities = list(Facility.objects.filter(latitude__isnull=True))
    for facility in facilities:
        facility.latitude = round(rng.uniform(37.0, 47.0), 4)
        facility.longitude = round(rng.uniform(75.0, 92.0), 4)
    Facility.objects.bulk_update(facilities, ["latitude", "longitude"], batch_size=500)


def _row(size: int, user: str, figures: str, times: RequestTimes) -> list[str]:
    return [
        f"{size:,}",
        user,
        figures,
        f"{times.p50:,.1f}",
        f"{times.p95:,.1f}",
        str(times.queries),
    ]
