"""The verify_archive management command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.archive import store_capture
from tests.factories import SourceArticleFactory

from .test_archive import PAGE, page_response

pytestmark = pytest.mark.django_db


def store_pages(count: int) -> list:
    return [
        store_capture(
            article=SourceArticleFactory(),
            response=page_response(f"{PAGE} page {number}".encode()),
        )[0]
        for number in range(count)
    ]


def test_exits_0_on_a_clean_archive(evidence_storage):
    store_pages(3)
    out = StringIO()

    call_command("verify_archive", stdout=out)

    assert out.getvalue() == "Checked 3 captures: 0 with problems.\n"


def test_exits_1_and_names_a_tampered_capture(evidence_storage):
    _clean, tampered, missing = store_pages(3)
    with evidence_storage.open(tampered.body.name, "wb") as stored:
        stored.write(b"<p>an altered page</p>")
    evidence_storage.delete(missing.warc.name)
    out = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("verify_archive", stdout=out)

    assert caught.value.returncode == 1
    assert str(caught.value) == "Checked 3 captures: 2 with problems."
    assert out.getvalue().splitlines() == [
        f"capture {tampered.pk} (article {tampered.article_id}): "
        "body hash differs from the recorded SHA-256",
        f"capture {missing.pk} (article {missing.article_id}): WARC missing",
    ]
    assert "altered" not in out.getvalue()


def test_exits_0_on_an_empty_archive(evidence_storage):
    out = StringIO()

    call_command("verify_archive", stdout=out)

    assert out.getvalue() == "Checked 0 captures: 0 with problems.\n"
