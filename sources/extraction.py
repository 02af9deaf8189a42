"""Read the title, date, language and main text out of a stored page.

Extraction works on the bytes we archived, never on a new download: what we
cite is what we read. HTML goes through trafilatura, plain text is taken as it
is, and anything else is refused with a reason a case worker can act on.

Decoding: a page that is valid UTF-8 is UTF-8 (no other charset of real text
is). Otherwise the charset declared in the HTTP header, then the one in
``<meta charset>``, is used when charset_normalizer finds the result readable;
failing both, charset_normalizer's best guess (trafilatura's own decoding when
it is missing). Servers often declare a wrong charset for Cyrillic pages.

Time limit: parsing a hostile page can take very long, so extraction is
stopped after settings.SOURCES_EXTRACTION_TIME_LIMIT seconds with SIGALRM.
Signals only reach the main thread; Celery prefork workers and management
commands run there. In other threads (a threaded web server) no limit applies,
and the Celery task's own time limit is the backstop.
"""

import contextlib
import hashlib
import mimetypes
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from courlan import normalize_url
from django.conf import settings
from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document
from trafilatura.utils import decode_file

from .language import guess_language
from .metadata import read_metadata

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatches

from_bytes: "Callable[..., CharsetMatches] | None"
try:
    from charset_normalizer import from_bytes
except ImportError:  # pragma: no cover - trafilatura requires it today
    from_bytes = None

__all__ = [
    "ExtractedArticle",
    "ExtractionError",
    "canonical_url",
    "extract_article",
    "guess_language",
    "media_type_of_file",
    "sniff_media_type",
    "text_fingerprint",
]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# The tags that open an HTML document in the WHATWG MIME Sniffing Standard
# (7.1), after any byte-order mark, white space and XML declaration.
_SNIFF_HTML = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
    rb"(?:<!--|<!doctype\s+html|<(?:html|head|script|iframe|h1|div|font|table|a"
    rb"|style|title|b|body|br|p|meta|link)[\s>/])",
    re.I,
)
# What a file's name may say that we trust; any other name (.php, .aspx,
# .jsp, none) leaves the type to the bytes.
_TYPES_NAMES_SAY = HTML_TYPES | TEXT_TYPES | {"application/pdf"}


class ExtractionError(Exception):
    """The page has no text we can read; reason says why, for the case worker."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    author: str
    published_on: date | None
    language: str
    text: str


def extract_article(
    *, body: bytes, content_type: str, url: str = ""
) -> ExtractedArticle:
    """Return the article in a stored response body, or raise ExtractionError."""
    media_type, charset = parse_content_type(content_type)
    # A saved file typed by its name before names were checked against the
    # bytes (file: URL) is typed again from them.
    if (
        not media_type
        or media_type == "application/octet-stream"
        or (url.startswith("file:") and media_type in TEXT_TYPES)
    ):
        media_type = sniff_media_type(body)
    elif body.startswith(b"%PDF-"):
        media_type = "application/pdf"
    if media_type not in HTML_TYPES | TEXT_TYPES:
        shown = media_type or "no content type"
        raise ExtractionError(f"not an HTML or text document ({shown})")
    if not body.strip():
        raise ExtractionError("the document is empty")
    if media_type in TEXT_TYPES:
        return _extract_text(decode_body(body, charset))
    with time_limit(settings.SOURCES_EXTRACTION_TIME_LIMIT):
        return _extract_html(decode_body(body, charset, html=True), url)


def media_type_of_file(filename: str, data: bytes) -> str:
    """Return the media type of a saved file: its name's, else its bytes'.

    Only a name ending in .html, .htm, .xhtml, .txt or .pdf says what the
    file is; a page saved as .php, .aspx, .jsp or without an extension is
    typed from its bytes (PDF by its magic number, HTML by its first tag).
    """
    guessed = mimetypes.guess_type(filename)[0] or ""
    if guessed in _TYPES_NAMES_SAY:
        return guessed
    return sniff_media_type(data)


def sniff_media_type(data: bytes) -> str:
    """Return the media type the bytes show: PDF, HTML, else plain text.

    Bytes with a NUL in the first kilobyte are no text at all.
    """
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if _SNIFF_HTML.match(head):
        return "text/html"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


def text_fingerprint(text: str) -> str:
    """Return the SHA-256 of the text with runs of whitespace made one space.

    Two imports with the same fingerprint are the same article, whatever the
    line breaks or indentation of the page they came from.
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """Return the URL one article is known by, or "" for an unusable URL.

    courlan lower-cases the scheme and host, drops default ports, sorts the
    query and removes tracking parameters (utm_*, fbclid, gclid...); the
    fragment never names another article, so it goes too. courlan's strict
    mode is not used: it also drops parameters that select the article (?p=).
    """
    try:
        normal = normalize_url(url.strip())
    except ValueError:
        return ""
    return normal.split("#", 1)[0]


def parse_content_type(content_type: str) -> tuple[str, str]:
    """Return the media type (lower case) and declared charset of a header."""
    media_type, _, params = content_type.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def decode_body(body: bytes, declared: str = "", *, html: bool = False) -> str:
    """Decode the body: UTF-8, else a declared charset that reads well, else a guess."""
    with contextlib.suppress(UnicodeDecodeError):
        return body.decode("utf-8")
    meta = _META_CHARSET.search(body[:4096]) if html else None
    candidates = [declared, meta.group(1).decode("ascii").lower() if meta else ""]
    for charset in filter(None, candidates):
        if _reads_well(body, charset):
            return body.decode(charset)
    if from_bytes is not None:
        best = from_bytes(body).best()
        if best is not None:
            return str(best)
    return decode_file(body)


def _reads_well(body: bytes, charset: str) -> bool:
    try:
        body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return False
    if from_bytes is None:
        return True
    return from_bytes(body, cp_isolation=[charset]).best() is not None


def _extract_text(text: str) -> ExtractedArticle:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ExtractionError("the document is empty")
    return ExtractedArticle("", "", None, guess_language(text), text)


def _extract_html(html: str, url: str) -> ExtractedArticle:
    tree = load_html(html)
    if tree is None:
        raise ExtractionError("the page could not be read as HTML")
    # Read the markup first: trafilatura cleans the tree in place.
    metadata = read_metadata(tree, url, html)
    document = bare_extraction(
        tree, url=url or None, with_metadata=False, include_comments=False
    )
    # A Document, or None: a dict only with as_dict=True.
    text = (document.text or "").strip() if isinstance(document, Document) else ""
    if not text:
        raise ExtractionError("no main text found in the page")
    return ExtractedArticle(
        title=metadata.title,
        author=metadata.author,
        published_on=metadata.published_on,
        language=guess_language(text, declared=metadata.language),
        text=text,
    )


class _TimeLimitExceeded(BaseException):
    """Derived from BaseException so that no `except Exception` in a parser
    swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionError when the block runs longer than seconds.

    Only on the main thread, where signals are delivered; elsewhere, or with
    seconds <= 0, the block runs without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeLimitExceeded:
        raise ExtractionError(
            f"extraction took longer than {seconds:g} seconds"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
