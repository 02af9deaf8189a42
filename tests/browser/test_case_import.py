"""The spreadsheet import's preview in Chromium, in English and right to left."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.test_languages import SCREENSHOTS, choose, page_language

pytestmark = pytest.mark.django_db(transaction=True)

SHEET = (
    "subject.names;fate;disappeared\n"
    "Invented Aqsu Person | Инвент Ақсу;camp;2018-04\n"
    "Invented Other Person;not a fate;03/04/2018\n"
)


def upload(browser, url: str, tmp_path) -> None:
    sheet = tmp_path / "cases.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    browser.get(f"{url}/admin/cases/case/import/")
    field = browser.find_element(By.NAME, "file")
    field.send_keys(str(sheet))
    field.submit()


def test_the_preview_names_the_bad_rows_in_english_and_uyghur(
    logged_in, live_server, tmp_path
):
    upload(logged_in, live_server.url, tmp_path)
    english = logged_in.find_element(By.ID, "content").text
    logged_in.save_screenshot(str(SCREENSHOTS / "case_import_preview.png"))
    choose(logged_in, "ug")
    upload(logged_in, live_server.url, tmp_path)
    uyghur = logged_in.find_element(By.ID, "content").text
    logged_in.save_screenshot(str(SCREENSHOTS / "case_import_preview_uyghur.png"))

    assert "Nothing was written. Correct these rows" in english
    for page in (english, uyghur):
        # The bad row, its two columns, and the ambiguous date with its hint.
        assert "3 fate" in page and "3 disappeared" in page
        assert "2018-04-03" in page and "2018-03-04" in page
    assert page_language(logged_in) == ("ug", "rtl")
