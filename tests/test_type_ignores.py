"""Every silenced type error in shipped code says which error and why."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
APPS = ["casetracker", "cases", "sources", "api", "accounts", "audit", "bench"]
# `# type: ignore[code]` then, on the same line, `# the reason`.
EXPLAINED = re.compile(r"# type: ignore\[[a-z-]+(, [a-z-]+)*\]  # \S")


def unexplained_ignores(text: str) -> list[str]:
    """Return the lines that silence mypy without naming the error and a reason."""
    return [
        line.strip()
        for line in text.splitlines()
        if "type: ignore" in line and not EXPLAINED.search(line)
    ]


def test_every_ignore_names_its_error_code_and_reason() -> None:
    found = {
        str(path.relative_to(BASE_DIR)): lines
        for app in APPS
        for path in sorted((BASE_DIR / app).rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := unexplained_ignores(path.read_text(encoding="utf-8")))
    }

    assert found == {}


def test_the_check_finds_a_bare_ignore_and_one_without_a_reason() -> None:
    text = (
        "a = b  # type: ignore\n"
        "c = d  # type: ignore[attr-defined]\n"
        "e = f  # type: ignore[attr-defined]  # simple_history adds it\n"
    )

    assert unexplained_ignores(text) == [
        "a = b  # type: ignore",
        "c = d  # type: ignore[attr-defined]",
    ]
