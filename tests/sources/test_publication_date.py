import random
from datetime import date

from bench.news_pages import news_pages
from sources.extraction import extract_article
from sources.metadata import url_date
from tests.sources.articles import news_page

STORY = ["The council approved a new bus route to the central station. " * 6]


def page_with(head: str = "", body: str = "") -> bytes:
    page = news_page("Bus route approved", STORY).decode()
    page = page.replace("</head>", head + "</head>")
    return page.replace("</article>", body + "</article>").encode()


def published_on(page: bytes, url: str = "") -> date | None:
    return extract_article(body=page, content_type="text/html", url=url).published_on


def test_dates_of_at_least_95_percent_of_pages_equal_their_url_date():
    pages = news_pages(random.Random(19), copies=3)

    right = sum(
        published_on(page.html, page.url) == page.published_on for page in pages
    )

    assert right / len(pages) >= 0.95


def test_a_url_date_is_read_year_month_day():
    url = "https://news.example.org/2019/11/19/bus-route.html"

    assert url_date(url) == date(2019, 11, 19)
    assert published_on(page_with(), url) == date(2019, 11, 19)


def test_a_url_without_a_valid_date_gives_none():
    assert url_date("https://news.example.org/2019/31/12/x") is None
    assert url_date("https://news.example.org/story?id=2019/11/19") is None


def test_a_timestamp_keeps_the_day_it_was_written_with():
    late = (
        '<meta property="article:published_time" content="2019-11-19T23:30:00-05:00">'
    )
    early = (
        '<script type="application/ld+json">'
        '{"datePublished": "2019-11-19T01:10:00+08:00"}</script>'
    )

    assert published_on(page_with(head=late)) == date(2019, 11, 19)
    assert published_on(page_with(body=early)) == date(2019, 11, 19)


def test_the_publishers_tag_wins_over_a_related_storys_date():
    page = page_with(
        head='<meta property="article:published_time" content="2021-02-10T08:00:00Z">',
        body="<aside><time datetime='2020-06-01'>1 June 2020</time></aside>",
    )

    assert published_on(page) == date(2021, 2, 10)


def test_a_date_only_in_the_text_is_found_by_the_extensive_search():
    page = page_with(body="<p class='byline'>Published 19 November 2019, 10:42</p>")

    assert published_on(page, "file:bus-route.php") == date(2019, 11, 19)


def test_a_saved_page_dated_in_its_head_keeps_that_date_over_a_related_story():
    page = page_with(
        head='<meta name="pubdate" content="20191119">',
        body="<aside><time datetime='2019-03-02'>2 March 2019</time></aside>",
    )

    assert published_on(page, "file:bus-route.aspx") == date(2019, 11, 19)


def test_saved_pages_with_date_markup_keep_their_date():
    pages = [
        page
        for page in news_pages(random.Random(7), copies=2)
        if b"published_time" in page.html
        or b"datePublished" in page.html
        or b"pubdate" in page.html
    ]

    right = sum(
        published_on(page.html, "file:saved.php") == page.published_on for page in pages
    )

    assert right == len(pages)
