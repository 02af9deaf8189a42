import pytest

from sources.extraction import extract_article, media_type_of_file, sniff_media_type
from sources.importing import Upload, import_article, queue_upload
from sources.models import ArticleState
from tests.sources.articles import seed_page


@pytest.mark.parametrize("name", ["story.php", "story.aspx", "story.jsp", "story"])
def test_a_page_saved_under_a_name_that_does_not_say_is_html(name):
    assert media_type_of_file(name, seed_page()) == "text/html"


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>", "text/html"),
        (b'<?xml version="1.0"?>\n<html xmlns="x"><body>', "text/html"),
        (b"\n  <!-- saved from url=(0042)https://x.test/ -->\n<html>", "text/html"),
        (b"<div class='story'><p>Bus route approved</p></div>", "text/html"),
        (b"%PDF-1.7\n%binary", "application/pdf"),
        (b"The council approved a <b>new</b> route.", "text/plain"),
        (b"PK\x03\x04\x00\x00binary", "application/octet-stream"),
    ],
)
def test_sniffs_the_type_from_the_bytes(data, media_type):
    assert sniff_media_type(data) == media_type


def test_a_name_that_says_wins_over_the_bytes():
    assert media_type_of_file("notes.txt", b"<html><body>x</body></html>") == (
        "text/plain"
    )
    assert media_type_of_file("report.pdf", b"%PDF-1.4") == "application/pdf"


def test_a_saved_page_stored_as_text_is_read_as_html_again():
    article = extract_article(
        body=seed_page(), content_type="text/plain", url="file:story.aspx"
    )

    assert "<p>" not in article.text
    assert article.title


@pytest.mark.django_db
def test_imports_a_page_saved_as_php_as_html(evidence_storage):
    upload = Upload("protests-2021-02-10.php", seed_page())

    article = import_article(article=queue_upload(upload=upload))

    assert article.state == ArticleState.MATCHED
    assert article.captures.get().content_type == "text/html"
    assert "<" not in article.text
    assert article.text.startswith("Protests")
