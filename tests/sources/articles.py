"""Article pages for import tests, built around the founding article's text.

The text is read from ../shared/seeds at test time: the project never copies it.
"""

import html
from pathlib import Path

from django.conf import settings

SEED_ARTICLE = Path(settings.BASE_DIR).parent / "shared/seeds/000_0da5ab883f49f117.txt"


def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def news_page(title: str, paragraphs: list[str]) -> bytes:
    """Return a news page with boilerplate around the article's paragraphs."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<article><h1>{html.escape(title)}</h1>
{body}
</article>
<footer>Copyright Example News. <a href="/privacy">Privacy</a></footer>
</body></html>""".encode()


def seed_page() -> bytes:
    return news_page(
        "Protests at Chinese missions in Ankara and Almaty",
        seed_text().split("\n"),
    )
