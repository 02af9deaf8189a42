"""Check the translation catalogues: every string translated, none fuzzy, and
each translation with the placeholders of its English original.

Run as `python -m casetracker.catalogues locale`: prints each problem and exits
with status 1 if there is any. A placeholder lost or misspelt in a translation
would fail at run time, in front of the case worker; here it fails in CI.
"""

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

__all__ = ["placeholders", "problems_in", "problems_in_folder"]

# printf-style (%(name)s, %s, %d, %%) and str.format-style ({name}, {0}) fields.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[sdifr%]|\{\w*\}")


def placeholders(text: str) -> list[str]:
    """Return the placeholders of a message, sorted (their order may change)."""
    return sorted(PLACEHOLDER.findall(text))


def _as_tuple(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _problems_of(message: Message) -> Iterable[str]:
    originals = _as_tuple(message.id or "")
    translations = _as_tuple(message.string or "")
    if message.fuzzy:
        yield "fuzzy"
    if not all(translations):
        yield "untranslated"
        return
    # The singular's placeholders are the plural's too; some languages have one
    # form only, which must carry the plural's (the count included).
    expected = placeholders(originals[-1])
    for translation in translations:
        found = placeholders(translation)
        if found != expected and found != placeholders(originals[0]):
            yield f"placeholders {found} instead of {expected}"


def problems_in(path: Path) -> list[str]:
    """Return the problems of one .po file, each naming the message."""
    with path.open("rb") as po:
        # The folder names the language, whose number of plural forms counts.
        catalog = read_po(po, locale=path.parent.parent.name)
    found = []
    for message in catalog:
        if not message.id:
            continue  # the header
        original = _as_tuple(message.id or "")[0]
        found += [
            f"{path}: {problem}: {original!r}" for problem in _problems_of(message)
        ]
    return found


def problems_in_folder(folder: Path) -> list[str]:
    """Return the problems of every catalogue under a locale folder."""
    catalogues = sorted(folder.glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        return [f"{folder}: no catalogues"]
    return [problem for path in catalogues for problem in problems_in(path)]


if __name__ == "__main__":
    found = problems_in_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "locale"))
    print("\n".join(found) or "Every catalogue is complete.")
    sys.exit(1 if found else 0)
