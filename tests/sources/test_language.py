import random

import pytest

from bench.news_pages import STORIES, news_pages
from sources.extraction import extract_article
from sources.language import MIN_LETTERS, guess_language


@pytest.mark.parametrize(
    ("language", "story"),
    [(language, story) for language, stories in STORIES.items() for story in stories],
)
def test_tells_the_language_of_a_story_from_its_text(language, story):
    assert guess_language(story, declared="en") == language


def test_tells_the_language_of_at_least_97_percent_of_saved_news_pages():
    pages = news_pages(random.Random(26), copies=3)
    languages = {page.language for page in pages}

    right = sum(
        extract_article(body=page.html, content_type="text/html", url=page.url).language
        == page.language
        for page in pages
    )

    assert len(languages) >= 15
    assert right / len(pages) >= 0.97


def test_the_text_wins_over_a_wrong_declared_language():
    portuguese = STORIES["pt"][0]

    assert guess_language(portuguese, declared="en") == "pt"


def test_the_declared_language_decides_a_text_too_short_to_tell():
    short = "Kardeşim 2018'de kayboldu"
    assert sum(char.isalpha() for char in short) < MIN_LETTERS

    assert guess_language(short, declared="tr-TR") == "tr"


def test_a_short_text_without_a_declaration_is_told_by_its_script():
    assert guess_language("Менің інім 2018 жылы ұсталды") == "kk"
    assert guess_language("ئىنىم 2018-يىلى تۇتۇلدى") == "ug"
    assert guess_language("我的弟弟在2018年失踪") == "zh"
    assert guess_language("弟は2018年に行方不明になった") == "ja"
    assert guess_language("동생이 2018년에 실종됐다") == "ko"


def test_uzbek_in_either_script_is_uzbek():
    cyrillic = (
        "Ўзбекистон пойтахтида бугун янги кўприк очилди. Ҳокимлик маълумотига "
        "кўра, қурилиш икки йил давом этган."
    )

    assert guess_language(STORIES["uz"][0]) == "uz"
    assert guess_language(cyrillic) == "uz"


def test_turkish_and_azerbaijani_are_not_uzbek():
    azerbaijani = (
        "Şəhər şurası çərşənbə axşamı şimal rayonlarını mərkəzi vağzalla "
        "birləşdirəcək yeni avtobus xəttini təsdiqləyib."
    )

    assert guess_language(STORIES["tr"][0]) == "tr"
    assert guess_language(azerbaijani) == "az"
