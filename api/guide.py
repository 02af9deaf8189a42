"""The API guide served at /api/v1/guide/: docs/api.md, rendered as HTML, and
the pages it links to (docs/case-bundle.md at /api/v1/guide/case-bundle.md, so
that the same relative link works on the server and in the repository).

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
from django.utils.text import slugify
from markdown_it import MarkdownIt

__all__ = ["PAGES", "guide_html", "guide_path", "recipes"]

# The pages served, by their file name in docs/: only these, never a path.
PAGES = ("api", "case-bundle")


def guide_path(page: str = "api") -> Path:
    """Return where a page's Markdown source is."""
    if page not in PAGES:
        raise ValueError(f"not a page of the guide: {page!r}")
    return Path(settings.BASE_DIR) / "docs" / f"{page}.md"


def guide_html(page: str = "api") -> str:
    """Return a page as HTML, rendered again only when its file changes."""
    path = guide_path(page)
    return _render(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _render(path: Path, _modified: int) -> str:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(path.read_text(encoding="utf-8"))
    for heading, inline in itertools.pairwise(tokens):
        if heading.type == "heading_open":
            # As GitHub names them, so that links to #a-section work in both.
            heading.attrSet("id", slugify(inline.content))
    return parser.renderer.render(tokens, parser.options, {})


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
