"""Every admin page of the demo reads as a case worker's text, not a programmer's.

The walker opens the admin index as a superuser and follows every link it
finds inside the admin (changelists, change pages, history pages and past
versions, add pages), skipping what changes data or leaves (logout, delete
pages, actions, filters and sorting: links with a query string). It reads each
page's text and reports every page and text that looks like programmer text.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from selenium.webdriver.common.by import By
from simple_history.utils import update_change_reason

from audit.models import AccessAction, AccessLogEntry, Channel
from cases.merging import merge_persons
from cases.models import Case, Fate, Person
from sources.models import ArticleState, ImportJob, SourceArticle
from tests.factories import MentionFactory, person_named

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Paths never opened: they log out, delete, or are not pages.
SKIPPED = re.compile(
    r"/logout|/log-out|/delete/|/password/|/autocomplete/|/jsi18n/|/r/\d|"
    r"/accounts/|/import/$"
)


def programmer_text() -> list[tuple[str, re.Pattern[str]]]:
    """Return what programmer text looks like: (what it is, its pattern)."""
    labels = [model._meta.label_lower for model in apps.get_models()]
    app_labels = sorted({config.label for config in apps.get_app_configs()})
    names = sorted(
        {str(model._meta.verbose_name).capitalize() for model in apps.get_models()}
    )
    return [
        ("a model's repr", re.compile(r"\bobject \(\d+\)")),
        ("raw JSON", re.compile(r"\{\"|\[\{|\{'|\[\]|\{\}")),
        # Django's own "None available" (no recent actions) is a sentence.
        ("None as a value", re.compile(r"\bNone\b(?! available)")),
        (
            "a database id as a name",
            # Not "Relative: #2": Django numbers an inline's new rows so.
            re.compile(rf"\b(?:{_any(names)}) \d+\b|(?<!: )#\d+\b"),
        ),
        ("a database id as a name", re.compile(r"\b\d+ → \d+\b|\bMerged \d+ into")),
        (
            "a dotted model label",
            re.compile(rf"\b(?:{_any(labels)})\b"),
        ),
        (
            "a permission code",
            re.compile(rf"\b(?:{_any(app_labels)})\.(?:add|change|delete|view)_\w+"),
        ),
        ("an internal code", re.compile(r"\b[a-z]+_[a-z_]+\b")),
        *_choice_codes(),
    ]


def _choice_codes() -> list[tuple[str, re.Pattern[str]]]:
    """Return patterns for choice codes shown where their labels belong.

    A code counts when its label says something else: it is then looked for
    as the whole of a table cell, a read-only value or either side of a change
    in a history ("code → code").
    """
    codes: set[str] = set()
    labels: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for code, label in getattr(field, "flatchoices", None) or []:
                labels.add(str(label).lower())
                if isinstance(code, str) and re.search("[a-z]", code):
                    codes.add(code)
    # A code that is some choice's label too ("unknown") reads as a word.
    codes = {code for code in codes if code.lower() not in labels}
    if not codes:
        return []
    codes_ = _any(sorted(codes, key=len, reverse=True))
    return [
        (
            "a choice code in place of its label",
            re.compile(rf"(?m)^(?:{codes_})$|(?:{codes_}) → |→ (?:{codes_})\b"),
        )
    ]


def _any(texts: list[str]) -> str:
    """Return a regular expression alternative matching any of the texts."""
    return "|".join(map(re.escape, texts))


def offences(text: str) -> list[str]:
    """Return each stretch of text that looks like programmer text, saying what."""
    found = []
    for what, pattern in programmer_text():
        for match in pattern.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start : line_end if line_end >= 0 else None]
            found.append(f"{what}: {line.strip()[:160]!r}")
    return found


@pytest.fixture
def more_to_read(logged_in) -> None:
    """Add to the demo what it lacks: a merge, an import job, history, a log."""
    worker = Person.objects.get(names__text="Baibolat Kunbolat")
    admin_user = get_user_model().objects.get(username="worker")
    twin = person_named("Байболат Кунболатов")
    merge_persons(keep=worker, duplicate=twin, actor=admin_user)
    case = Case.objects.order_by("id").first()
    case.fate = Fate.PRISON if case.fate != Fate.PRISON else Fate.CAMP
    case.save()
    update_change_reason(case, "A relative called.")
    job = ImportJob.objects.create(label="", created_by=admin_user)
    done = MentionFactory(person=worker, text="Baibolat Kunbolat").article
    failed = SourceArticle.objects.create(
        url="https://news.example.org/gone",
        state=ArticleState.FAILED,
        failure_reason="The page was not found (404).",
    )
    job.articles.add(done, failed)
    AccessLogEntry.objects.create(
        user=admin_user,
        username=admin_user.username,
        action=AccessAction.VIEWED,
        object_type="cases.case",
        object_ref=case.reference,
        case_reference=case.reference,
        channel=Channel.ADMIN,
        at=datetime.datetime.now(tz=datetime.UTC),
    )


def walk(
    browser, start: str, kind: Callable[[str], str] = str
) -> Iterator[tuple[str, str]]:
    """Open every admin page reachable from `start`; yield each URL and its text.

    Of the pages of one kind (`kind` of their URL: by default the URL itself),
    only the first found is opened.
    """
    origin = urlsplit(start)
    queue, seen = [start], {kind(start)}
    while queue:
        url = queue.pop(0)
        browser.get(url)
        yield url, browser.find_element(By.TAG_NAME, "body").text
        # In one call: a round trip per link would slow long lists down.
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'),"
            " a => a.getAttribute('href'))"
        )
        for href in hrefs:
            found = _page_to_open(href, url, origin)
            if found and kind(found) not in seen:
                seen.add(kind(found))
                queue.append(found)


def _page_to_open(href: str, page: str, origin) -> str | None:
    """Return the URL to open for a link, or None for one the walker skips."""
    target = urlsplit(urldefrag(urljoin(page, href)).url)
    if target.netloc != origin.netloc or not target.path.startswith("/admin/"):
        return None
    if target.query or SKIPPED.search(target.path):
        return None
    return target.geturl()


def test_no_admin_page_shows_programmer_text(more_to_read, logged_in, live_server):
    report = []
    pages = 0
    for url, text in walk(logged_in, f"{live_server.url}/admin/"):
        pages += 1
        path = urlsplit(url).path
        report.extend(f"{path}: {offence}" for offence in offences(text))

    assert pages > 50, "the walker found too few pages"
    assert not report, f"{len(report)} offences:\n" + "\n".join(report)
