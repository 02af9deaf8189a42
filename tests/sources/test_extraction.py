import datetime
import threading
import time

import pytest
from lxml.html import fromstring

from sources import extraction
from sources.extraction import (
    ExtractionError,
    canonical_url,
    extract_article,
    guess_language,
    text_fingerprint,
    time_limit,
)
from sources.metadata import read_metadata

# An invented article: the people, the outlet and the events are made up.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Invented families ask about missing relatives | Example Steppe News</title>
  <meta name="author" content="Dana Invented">
  <meta property="article:published_time" content="2021-03-04T09:30:00+06:00">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/login">Log in</a></li></ul></nav>
  <main>
    <article>
      <h1>Invented families ask about missing relatives</h1>
      <p>Relatives of three invented residents of a fictional county gathered on
      Tuesday outside a made-up consulate, holding photographs of people they have
      not heard from since the spring of 2018.</p>
      <p>Aigerim Testovakyzy, a teacher in an invented village, said her brother
      stopped answering calls in March 2018. Officials told the family he was
      studying, she said, but gave no address and no date for his return.</p>
      <p>The group has written to several embassies and to a working group of the
      United Nations, asking for the whereabouts of each person, and says it will
      gather again next month if no answer comes.</p>
    </article>
  </main>
  <footer><p>Copyright 2024 Example Steppe News. All rights reserved.</p>
  <p><a href="/privacy">Privacy</a> | <a href="/contact">Contact</a></p></footer>
</body>
</html>
"""

RUSSIAN_PARAGRAPHS = (
    "<p>Родственники пропавших жителей вымышленного уезда снова пришли к "
    "консульству и держали в руках фотографии своих близких.</p>"
    "<p>По словам организаторов, с весны 2018 года семьи не получили ни одного "
    "письма и ни одного звонка от задержанных родственников.</p>"
    "<p>Участники акции обратились к дипломатам с просьбой сообщить, где "
    "находятся их братья, сёстры и родители.</p>"
)


def russian_page(meta: str = "") -> str:
    return (
        f"<html><head>{meta}<title>Семьи ждут ответа</title></head><body>"
        f"<article><h1>Семьи ждут ответа</h1>{RUSSIAN_PARAGRAPHS}</article>"
        "</body></html>"
    )


def test_extracts_title_author_date_and_main_text_without_boilerplate():
    article = extract_article(
        body=NEWS_PAGE.encode(), content_type="text/html; charset=utf-8"
    )

    assert article.title.startswith("Invented families ask about missing relatives")
    assert article.author == "Dana Invented"
    assert article.published_on == datetime.date(2021, 3, 4)
    assert article.language == "en"
    assert "stopped answering calls in March 2018" in article.text
    for boilerplate in ("Log in", "Sport", "All rights reserved", "Privacy"):
        assert boilerplate not in article.text


def test_reads_cyrillic_page_whose_charset_is_only_in_meta():
    body = russian_page('<meta charset="windows-1251">').encode("cp1251")

    article = extract_article(body=body, content_type="text/html")

    assert "Родственники пропавших жителей" in article.text
    assert article.title == "Семьи ждут ответа"
    assert article.language == "ru"


def test_reads_windows_1251_page_despite_a_wrong_header_charset():
    body = russian_page().encode("cp1251")

    for wrong in ("iso-8859-1", "utf-8"):
        article = extract_article(body=body, content_type=f"text/html; charset={wrong}")
        assert "с весны 2018 года семьи не получили" in article.text


def test_extracts_text_from_broken_html():
    body = (
        "<html><body><div><p>An invented witness said the <b>camp had "
        "two gates<p>and that guards counted the detainees every morning. "
        "The account is invented for this test and names nobody real. " * 4
    ).encode()

    article = extract_article(body=body, content_type="text/html")

    assert "guards counted the detainees every morning" in article.text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "the document is empty"),
        (b"   \n ", "the document is empty"),
        (b"<html><head><title>x</title></head><body></body></html>", "no main text"),
    ],
)
def test_refuses_page_without_text(body, reason):
    with pytest.raises(ExtractionError, match=reason):
        extract_article(body=body, content_type="text/html")


def test_refuses_pdf_with_its_type_in_the_reason():
    with pytest.raises(ExtractionError) as raised:
        extract_article(body=b"%PDF-1.7\n%binary", content_type="application/pdf")

    assert raised.value.reason == "not an HTML or text document (application/pdf)"


def test_refuses_pdf_served_as_html():
    with pytest.raises(ExtractionError, match="application/pdf"):
        extract_article(body=b"%PDF-1.4\n...", content_type="text/html")


def test_refuses_json():
    with pytest.raises(ExtractionError, match=r"\(application/json\)"):
        extract_article(body=b'{"a": 1}', content_type="application/json")


def test_takes_plain_text_as_it_is():
    text = "Invented testimony.\r\nMy brother was taken in April 2018."
    body = text.encode("cp1251")

    article = extract_article(body=body, content_type="text/plain; charset=cp1251")

    assert article.text == "Invented testimony.\nMy brother was taken in April 2018."
    assert (article.title, article.published_on) == ("", None)


def test_guesses_language_from_script():
    assert guess_language("Менің інім 2018 жылы ұсталды") == "kk"
    assert guess_language("Мой брат пропал в 2018 году") == "ru"
    assert guess_language("ئىنىم 2018-يىلى تۇتۇلدى") == "ug"
    assert guess_language("我的弟弟在2018年失踪") == "zh"
    assert guess_language("Kardeşim 2018'de kayboldu", declared="tr") == "tr"


def test_time_limit_stops_a_slow_extraction(settings, monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(extraction, "bare_extraction", slow)
    settings.SOURCES_EXTRACTION_TIME_LIMIT = 0.2

    started = time.monotonic()
    with pytest.raises(ExtractionError, match=r"longer than 0\.2 seconds"):
        extract_article(body=NEWS_PAGE.encode(), content_type="text/html")

    assert time.monotonic() - started < 2


def test_time_limit_does_nothing_outside_the_main_thread():
    outcome = []

    def run():
        with time_limit(0.01):
            time.sleep(0.05)
        outcome.append("finished")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()

    assert outcome == ["finished"]


def test_fingerprint_ignores_whitespace_differences():
    assert text_fingerprint("Two  words\n\nhere ") == text_fingerprint("Two words here")
    assert text_fingerprint("Two words here") != text_fingerprint("Two words there")
    assert len(text_fingerprint("x")) == 64


def test_canonical_url_drops_tracking_parameters_and_fragment():
    url = "HTTPS://News.Example.org:443/a/b?utm_source=x&id=3&fbclid=abc#comments"

    assert canonical_url(url) == "https://news.example.org/a/b?id=3"


@pytest.mark.parametrize(
    "markup",
    [
        "<h1>Invented headline</h1><a rel='author' href='/d'>Dana Invented</a>"
        "<time datetime='2021-03-04'>4 March</time>",
        "<h1>Invented headline</h1>"
        "<span itemprop='datePublished' datetime='2020-05-06'></span>",
        "<p>The authorities said nothing in 2019.</p>",
    ],
)
def test_reads_the_same_metadata_when_it_skips_searches_of_the_page(markup):
    html = f"<html><head></head><body>{markup}</body></html>"
    tree = fromstring(html)

    assert read_metadata(tree, "", html) == read_metadata(tree, "")
