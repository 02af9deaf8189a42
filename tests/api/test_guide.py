"""The guide at /api/v1/guide/: docs/api.md, served, linked and safe."""

import pathlib
import re
from urllib.parse import unquote

import pytest
from django.conf import settings

from api.guide import guide_path, heading_id, recipes, translations

pytestmark = pytest.mark.django_db
ROOT = pathlib.Path(settings.BASE_DIR)


def test_the_guide_is_docs_api_md_as_html(client) -> None:
    response = client.get("/api/v1/guide/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="keeping-a-copy-in-sync">Keeping a copy in sync</h2>' in html
    assert "<table>" in html and "cases/export/csv/" in html
    assert '<a href="#pulling-everything">' in html


def test_the_guide_runs_no_script_and_escapes_markup(client, tmp_path, settings):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "api.md").write_text(
        "# Guide\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
        encoding="utf-8",
    )
    settings.BASE_DIR = tmp_path

    response = client.get("/api/v1/guide/")

    html = response.content.decode()
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "style=" not in html and "<style" not in html
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy


def test_the_guides_links_to_its_other_pages_are_served(client) -> None:
    html = client.get("/api/v1/guide/").content.decode()
    assert 'href="case-bundle.md"' in html
    assert 'href="importing-spreadsheets.md"' in html

    for linked in ("case-bundle.md", "importing-spreadsheets.md"):
        page = client.get(f"/api/v1/guide/{linked}")
        assert page.status_code == 200
        assert "<h1" in page.content.decode()


def test_only_the_guides_pages_are_served(client) -> None:
    assert client.get("/api/v1/guide/benchmarks.md").status_code == 404
    assert client.get("/api/v1/guide/..%2Fpyproject.md").status_code == 404


def test_the_swagger_page_and_the_admin_link_to_the_guide(client, admin_client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "[/api/v1/guide/](/api/v1/guide/)" in schema["info"]["description"]

    admin = admin_client.get("/admin/").content.decode()
    assert 'href="/api/v1/guide/"' in admin


def test_the_image_keeps_the_guide() -> None:
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ignored.index("!docs/api.md") > ignored.index("docs/")
    assert ignored.index("!docs/case-bundle.md") > ignored.index("docs/")
    assert ignored.index("!docs/importing-spreadsheets.md") > ignored.index("docs/")
    assert guide_path() == ROOT / "docs" / "api.md"


def test_the_guide_has_its_recipes() -> None:
    found = recipes(guide_path().read_text(encoding="utf-8"))

    assert set(found) == {"pull-all-curl", "pull-all-python", "export-all", "sync"}


@pytest.mark.parametrize("language", ["en", "ru", "kk", "ug", "tr", "zh-hans"])
def test_the_guide_is_in_each_language_with_the_same_recipes(language) -> None:
    path = translations().get(language, guide_path())
    if language != "en":
        assert path == guide_path("api", language), f"no guide in {language}"

    assert recipes(path.read_text(encoding="utf-8")) == recipes(
        guide_path().read_text(encoding="utf-8")
    )


def test_every_link_within_a_guide_has_its_heading(client) -> None:
    for language in ["en", *translations()]:
        html = client.get("/api/v1/guide/", HTTP_ACCEPT_LANGUAGE=language)
        page = html.content.decode()
        anchors = set(re.findall(r'id="([^"]+)"', page))
        # The renderer percent-encodes a link's letters outside ASCII.
        links = {unquote(link) for link in re.findall(r'href="#([^"]+)"', page)}
        assert links, language
        assert links <= anchors, f"{language}: {sorted(links - anchors)}"


def test_the_guide_is_shown_in_the_readers_language(client) -> None:
    russian = guide_path("api", "ru").read_text(encoding="utf-8")
    heading = next(line for line in russian.splitlines() if line.startswith("## "))

    page = client.get("/api/v1/guide/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert f'id="{heading_id(heading[3:])}"' in page
    assert '<html lang="ru" dir="ltr">' in page
