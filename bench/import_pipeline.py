"""Articles per second through extraction and cross-referencing, from stored bytes."""

import html
import random
import time
from collections.abc import Callable

import trafilatura

from cases.fake_data import generate_fake_data
from cases.models import PersonName, Script
from casetracker.celery import commit_without_waiting_for_disk, freeze_startup_objects
from sources import extraction, matching
from sources.models import ArticleState, SourceArticle

from .database import analyze, empty_database
from .report import Section, peak_memory_mib

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 100_000]}
PAGES = 30
ROUNDS = 15
TEXT_CHARACTERS = 4_600
PAGE_BYTES = 170 * 1024
URL = "https://news.example.org/a"


def run(*, scale: str) -> Section:
    """Time trafilatura alone, then extraction plus matching, at each size."""
    section = Section(
        name="import_pipeline",
        title="Article import: extraction and cross-referencing",
        intro=(
            f"{PAGES} generated news pages of about {PAGE_BYTES // 1024} KiB of HTML "
            "(a menu, a script, and related-story blocks as news sites have them, "
            "so that trafilatura alone runs near the 55 pages/s the issue gives for "
            f"typical news pages here) around {TEXT_CHARACTERS:,} "
            "characters of article text naming three known persons each, taken "
            "from bytes in memory (no network). *trafilatura alone* is "
            "`trafilatura.extract(page, url=URL, include_comments=False)` on the "
            "same bytes: it decodes them, parses, extracts the main text (with "
            "its readability/justext comparison, as by default) and returns it "
            "as text, without metadata. *ours* is "
            "`sources.extraction.extract_article()`, which passes trafilatura "
            "the same options (`bare_extraction(tree, url=URL, "
            "include_comments=False, with_metadata=False)`) on a tree it parsed "
            "itself (trafilatura copies it first), after decoding the bytes and "
            "reading title, author, date and language from the same tree (the "
            "htmldate fallback on the head only when the markup has no date), "
            "plus `sources.matching.match_article()` (mentions, hints and leads, "
            "written to the database, with the article's text and title saved "
            "first). Both measured in the same run on one core, taking turns "
            "page by page (each first on every other page), so that the slow "
            "spells of a shared machine fall on both alike. "
            f"{ROUNDS} rounds, each on new pages; the row is the round with the "
            "median ratio. In a process set up as a Celery worker is "
            "(`casetracker.celery`): the objects of start-up frozen out of "
            "garbage collection, and commits that do not wait for the disk."
        ),
        headers=[
            "Persons",
            "trafilatura alone, pages/s",
            "ours, pages/s",
            "ours / alone",
            "ms per article",
        ],
    )
    empty_database()
    commit_without_waiting_for_disk()
    have, per_article, alone_per_article = 0, {}, {}
    for size in SIZES[scale]:
        generate_fake_data(persons=size - have, seed=size)
        have = size
        analyze()
        # A worker does not generate persons: what the generation left (its
        # caches of 300,000 name forms) is frozen, as a worker's start-up is.
        freeze_startup_objects()
        rounds = _paired_rounds(random.Random(size))
        alone, ours = rounds[len(rounds) // 2]
        per_article[size], alone_per_article[size] = 1000 / ours, 1000 / alone
        section.rows.append(
            [
                f"{size:,}",
                f"{alone:,.1f}",
                f"{ours:,.1f}",
                f"{ours / alone:.0%}",
                f"{1000 / ours:,.1f}",
            ]
        )
        alone_seconds = sum(PAGES / a for a, _ in rounds)
        ours_seconds = sum(PAGES / o for _, o in rounds)
        section.notes.append(
            f"Ours / alone in each of the {ROUNDS} rounds at {size:,} persons: "
            + ", ".join(f"{o / a:.0%}" for a, o in rounds)
            + f"; over all {ROUNDS * PAGES} pages together, "
            f"{alone_seconds / ours_seconds:.0%}. Rounds differ in how many "
            "namesakes their pages name (each a mention to store) and in the "
            "slow spells of a shared machine."
        )
        section.notes.append(
            f"Peak RSS after {size:,} persons: {peak_memory_mib():,.0f} MiB."
        )
    small, large = SIZES[scale][0], SIZES[scale][-1]
    scale_ratio = per_article[large] / per_article[small]
    speed = alone_per_article[large] / alone_per_article[small]
    section.notes.insert(
        0,
        f"Time per article at {large:,} persons is {scale_ratio:.2f}× that at "
        f"{small:,} (same run); {scale_ratio / speed:.2f}× in units of the "
        "time trafilatura alone took beside it. The two sizes are measured "
        "minutes apart, and a shared machine's speed drifts in between "
        f"(trafilatura alone took {speed:.2f}× as long at {large:,} as at "
        f"{small:,} on the same kind of pages): the second figure takes "
        "the drift out.",
    )
    return section


def _paired_rounds(rng: random.Random) -> list[tuple[float, float]]:
    """Return the pages-per-second rates, alone and ours, of each round.

    The two take turns page by page, each going first on every other page,
    so that the slow spells of a shared machine fall on both alike. Rounds
    come ranked by the ratio of the two. Each round reads new pages, so that
    no cache of an earlier round helps.
    """
    rounds = []
    for _ in range(ROUNDS):
        pages = _pages(rng)
        articles = SourceArticle.objects.bulk_create(
            [SourceArticle(state=ArticleState.FETCHED) for _ in pages]
        )
        alone = ours = 0.0
        for n, (article, page) in enumerate(zip(articles, pages, strict=True)):
            if n % 2:
                ours += _seconds(lambda: _import_one(article, page))  # noqa: B023
            alone += _seconds(lambda: _trafilatura_alone(page))  # noqa: B023
            if not n % 2:
                ours += _seconds(lambda: _import_one(article, page))  # noqa: B023
        rounds.append((PAGES / alone, PAGES / ours))
        # Outside the timing: deleting the test articles is no part of an import.
        SourceArticle.objects.filter(pk__in=[a.pk for a in articles]).delete()
    return sorted(rounds, key=lambda rates: rates[1] / rates[0])


def _trafilatura_alone(page: bytes) -> str | None:
    """Extract the text as ours does, with trafilatura doing all the work."""
    return trafilatura.extract(page, url=URL, include_comments=False)


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _import_one(article: SourceArticle, page: bytes) -> None:
    """Extract the stored page into its article, then cross-reference it."""
    extracted = extraction.extract_article(
        body=page,
        content_type="text/html; charset=utf-8",
        url=URL,
    )
    article.text, article.title = extracted.text, extracted.title
    article.save(update_fields=["text", "title"])
    matching.match_article(article=article)


def _pages(rng: random.Random) -> list[bytes]:
    primary = PersonName.objects.filter(script=Script.LATN, kind="primary")
    ids = primary.order_by("id").values_list("id", flat=True)
    chosen = rng.sample(list(ids), PAGES * 3)
    rows = PersonName.objects.filter(id__in=chosen).order_by("id")
    names = list(rows.values_list("text", flat=True))
    return [_page(rng, names[3 * n : 3 * n + 3]) for n in range(PAGES)]


def _page(rng: random.Random, names: list[str]) -> bytes:
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < TEXT_CHARACTERS:
        name = names[len(paragraphs) % len(names)]
        paragraphs.append(
            f"Relatives of {name} said on {rng.randint(1, 28)} March that "
            f"they had not heard from {name.split()[0]} "
            f"since {rng.randint(2016, 2019)}. "
            + " ".join(rng.choice(WORDS) for _ in range(60))
            + "."
        )
    article = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(names[0])}: relatives ask for news</title>"
        + "<script>var config = {"
        + "'k': 1, " * 400
        + "};</script>"
        + "</head><body><header><nav><ul>"
        + "".join(_teaser(rng, n, short=True) for n in range(120))
        + "</ul></nav></header><main><div class='layout'><article class='story'>"
        f"<h1>{html.escape(names[0])}: relatives ask for news</h1>"
        f"<div class='story-body'>{article}</div></article><aside class='related'>"
    )
    teasers: list[str] = []
    n = 0
    while len(page) + sum(map(len, teasers)) < PAGE_BYTES - 200:
        teasers.append(_teaser(rng, n))
        n += 1
    return (page + "".join(teasers) + "</aside></div></main></body></html>").encode()


def _teaser(rng: random.Random, n: int, *, short: bool = False) -> str:
    """Return a related-story block, as news sites wrap dozens around a story."""
    words = " ".join(rng.choice(WORDS) for _ in range(5 if short else 14))
    if short:
        link = f"<a href='/section/{n}'><span>{words}</span></a>"
        return f"<li class='menu-item'>{link}</li>"
    return (
        f"<div class='teaser teaser--small' data-id='{n}'><a class='teaser__link' "
        f"href='/story/{n}'><figure class='teaser__media'><img src='/img/{n}.jpg' "
        f"alt='' loading='lazy' width='320' height='180'></figure><div "
        f"class='teaser__text'><span class='teaser__kicker'>World</span><h3 "
        f"class='teaser__title'>{words}</h3><p class='teaser__summary'>"
        f"{words} {words}</p><time datetime='2021-0{n % 9 + 1}-1{n % 9}'>"
        "a day ago</time></div></a></div>"
    )


WORDS = [
    "the",
    "camp",
    "families",
    "officials",
    "detention",
    "county",
    "report",
    "testimony",
    "village",
    "police",
    "border",
    "passport",
    "relatives",
    "school",
    "worker",
    "teacher",
    "farmer",
    "returned",
    "held",
    "months",
    "years",
    "letter",
    "embassy",
    "petition",
    "asked",
    "authorities",
    "said",
    "they",
    "could",
    "not",
    "confirm",
]
