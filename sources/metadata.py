"""Read an article's title, author, date and declared language from its markup.

trafilatura's own metadata step looks for authors and licences all over the
page and costs three times the text extraction on a large page; these few
lookups of the usual tags (Open Graph, schema.org, <time>, <title>) give what
we show, and htmldate's quick pass is the fallback for the date.
"""

import contextlib
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
        published_on=(
            _markup_date(head, _DATES) or body.date(_BODY_DATES) or _htmldate(head, url)
        ),
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


def _htmldate(head: HtmlElement, url: str) -> date | None:
    """Return htmldate's guess from the page's head and URL.

    The head's many date tags (Dublin Core, sailthru, parsely...) and the URL's
    /2021/02/10/ are what htmldate reads best; its search of the body costs
    more than the text extraction and mostly finds copyright years. A bare
    1 January is a year, not a day, and is dropped.
    """
    page = _page_with(head)
    found = htmldate.find_date(
        page, url=url or None, original_date=True, extensive_search=False
    )
    if not found or found.endswith("-01-01"):
        return None
    return date.fromisoformat(found)


def _page_with(head: HtmlElement) -> HtmlElement:
    page = fromstring("<html><body></body></html>")
    page.insert(0, deepcopy(head))
    return page
