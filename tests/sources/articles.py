"""Article pages for import tests, built around the demo's protest article.

seeds/articles/ retells, in our words, the public facts of the founding article
(../shared/seeds): the same two activists, named the same ways in the same order,
and the same day count, so that the tests need nothing beside the project.
"""

import html
from pathlib import Path

from django.conf import settings

PROTEST_ARTICLE = (
    Path(settings.BASE_DIR) / "seeds/articles/protests-ankara-almaty-2021-02-10.txt"
)


def seed_text() -> str:
    """Return the protest article's text, as a saved text file holds it."""
    return PROTEST_ARTICLE.read_text(encoding="utf-8")


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
