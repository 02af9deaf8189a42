"""Every kind of admin page, in each language of the interface, in Chromium.

The walker of test_readable_pages opens, as the demo's superuser, the first
page of each kind: URLs that differ only by a record's id, a case's reference
or a uuid are one kind. On each page: no server error, the page's language and
direction, and no label left in English (tests/browser/translations.py knows
the English strings).

Labels are the texts of the elements that name things (headings, labels, table
headers, buttons, links, options, help texts, terms), each taken whole. What
the records say is left out, so that the demo's English summaries and article
titles raise no false alarm: the rows of a change list, the records named in
"Recent actions" and on the dashboard's recent lists, the record's name over
its change page, read-only values, the options that stand for a record (their
value is its id), and any text a record holds (a publisher, a prefecture, a
group's name in a filter).
"""

import logging
import re
import time
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from tests.browser.test_languages import choose, page_language
from tests.browser.test_readable_pages import more_to_read, walk
from tests.browser.translations import LANGUAGES, english_labels, record_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["more_to_read"]

# A record's id, a case's reference (CT-2018-0001) or a uuid, as a path segment.
RECORD = re.compile(
    r"(?<=/)(?:\d+|[A-Z]{2,}-\d{4}-\d+|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})"
    r"(?=/)"
)


def kind_of_page(url: str) -> str:
    """Return the URL's path with its records' ids replaced: the page's kind."""
    return RECORD.sub("<record>", urlsplit(url).path)


class ServerErrors(logging.Handler):
    """Keep what Django logs of the requests that failed (4xx and 5xx)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def server_errors():
    handler = ServerErrors()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def read_every_kind_of_page(
    browser, url: str, language: str
) -> tuple[int, dict[str, list[str]]]:
    """Walk the admin in the language; return the number of pages read and
    each problem found with the paths of the pages that have it."""
    direction = "rtl" if language == "ug" else "ltr"
    data = record_texts()
    pages, found = 0, defaultdict[str, list[str]](list)
    for page, _text in walk(browser, f"{url}/admin/", kind=kind_of_page):
        pages += 1
        problems = [repr(text) for text in english_labels(browser, language, data)]
        if "Server Error" in browser.title:
            problems.append("a server error")
        if page_language(browser) != (language, direction):
            problems.append(f"<html lang dir> {page_language(browser)}")
        for problem in problems:
            found[problem].append(urlsplit(page).path)
    return pages, found


def report(found: dict[str, list[str]]) -> str:
    """Return one line per set of pages, with every problem they share."""
    by_pages = defaultdict[tuple[str, ...], list[str]](list)
    for problem, paths in found.items():
        by_pages[tuple(paths)].append(problem)
    return "\n".join(
        f"{', '.join(problems)} on {len(paths)} page(s): {', '.join(paths)}"
        for paths, problems in sorted(by_pages.items(), key=lambda item: -len(item[0]))
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_admin_page_reads_in_the_language(
    language, more_to_read, logged_in, live_server, server_errors
):
    logged_in.get(f"{live_server.url}/admin/")
    choose(logged_in, language)
    started = time.monotonic()

    pages, found = read_every_kind_of_page(logged_in, live_server.url, language)

    print(f"{language}: {pages} kinds of page in {time.monotonic() - started:.0f} s")
    assert pages > 40, "the walker found too few kinds of page"
    assert not server_errors, "\n".join(server_errors)
    assert not found, f"{len(found)} problems in {language}:\n{report(found)}"


def test_a_page_in_english_shows_its_english_labels(logged_in, live_server):
    """The check itself: the labels it reads include the English strings."""
    logged_in.get(f"{live_server.url}/admin/cases/case/")

    found = english_labels(logged_in, "ru")

    assert {"Reference", "Cases"} <= set(found)
