"""What the browser tests know of the English strings and their translations.

The English strings are the originals (msgids) of our catalogues and of Django's
admin and auth, Python and JavaScript. One counts as English in a language
unless that language's catalogue translates it as itself ("API"); one with a
placeholder is left out, since the page shows it filled in, and so is a single
letter.
"""

import functools
import re
from pathlib import Path

import django
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import to_locale

from casetracker.catalogues import placeholders

__all__ = [
    "LANGUAGES",
    "english_labels",
    "english_strings",
    "labels",
    "record_texts",
    "translation_of",
]

# The interface's languages other than English.
LANGUAGES = ["ru", "kk", "ug", "tr", "zh-hans"]
# Those not written in Latin letters, where English no catalogue knows shows.
NOT_LATIN = {"ru", "kk", "ug", "zh-hans"}
# Two words or more, all in Latin letters: "Import from a spreadsheet".
LATIN_PHRASE = re.compile(r"[A-Za-z]+(?:[ ,'’-]+[A-Za-z]+)+")

# The texts of the elements that name things, each whole; what the records say
# is left out: the rows of a change list, the records named in "Recent
# actions" and the dashboard's recent lists, the record's name over its change
# page, read-only values, and the options that stand for a record (their value
# is its id).
LABELS = """
const named = "label, th, h1, h2, h3, legend, caption, button, a, option, dt, "
  + ".help, summary, .figure-list span:not(.figure)";
const records = "#result_list tbody, .actionlist, .recent-list, #content > h2, "
  + ".readonly";
const texts = [];
for (const element of document.querySelectorAll(named)) {
  const record = element.closest(records)
    || (element.tagName === "OPTION" && /^\\d+$/.test(element.value));
  if (!record) {
    texts.push(element.textContent);
  }
}
const buttons = "input[type=submit], input[type=button]";
for (const button of document.querySelectorAll(buttons)) {
  texts.push(button.value);
}
return texts;
"""

DJANGO = Path(django.__file__).parent
DJANGO_APPS = [DJANGO / "contrib" / "admin", DJANGO / "contrib" / "auth"]


def _catalogue(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as po:
        return read_po(po)


def _ours(language: str) -> list[Catalog]:
    """Return our catalogues of a language, first the one that wins."""
    paths = [
        Path(folder) / to_locale(language) / "LC_MESSAGES" / "django.po"
        for folder in settings.LOCALE_PATHS
    ]
    return [catalogue for catalogue in map(_catalogue, paths) if catalogue]


def _djangos(language: str) -> list[Catalog]:
    """Return Django's admin and auth catalogues of a language (or English)."""
    paths = [
        app / "locale" / to_locale(language) / "LC_MESSAGES" / f"{domain}.po"
        for app in DJANGO_APPS
        for domain in ("django", "djangojs")
    ]
    return [catalogue for catalogue in map(_catalogue, paths) if catalogue]


def _singulars(catalogue: Catalog) -> dict[str, str]:
    """Return each singular original and its translation ("" if none)."""
    found = {}
    for message in catalogue:
        if not message.id:
            continue  # the header
        original = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string
        translation = string if isinstance(string, str) else (string or [""])[0]
        found[original] = "" if message.fuzzy else translation
    return found


@functools.cache
def translations(language: str) -> dict[str, str]:
    """Return every original and its translation in the language, as Django
    would find it: our catalogues first, then Django's."""
    found: dict[str, str] = {}
    for catalogue in [*_ours(language), *_djangos(language)]:
        for original, translation in _singulars(catalogue).items():
            if not found.get(original):
                found[original] = translation
    return found


def translation_of(original: str, language: str) -> str:
    """Return the catalogue's translation of an English string."""
    translation = translations(language).get(original)
    assert translation, f"no {language} translation of {original!r}"
    return translation


@functools.cache
def english_strings(language: str) -> frozenset[str]:
    """Return the English strings a page in the language must not show, each
    as written and with a capital (Django capitalises labels)."""
    originals = set(translations("en"))
    for catalogue in _ours(language):
        originals |= set(_singulars(catalogue))
    translated = translations(language)
    english = {
        original
        for original in originals
        if translated.get(original) != original
        and not placeholders(original)
        # One letter is ambiguous: the calendar's "T" is Tuesday in English,
        # and Salı ("S") is Tuesday in Turkish.
        and len(original) > 1
    }
    return frozenset(english | {capfirst(text) for text in english})


def labels(browser) -> set[str]:
    """Return the page's labels, each stripped of spaces, ":" and "*"."""
    texts = browser.execute_script(LABELS)
    return {" ".join(text.split()).rstrip(":*").strip() for text in texts} - {""}


def record_texts() -> frozenset[str]:
    """Return every text the records hold (names, titles, places, groups):
    data, which stays as it was written, in any language."""
    texts: set[str] = set()
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
        ]
        for row in model._default_manager.values_list(*fields) if fields else []:
            texts.update(" ".join(str(value).split()) for value in row if value)
    return frozenset(texts)


def english_labels(
    browser, language: str, data: frozenset[str] = frozenset()
) -> list[str]:
    """Return the page's labels left in English, sorted: the catalogues'
    English strings, and in a language not written in Latin letters any
    phrase in Latin letters (a string not marked for translation, or marked
    but not yet in the catalogues). Texts in `data` (record_texts) are not
    labels."""
    found = labels(browser) - data
    english = found & english_strings(language)
    if language in NOT_LATIN:
        english |= {text for text in found if LATIN_PHRASE.fullmatch(text)}
    return sorted(english)
