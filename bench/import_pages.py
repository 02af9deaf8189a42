"""Large generated news pages that name known persons, for the import bench.

About PAGE_BYTES of HTML each (a menu, a script, and related-story blocks as
news sites have them, so that trafilatura alone runs near the 55 pages/s of
typical news pages) around TEXT_CHARACTERS of article text naming three
persons of the database. Each page has its publication date in its markup
and its URL, as news sites give them.
"""

import html
import random
from dataclasses import dataclass
from datetime import date, timedelta

from cases.models import PersonName, Script

__all__ = ["PAGE_BYTES", "TEXT_CHARACTERS", "GeneratedPage", "generated_pages"]

TEXT_CHARACTERS = 4_600
PAGE_BYTES = 170 * 1024


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # the URL's path, with its date: /2021/03/04/story-7.html
    published_on: date
    html: bytes


def generated_pages(rng: random.Random, count: int) -> list[GeneratedPage]:
    """Return count new pages, each naming three persons chosen at random."""
    names = _names(rng, count * 3)
    pages = []
    for n in range(count):
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(2500))
        body = _page(rng, names[3 * n : 3 * n + 3], day)
        pages.append(GeneratedPage(f"/{day:%Y/%m/%d}/story-{n}.html", day, body))
    return pages


def _names(rng: random.Random, count: int) -> list[str]:
    primary = PersonName.objects.filter(script=Script.LATN, kind="primary")
    ids = primary.order_by("id").values_list("id", flat=True)
    chosen = rng.sample(list(ids), count)
    rows = PersonName.objects.filter(id__in=chosen).order_by("id")
    return list(rows.values_list("text", flat=True))


def _page(rng: random.Random, names: list[str], day: date) -> bytes:
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
        f'<meta property="article:published_time" content="{day}T09:30:00+06:00">'
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
