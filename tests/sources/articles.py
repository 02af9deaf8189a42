"""Article pages for import tests, built around a protest article of our own.

The article retells, in our words, the public facts of the founding article
(../shared/seeds): the same two activists, named the same ways in the same order,
and the same day count, so that the tests need nothing beside the project.
"""

import html

PROTEST_ARTICLE = """\
date 2021-02-10 Relatives of people held in Xinjiang gathered this week in front of \
the Chinese missions in Ankara and Almaty, asking where their family members are.

In Ankara, a crowd of Uighurs stood a few hundred metres from the embassy on \
Tuesday with pictures of parents, brothers and daughters who stopped answering \
their phones years ago. The police kept journalists at a distance and took \
several demonstrators away.

In Almaty, Kazakhs have come to the consulate day after day. One of them, \
Baibolat Kunbolat, held up a picture of his younger brother on Feb. 2 and said \
that he had been taken in Xinjiang. "Today is the 1,049th day," he told the \
people filming him.

The police took Kunbolat away and let him go the same evening. When he came back \
on Tuesday he was charged with organising an unlawful gathering and given ten \
days of detention.

Serikzhan Bilash, who was born in Xinjiang and later became a citizen of \
Kazakhstan, said on Wednesday that anger at Beijing was growing across Central \
Asia.

Bilash leads Ata-Jurt Eriktileri, a volunteer group that records the cases of \
Kazakhs held in the camps.

According to Bilash, families in Xinjiang lose their passports and may not speak \
with relatives abroad on WeChat.

Bilash also said that officials in Almaty let supporters of Beijing threaten the \
families who speak out.
"""


def seed_text() -> str:
    """Return the protest article's text, as a saved text file holds it."""
    return PROTEST_ARTICLE


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
