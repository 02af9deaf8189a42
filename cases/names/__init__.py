"""Cross-script name identity (foundation stand-in: case-folded keys only).

NOTE for the names work: keep exporting `search_key` and `detect_script`
(returns an ISO 15924 code: Latn, Cyrl, Arab, Hans, Hant or Zyyy); the models use them.
"""

import unicodedata


def search_key(text: str) -> str:
    """Return a case-folded, space-normalised key for a name."""
    text = unicodedata.normalize("NFKC", text.encode("utf-8", "replace").decode())
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def detect_script(text: str) -> str:
    """Return the ISO 15924 code of the script most letters of the text are in."""
    counts: dict[str, int] = {}
    for char in text:
        name = unicodedata.name(char, "")
        for prefix, code in (
            ("LATIN", "Latn"),
            ("CYRILLIC", "Cyrl"),
            ("ARABIC", "Arab"),
            ("CJK", "Hans"),
        ):
            if name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "Zyyy"
