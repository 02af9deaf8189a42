"""The access rule lives in one module: cases/access.py."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = ("cases", "sources", "api", "accounts", "audit", "casetracker")
# A permission, as code names it: "cases.view_case", "sources.change_lead".
CASES_PERMISSION = re.compile(
    r"""["'](cases|sources)\.(view|add|change|delete)_\w+["']"""
)


def test_no_module_but_the_access_module_names_a_permission() -> None:
    naming = [
        f"{path.relative_to(BASE_DIR)}:{number}"
        for app in APPS
        for path in sorted((BASE_DIR / app).rglob("*.py"))
        if "migrations" not in path.parts and path != BASE_DIR / "cases/access.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if CASES_PERMISSION.search(line)
    ]

    assert naming == []


def test_the_check_finds_a_permission_string() -> None:
    assert CASES_PERMISSION.search('user.has_perm("cases.view_relative")')
    assert CASES_PERMISSION.search('["sources.change_lead"]')
    assert not CASES_PERMISSION.search("`cases.view_sensitive_fields` in prose")
