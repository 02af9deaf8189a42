"""The translation catalogue check that CI runs."""

from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

from casetracker.catalogues import placeholders, problems_in, problems_in_folder

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalogue(tmp_path: Path, body: str, language: str = "kk") -> Path:
    path = tmp_path / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_reads_printf_and_format_placeholders():
    assert placeholders("%(count)s cases, {name} and %d%%") == [
        "%%",
        "%(count)s",
        "%d",
        "{name}",
    ]


def test_a_complete_catalogue_has_no_problem(tmp_path):
    path = catalogue(tmp_path, 'msgid "Viewed %(case)s"\nmsgstr "%(case)s қаралды"\n')

    assert problems_in(path) == []


def test_finds_an_untranslated_string(tmp_path):
    path = catalogue(tmp_path, 'msgid "Relative"\nmsgstr ""\n')

    assert problems_in(path) == [f"{path}: untranslated: 'Relative'"]


def test_finds_a_fuzzy_translation(tmp_path):
    path = catalogue(tmp_path, '#, fuzzy\nmsgid "Facility"\nmsgstr "Мекеме"\n')

    assert problems_in(path) == [f"{path}: fuzzy: 'Facility'"]


def test_finds_a_placeholder_lost_or_misspelt(tmp_path):
    path = catalogue(
        tmp_path, 'msgid "Viewed %(case)s"\nmsgstr "%(іс)s қаралды"\n', "kk"
    )

    [problem] = problems_in(path)
    assert "placeholders ['%(іс)s'] instead of ['%(case)s']" in problem


def test_a_single_plural_form_carries_the_count(tmp_path):
    body = (
        'msgid "one case"\nmsgid_plural "%(count)d cases"\n'
        'msgstr[0] "%(count)d 个案件"\n'
    )

    assert problems_in(catalogue(tmp_path, body, "zh_Hans")) == []


def test_a_folder_without_catalogues_is_a_problem(tmp_path):
    assert problems_in_folder(tmp_path) == [f"{tmp_path}: no catalogues"]


def test_every_language_has_a_complete_catalogue():
    root = Path(settings.BASE_DIR)
    for code, _name in settings.LANGUAGES:
        if code != "en":
            assert (
                root / "locale" / to_locale(code) / "LC_MESSAGES/django.po"
            ).exists()
    assert problems_in_folder(root / "locale") == []
    assert problems_in_folder(root / "locale_django") == []


def test_the_image_compiles_every_catalogue():
    dockerfile = (Path(settings.BASE_DIR) / "Dockerfile").read_text()

    assert "locale/*/LC_MESSAGES/*.po locale_django/*/LC_MESSAGES/*.po" in dockerfile
    assert "pybabel -q compile" in dockerfile
