import json
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.models import ArticleState, ImportJob, SourceArticle
from tests.sources.articles import news_page, seed_page, seed_text
from tests.sources.conftest import Route

pytestmark = pytest.mark.django_db
HTML = {"Content-Type": "text/html; charset=utf-8"}


def run(*args: str) -> list[dict]:
    out = StringIO()
    call_command("import_article", *args, "--json", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_prints_the_import_as_json(local_server, evidence_storage):
    call_command("load_demo")
    local_server.routes["/news"] = Route(headers=HTML, body=seed_page())

    (result,) = run(local_server.url("/news"))

    assert set(result) >= {
        "article_id",
        "title",
        "language",
        "sha256",
        "mentions",
        "leads",
    }
    names = {mention["person_name"] for mention in result["mentions"]}
    assert names == {"Baibolat Kunbolat", "Serikzhan Bilash"}
    first = result["mentions"][0]
    article = SourceArticle.objects.get(pk=result["article_id"])
    assert article.text[first["start"] : first["end"]] == first["text"]
    assert first["status"] == "suggested"
    assert len(result["sha256"]) == 64


def test_prints_one_line_per_path_and_imports_files(tmp_path, evidence_storage):
    first, second = tmp_path / "one.txt", tmp_path / "two.html"
    first.write_text(seed_text(), encoding="utf-8")
    second.write_bytes(news_page("Invented", ["An invented testimony. " * 30]))

    results = run(str(first), str(second))

    assert len(results) == 2
    assert SourceArticle.objects.filter(state=ArticleState.MATCHED).count() == 2


def test_exits_1_with_the_reason_when_an_import_fails(local_server, evidence_storage):
    with pytest.raises(CommandError) as raised:
        run(local_server.url("/missing"))

    assert raised.value.returncode == 1
    assert SourceArticle.objects.get().failure_reason


@pytest.mark.parametrize("args", [[], ["neither-a-url-nor-a-file"]])
def test_exits_2_for_bad_arguments(args):
    with pytest.raises(CommandError) as raised:
        call_command("import_article", *args)

    assert raised.value.returncode == 2
    assert not SourceArticle.objects.exists()


def test_imports_a_batch_file_into_one_job(tmp_path, local_server, evidence_storage):
    local_server.routes["/a"] = Route(
        headers=HTML, body=news_page("A", ["Text a. " * 40])
    )
    local_server.routes["/b"] = Route(
        headers=HTML, body=news_page("B", ["Text b. " * 40])
    )
    batch = tmp_path / "urls.txt"
    batch.write_text(
        f"# invented\n{local_server.url('/a')}\n\n{local_server.url('/b')}\n"
    )

    results = run("--batch", str(batch))

    assert len(results) == 2
    assert ImportJob.objects.get().progress()["matched"] == 2


def test_exit_status_of_a_real_run_is_2_for_bad_arguments():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article"],
        capture_output=True,
        text=True,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin", "READ_DOT_ENV": "false"},
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 2
    assert "give at least one URL" in result.stderr
