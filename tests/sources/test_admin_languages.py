"""The article list names languages in the reader's language, not by code."""

import pytest
from django.urls import reverse
from django.utils import translation

from sources.admin.languages import language_name
from tests.factories import SourceArticleFactory

pytestmark = pytest.mark.django_db
ARTICLES = reverse("admin:sources_sourcearticle_changelist")


def test_names_a_language_in_the_readers_language():
    with translation.override("ru"):
        assert language_name("kk") == "казахский"
    with translation.override("en"):
        assert language_name("ug") == "Uyghur"


def test_keeps_a_code_it_does_not_know():
    assert language_name("xx-yy") == "xx-yy"


def test_article_list_and_filter_show_language_names(admin_client):
    SourceArticleFactory(language="kk")
    SourceArticleFactory(language="zh")

    page = admin_client.get(ARTICLES).content.decode()

    assert ">Kazakh<" in page and ">Chinese<" in page
    assert ">kk<" not in page


def test_filters_by_language(admin_client):
    kazakh = SourceArticleFactory(language="kk")
    SourceArticleFactory(language="zh")

    page = admin_client.get(ARTICLES, {"language": "kk"})

    assert list(page.context["cl"].result_list) == [kazakh]
