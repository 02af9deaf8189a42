"""What text a database can store: JSON values without NUL or lone surrogates.

PostgreSQL's text holds neither a NUL character nor half of a surrogate pair,
and both parse from JSON ("\\u0000", "\\ud800"). The API's parser and the bundle
loader refuse them before they reach the database.
"""

import json
from typing import Any


def unstorable(value: Any) -> str | None:
    """Return what in a parsed JSON value no database can store, or None.

    Raise RecursionError for a value nested too deeply to walk.
    """
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeError:
        return "an unpaired surrogate"
    if _holds_nul(value):
        return "a NUL character"
    return None


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False
