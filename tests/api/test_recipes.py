"""The guide's recipes, read from docs/api.md and run against a live server."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from api.guide import guide_path, recipes
from api.models import ApiToken
from api.views.cases import perms
from cases.merging import merge_persons
from cases.models import Confidentiality
from tests.factories import CaseFactory, DetentionFactory, RelativeFactory, UserFactory
from tests.services import missing

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("access_log_emptied_after"),
]

# A reader of public and restricted cases (not confidential ones), who may
# read bundles: they hold persons, facilities and articles too.
READER = [*perms("view"), "cases.view_restricted_case", "cases.view_detention"]
RECIPES = recipes(guide_path().read_text(encoding="utf-8"))


@pytest.fixture
def reader_token() -> str:
    user = UserFactory()
    for perm in READER:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    _token, secret = ApiToken.objects.issue(user=user, read_only=True)
    return secret


@pytest.fixture
def run(live_server, reader_token, tmp_path, settings):
    """Return a runner of a recipe in a directory, as a reader would run it."""
    settings.API_CHANGES_SETTLE_SECONDS = 0
    env = {**os.environ, "API": f"{live_server.url}/api/v1", "TOKEN": reader_token}

    def run_recipe(name: str, *, cwd: Path = tmp_path, page_size: int = 500) -> Path:
        code = RECIPES[name].replace("page_size=500", f"page_size={page_size}")
        if name.endswith("-python") or name == "sync":
            command = [sys.executable, "-c", code]
        else:
            if not shutil.which("jq"):
                # The guide's curl recipes read JSON with jq, as a reader would.
                missing("jq", "install it (apt: jq) to run the guide's curl recipes")
            command = ["bash", "-euo", "pipefail", "-c", code]
        cwd.mkdir(exist_ok=True)
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return cwd

    return run_recipe


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("recipe", ["pull-all-curl", "pull-all-python"])
def test_pulling_every_case_follows_next(run, recipe: str) -> None:
    cases = CaseFactory.create_batch(5)

    pulled = lines(run(recipe, page_size=2) / "cases.jsonl")

    assert sorted(c["reference"] for c in pulled) == sorted(c.reference for c in cases)


def test_the_python_pull_backs_off_when_throttled(run, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/second", "user": "2/second"},
    }
    CaseFactory.create_batch(5)

    pulled = lines(run("pull-all-python", page_size=1) / "cases.jsonl")

    assert len(pulled) == 5


def test_exporting_everything_streams_three_files(run) -> None:
    cases = [CaseFactory(fate="camp"), CaseFactory(fate="camp"), CaseFactory()]

    folder = run("export-all")

    content = (folder / "cases.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["reference"] for row in rows] == [case.reference for case in cases]
    assert len(lines(folder / "camps.jsonl")) == 2
    bundle = json.loads((folder / "cases.bundle.json").read_text(encoding="utf-8"))
    assert len(bundle["cases"]) == 3


def test_a_copy_kept_in_sync_equals_a_fresh_pull(run, tmp_path) -> None:
    kept, hidden, deleted = (RelativeFactory().case for _ in range(3))
    DetentionFactory(case=kept)
    folder = run("sync", cwd=tmp_path / "copy")

    added = RelativeFactory(case=CaseFactory(summary="New.")).case
    kept.summary = "Edited."
    kept.save()
    merge_persons(
        keep=kept.relatives.get().person,
        duplicate=added.relatives.get().person,
        actor=UserFactory(),
    )
    hidden.confidentiality = Confidentiality.CONFIDENTIAL
    hidden.save()
    deleted.relatives.get().delete()
    deleted.delete()
    run("sync", cwd=folder)
    fresh = run("sync", cwd=tmp_path / "fresh")

    copy = json.loads((folder / "copy.json").read_text(encoding="utf-8"))
    expected = json.loads((fresh / "copy.json").read_text(encoding="utf-8"))
    assert copy["records"] == expected["records"]
    assert added.reference in copy["records"]["case"]
    assert hidden.reference not in copy["records"]["case"]
