"""The API guide served at /api/v1/guide/: docs/api.md, rendered as HTML, and
the pages it links to (docs/case-bundle.md at /api/v1/guide/case-bundle.md, so
that the same relative link works on the server and in the repository). The
guide is shown in the reader's language where a translation is kept beside it
(docs/api.ru.md, docs/api.zh-hans.md...), its recipes the same code as the
English guide's (a test compares them).

One source for the repository and the server: the Markdown file is read from
the project (the Docker image copies it; .dockerignore keeps it) and rendered
by markdown-it-py in CommonMark mode with tables, raw HTML off, so that
anything in it is shown as text and never run; unsafe link schemes
(javascript:, data:...) are refused by the parser.
"""

import functools
import itertools
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from markdown_it import MarkdownIt

__all__ = ["PAGES", "guide_html", "guide_path", "heading_id", "recipes", "translations"]

# The pages served, by their file name in docs/: only these, never a path.
PAGES = ("api", "case-bundle", "importing-spreadsheets")


def guide_path(page: str = "api", language: str = "en") -> Path:
    """Return where a page's Markdown source is, in English or a language."""
    if page not in PAGES:
        raise ValueError(f"not a page of the guide: {page!r}")
    docs = Path(settings.BASE_DIR) / "docs"
    return docs / (f"{page}.md" if language == "en" else f"{page}.{language}.md")


def translations(page: str = "api") -> dict[str, Path]:
    """Return the page's translations that exist, by language code."""
    found = {}
    for code, _name in settings.LANGUAGES:
        path = guide_path(page, code)
        if code != "en" and path.exists():
            found[code] = path
    return found


def guide_html(page: str = "api") -> str:
    """Return a page as HTML in the active language (English if it has no
    translation), rendered again only when its file changes."""
    path = translations(page).get(translation.get_language(), guide_path(page))
    return _render(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _render(path: Path, _modified: int) -> str:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(path.read_text(encoding="utf-8"))
    for heading, inline in itertools.pairwise(tokens):
        if heading.type == "heading_open":
            heading.attrSet("id", heading_id(inline.content))
    return parser.renderer.render(tokens, parser.options, {})


def heading_id(text: str) -> str:
    """Return a heading's anchor, as GitHub names it in any script, so that
    links to #a-section work in both."""
    return slugify(text, allow_unicode=True)


def recipes(text: str) -> dict[str, str]:
    """Return the guide's recipes: fenced code blocks whose first line is
    `# recipe: <name>`, by name, without that line."""
    found = {}
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        first, _newline, rest = token.content.partition("\n")
        if first.startswith("# recipe: "):
            found[first.removeprefix("# recipe: ").strip()] = rest
    return found
