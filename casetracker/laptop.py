"""Write the laptop configuration: a `.env` beside manage.py, once.

`make run` calls `python -m casetracker.laptop`. The file turns DEBUG on and holds
a generated SECRET_KEY and FIELD_ENCRYPTION_KEYS, so that every `manage.py`
command afterwards runs as the server does. It is never overwritten: the
encryption key is what makes the relatives' contacts and testimony in the SQLite
file readable.
"""

import os
import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
# The key DEBUG used before this file existed: a SQLite file made then is
# encrypted with it, so it stays second, for decryption only.
FORMER_DEVELOPMENT_KEY = "Y2FzZXRyYWNrZXItZGV2LWtleS1uZXZlci1pbi11c2U="

HEADER = """\
# Written once by `make run` for this computer; never committed, never overwritten.
# FIELD_ENCRYPTION_KEYS encrypts relatives' contact details, testimony and ID
# numbers in the database: without this file that data cannot be read. Back this
# file up with var/casetracker.sqlite3, but keep the copies apart.
"""


def laptop_configuration(*, former_data: bool) -> str:
    """Return the text of a new laptop `.env`, with freshly generated secrets."""
    keys = [Fernet.generate_key().decode()]
    if former_data:
        keys.append(FORMER_DEVELOPMENT_KEY)
    lines = [
        "DEBUG=true",
        f"SECRET_KEY={secrets.token_urlsafe(50)}",
        f"FIELD_ENCRYPTION_KEYS={','.join(keys)}",
    ]
    if former_data:
        lines.insert(2, "# The older data's key is second: manage.py rotate_keys")
    return HEADER + "\n".join(lines) + "\n"


def write_once(path: Path, text: str) -> bool:
    """Create path, readable by its owner only, with text; leave an existing file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    return True


def write_laptop_env(base_dir: Path) -> Path | None:
    """Write `.env` in base_dir unless there is one; return its path if written."""
    path = base_dir / ".env"
    former_data = (base_dir / "var" / "casetracker.sqlite3").exists()
    if write_once(path, laptop_configuration(former_data=former_data)):
        return path
    return None


if __name__ == "__main__":
    written = write_laptop_env(BASE_DIR)
    if written:
        print(f"Wrote {written} (DEBUG on, new keys): back it up with the database.")
    sys.exit(0)
