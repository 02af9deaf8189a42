"""The load_cases and load_demo management commands."""

import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case
from tests.factories import CaseFactory

from .test_bundles import count_rows, make_bundle


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run_manage(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run manage.py in a child process, on a throwaway SQLite database."""
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'child.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_prints_one_summary_line(db, tmp_path):
    path = write_json(tmp_path / "cases.json", make_bundle(cases=2))
    out = StringIO()

    call_command("load_cases", str(path), stdout=out)

    assert out.getvalue().splitlines() == [
        "Loaded 2 cases, 4 persons, 4 name forms, 1 facility, 0 facility names, "
        "0 articles, 2 relatives, 2 detentions, 0 steps, 0 submissions, "
        "0 state claims, 0 citations "
        "(created 15, updated 0, unchanged 0)"
    ]


def test_loads_several_files_in_order(db, tmp_path):
    first = write_json(tmp_path / "a.json", make_bundle(cases=1))
    changed = make_bundle(cases=1)
    changed["cases"][0]["subject"] = changed["persons"][0]["id"]
    changed["cases"][0]["fate"] = "released"
    second = write_json(tmp_path / "b.json", changed)

    call_command("load_cases", str(first), str(second), stdout=StringIO())

    assert Case.objects.get(reference="CT-2099-0001").fate == "released"


def test_missing_file_exits_with_status_2(tmp_path):
    result = run_manage("load_cases", str(tmp_path / "absent.json"), tmp_path=tmp_path)

    assert result.returncode == 2
    assert "absent.json: no such file" in result.stderr


def test_invalid_json_exits_with_status_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "casetracker-case-bundle",', encoding="utf-8")

    result = run_manage("load_cases", str(path), tmp_path=tmp_path)

    assert result.returncode == 2
    assert "broken.json: not valid JSON" in result.stderr


@pytest.mark.parametrize("problem", ["missing file", "invalid JSON", "bad bundle"])
def test_a_bad_last_file_writes_nothing(db, tmp_path, problem):
    CaseFactory()
    before = count_rows()
    good = write_json(tmp_path / "good.json", make_bundle())
    bad = tmp_path / "bad.json"
    if problem == "invalid JSON":
        bad.write_text("{", encoding="utf-8")
    elif problem == "bad bundle":
        bundle = make_bundle()
        bundle["cases"][-1]["subject"] = str(uuid.uuid4())
        write_json(bad, bundle)

    with pytest.raises(CommandError) as error:
        call_command("load_cases", str(good), str(bad), stdout=StringIO())

    assert error.value.returncode == 2
    assert str(bad) in str(error.value)
    assert count_rows() == before


def test_bundle_error_names_file_record_and_field(db, tmp_path):
    bundle = make_bundle()
    bundle["cases"][2]["disappeared"] = "2021-13"
    path = write_json(tmp_path / "cases.json", bundle)

    with pytest.raises(CommandError) as error:
        call_command("load_cases", str(path), stdout=StringIO())

    assert str(error.value) == (
        f"{path}: cases[2] (CT-2099-0003).disappeared: '2021-13' is not a date "
        "of the form YYYY, YYYY-MM or YYYY-MM-DD"
    )


def test_load_demo_loads_every_seed_file(db):
    out = StringIO()

    call_command("load_demo", stdout=out)

    seeds = sorted((Path(settings.BASE_DIR) / "seeds").glob("*.json"))
    references = {
        case["reference"]
        for path in seeds
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    }
    assert set(Case.objects.values_list("reference", flat=True)) == references
    assert out.getvalue().startswith(f"Loaded {len(references)} cases, ")


def test_load_demo_again_reports_nothing_created(db):
    call_command("load_demo", stdout=StringIO())
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "(created 0, updated 0, unchanged " in out.getvalue()


def test_deeply_nested_json_exits_2_with_a_message(tmp_path) -> None:
    path = tmp_path / "nested.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    with pytest.raises(CommandError, match="nested too deeply") as refused:
        call_command("load_cases", str(path))

    assert refused.value.returncode == 2


def test_a_nul_character_exits_2_with_a_message(tmp_path) -> None:
    path = tmp_path / "nul.json"
    path.write_text('{"format": "casetracker\\u0000"}', encoding="utf-8")

    with pytest.raises(CommandError, match="NUL character") as refused:
        call_command("load_cases", str(path))

    assert refused.value.returncode == 2
