"""Read an article's title, author, date and declared language from its markup.

trafilatura's own metadata step looks for authors and licences all over the
page and costs three times the text extraction on a large page; these few
lookups of the usual tags (Open Graph, schema.org, <time>, <title>) give what
we show. The publication date, first found wins: the publisher's own tags in
the head; a full date in the URL (/2019/11/19/); schema.org's datePublished
in JSON-LD; htmldate's quick pass on the head (its many tags: pubdate, Dublin
Core, sailthru...); the body's datePublished or first <time> (which may be a
related story's, so it comes late); and htmldate's extensive search of the
whole page when all of these found nothing. A timestamp keeps the date it
was written with: the day of "2019-11-19T23:30:00-05:00" is 19 November, the
day the publisher meant, whatever the day was in UTC.
"""

import contextlib
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date

import htmldate
from lxml.html import HtmlElement, fromstring  # type: ignore[import-untyped]  # no stubs installed (lxml-stubs)

# Paths from the <head> first (small), then the whole page (slow) as a last resort.
_TITLES = (
    'meta[@property="og:title"]/@content',
    'meta[@name="twitter:title"]/@content',
    "title//text()",
)
_AUTHORS = (
    'meta[@name="author"]/@content',
    'meta[@property="article:author"]/@content',
)
_DATES = (
    'meta[@property="article:published_time"]/@content',
    'meta[@itemprop="datePublished"]/@content',
    'meta[@name="date"]/@content',
)
# Each search of the whole page, with what its markup must contain (in lower
# case, any one of them) for the search to find anything.
_BODY_TITLES = (("//h1//text()", ("<h1",)),)
_BODY_AUTHORS = (
    ('//*[@rel="author"]//text()', ('rel="author"', "rel='author'", "rel=author")),
)
_BODY_DATES = (
    ('//*[@itemprop="datePublished"]/@datetime', ("datepublished",)),
    ("//time[@datetime]/@datetime", ("<time",)),
)
_Searches = tuple[tuple[str, tuple[str, ...]], ...]
# /2019/11/19/, /2019-11-19/ or /2019/11/19-title: year, month, day in order.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:[/_.-]|$)")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d\d-\d\d)')


@dataclass(frozen=True)
class PageMetadata:
    title: str
    author: str
    published_on: date | None
    language: str


def read_metadata(tree: HtmlElement, url: str = "", html: str = "") -> PageMetadata:
    """Return what the page's markup says of itself (before it is cleaned).

    Given the page's HTML, the searches of the whole page (a millisecond
    each on a large page) are skipped when the tag or attribute they look
    for does not occur in it.
    """
    head = tree.find("head")
    head = HtmlElement() if head is None else head
    body = _BodySearch(tree, html.lower() if html else None)
    return PageMetadata(
        title=(_first(head, _TITLES) or body.first(_BODY_TITLES))[:500],
        author=(_first(head, _AUTHORS) or body.first(_BODY_AUTHORS))[:300],
        published_on=_published_on(head, body, url, html),
        language=str(tree.get("lang", ""))[:12],
    )


@dataclass(frozen=True)
class _BodySearch:
    """The whole page, searched only where its markup holds what is sought."""

    tree: HtmlElement
    lowered: str | None

    def first(self, searches: _Searches) -> str:
        return _first(self.tree, self._worth(searches))

    def date(self, searches: _Searches) -> date | None:
        return _markup_date(self.tree, self._worth(searches))

    def _worth(self, searches: _Searches) -> tuple[str, ...]:
        return tuple(
            path
            for path, markers in searches
            if self.lowered is None or any(m in self.lowered for m in markers)
        )


def _published_on(
    head: HtmlElement, body: "_BodySearch", url: str, html: str
) -> date | None:
    return (
        _markup_date(head, _DATES)
        or url_date(url)
        or _json_ld_date(html)
        or _htmldate(head, url)
        or body.date(_BODY_DATES)
        or _htmldate(body.tree, url, extensive=True)
    )


def url_date(url: str) -> date | None:
    """Return the date a URL's path spells out in full, year first, if any."""
    found = _URL_DATE.search(url.split("?", 1)[0])
    if found is None:
        return None
    try:
        return date(*map(int, found.groups()))
    except ValueError:  # /2019/31/12/ is no date
        return None


def _json_ld_date(html: str) -> date | None:
    found = _JSON_LD_DATE.search(html)
    if found is None:
        return None
    with contextlib.suppress(ValueError):
        return date.fromisoformat(found.group(1))
    return None


def _first(tree: HtmlElement, paths: tuple[str, ...]) -> str:
    for path in paths:
        for value in tree.xpath(path):
            text = " ".join(str(value).split())
            if text:
                return text
    return ""


def _markup_date(tree: HtmlElement, paths: tuple[str, ...]) -> date | None:
    for path in paths:
        for value in tree.xpath(path):
            with contextlib.suppress(ValueError):
                return date.fromisoformat(str(value).strip()[:10])
    return None


def _htmldate(tree: HtmlElement, url: str, *, extensive: bool = False) -> date | None:
    """Return htmldate's guess from the head (quick) or the whole page.

    The head's many date tags (Dublin Core, sailthru, parsely...) are what
    htmldate reads best and fast. Its extensive search of the whole page, for
    dates in the text ("Published 19 November 2019"), costs about as much as
    the text extraction, so it runs only when nothing else found a date. A
    bare 1 January is a year, not a day, and is dropped.
    """
    page = tree if extensive else _page_with(tree)
    found = htmldate.find_date(
        page, url=url or None, original_date=True, extensive_search=extensive
    )
    if not found or found.endswith("-01-01"):
        return None
    return date.fromisoformat(found)


def _page_with(head: HtmlElement) -> HtmlElement:
    page = fromstring("<html><body></body></html>")
    page.insert(0, deepcopy(head))
    return page
