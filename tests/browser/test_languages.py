"""Choosing the interface's language in Chromium, and Uyghur right to left.

Issue 20's scenarios: the admin in Uyghur, a case worker switching to Kazakh
and back, a confidential case in Russian, the dashboard in Chinese, and dates
as each language writes them. Each screenshot is saved in the temporary
folder, to look at.
"""

import datetime
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import formats, translation
from django.utils.text import capfirst
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from cases.models import Confidentiality
from tests.browser.admin import PASSWORD, log_in
from tests.browser.test_dashboard import open_dashboard, severe_console_messages
from tests.browser.translations import (
    LANGUAGES,
    english_labels,
    english_strings,
    labels,
    record_texts,
    translation_of,
)
from tests.factories import CaseFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())


def choose(browser, language: str) -> None:
    """Pick a language in the header's selector, which applies it at once."""
    old = browser.find_element(By.TAG_NAME, "html")
    Select(browser.find_element(By.ID, "interface-language")).select_by_value(language)
    WebDriverWait(browser, 10).until(ec.staleness_of(old))


def page_language(browser) -> tuple[str, str]:
    html = browser.find_element(By.TAG_NAME, "html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def column_headers(browser) -> list[str]:
    """Return the change list's column headers, as written (not upper-cased)."""
    headers = browser.find_elements(By.CSS_SELECTOR, "#result_list thead th")
    return [header.get_attribute("textContent").strip() for header in headers]


def translated_labels(language: str, *originals: str) -> list[str]:
    return [capfirst(translation_of(original, language)) for original in originals]


@pytest.fixture
def case_worker_logged_in(browser, live_server):
    """Return the browser logged in as a case worker with a confidential case."""
    worker = user_with_role("Case worker", username="aigerim")
    worker.set_password(PASSWORD)
    worker.save()
    CaseFactory(
        assigned_to=worker,
        confidentiality=Confidentiality.CONFIDENTIAL,
        disappeared_on=datetime.date(2019, 4, 1),
        disappeared_on_precision="month",
    )
    log_in(browser, live_server.url, "aigerim", PASSWORD)
    return browser


def log_out_and_in_again(browser, url: str) -> None:
    """Log out, forget this device's cookies (another device), and log in."""
    browser.find_element(By.CSS_SELECTOR, "#logout-form button").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/logout/"))
    browser.delete_all_cookies()
    log_in(browser, url, "aigerim", PASSWORD)


def test_switches_to_kazakh_and_back(case_worker_logged_in, live_server):
    browser = case_worker_logged_in
    cases = f"{live_server.url}/admin/cases/case/"
    browser.get(cases)
    assert not browser.find_element(
        By.CSS_SELECTOR, ".language-form button"
    ).is_displayed()

    choose(browser, "kk")

    assert page_language(browser) == ("kk", "ltr")
    assert browser.current_url == cases
    kazakh = translated_labels("kk", "reference", "fate", "confidentiality")
    assert set(kazakh) <= set(column_headers(browser))
    browser.save_screenshot(str(SCREENSHOTS / "language_kazakh.png"))
    # Remembered with the user, not only on this device.
    log_out_and_in_again(browser, live_server.url)
    browser.get(cases)
    assert page_language(browser) == ("kk", "ltr")
    assert set(kazakh) <= set(column_headers(browser))

    choose(browser, "en")

    assert page_language(browser) == ("en", "ltr")
    assert {"Reference", "Fate", "Confidentiality"} <= set(column_headers(browser))
    log_out_and_in_again(browser, live_server.url)
    browser.get(cases)
    assert page_language(browser) == ("en", "ltr")


def test_uyghur_turns_the_admin_right_to_left(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/")

    choose(browser, "ug")

    assert page_language(browser) == ("ug", "rtl")
    header = browser.find_element(By.ID, "header")
    assert header.value_of_css_property("direction") == "rtl"
    browser.save_screenshot(str(SCREENSHOTS / "language_uyghur.png"))
    browser.get(f"{live_server.url}/admin/cases/case/")
    browser.save_screenshot(str(SCREENSHOTS / "language_uyghur_cases.png"))
    assert page_language(browser) == ("ug", "rtl")
    table = browser.find_element(By.ID, "result_list")
    assert table.value_of_css_property("direction") == "rtl"
    headers = column_headers(browser)
    uyghur = translated_labels("ug", "reference", "fate", "disappeared", "workflow")
    assert set(uyghur) <= set(headers)
    assert sorted(set(headers) & english_strings("ug")) == []
    # The first column (the reference) is the rightmost.
    first, last = headers.index(uyghur[0]), len(headers) - 1
    columns = browser.find_elements(By.CSS_SELECTOR, "#result_list thead th")
    assert columns[first].location["x"] > columns[last].location["x"]


def test_a_confidential_case_reads_in_russian(case_worker_logged_in, live_server):
    browser = case_worker_logged_in
    browser.get(f"{live_server.url}/admin/cases/case/")
    choose(browser, "ru")
    browser.find_element(By.CSS_SELECTOR, "#result_list tbody th a").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/change/"))
    browser.save_screenshot(str(SCREENSHOTS / "language_russian_confidential.png"))

    assert page_language(browser) == ("ru", "ltr")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=id_confidentiality]")
    assert label.text.rstrip(":") == capfirst(translation_of("confidentiality", "ru"))
    chosen = Select(browser.find_element(By.ID, "id_confidentiality"))
    assert chosen.first_selected_option.text == translation_of("confidential", "ru")
    assert set(translated_labels("ru", "Disappearance")) <= labels(browser)
    assert english_labels(browser, "ru", record_texts()) == []


def test_the_dashboard_reads_in_chinese(logged_in, live_server):
    browser = logged_in
    browser.set_window_size(1400, 2600)  # the whole page, to look at
    browser.get(f"{live_server.url}/admin/")
    choose(browser, "zh-hans")

    open_dashboard(browser, live_server.url)
    browser.save_screenshot(str(SCREENSHOTS / "language_chinese_dashboard.png"))

    assert page_language(browser) == ("zh-hans", "ltr")
    titles = browser.find_elements(By.CSS_SELECTOR, ".dashboard-chart h2")
    assert [title.text for title in titles] == [
        translation_of(title, "zh-hans")
        for title in (
            "Disappearances per month",
            "Cases by fate",
            "Cases by ethnicity",
            "Cases by prefecture of origin",
            "Cases by facility",
        )
    ]
    canvas = browser.find_element(By.CSS_SELECTOR, "#chart-by-fate")
    assert canvas.size["width"] > 100 and canvas.size["height"] > 100
    assert severe_console_messages(browser) == []
    assert english_labels(browser, "zh-hans", record_texts()) == []


def test_a_month_reads_as_the_language_writes_it(case_worker_logged_in, live_server):
    browser = case_worker_logged_in
    browser.get(f"{live_server.url}/admin/cases/case/")
    april = datetime.date(2019, 4, 1)
    shown, expected = {}, {}
    for language in LANGUAGES:
        choose(browser, language)
        cell = browser.find_element(
            By.CSS_SELECTOR, "#result_list td.field-disappeared"
        )
        shown[language] = cell.text
        with translation.override(language):
            expected[language] = formats.date_format(april, "YEAR_MONTH_FORMAT")

    assert shown == expected
    assert shown["zh-hans"] == "2019年4月"
    assert shown["kk"] == "сәуір 2019"
    browser.save_screenshot(str(SCREENSHOTS / "language_month_chinese.png"))


def test_the_case_list_says_in_the_language_what_a_case_lacks(
    case_worker_logged_in, live_server
):
    browser = case_worker_logged_in
    browser.get(f"{live_server.url}/admin/cases/case/")
    choose(browser, "zh-hans")

    column = "#result_list td.field-wgeid_column"
    lacks = browser.find_element(By.CSS_SELECTOR, column).text

    missing = translation_of("missing: %(what)s", "zh-hans").split("%")[0]
    assert lacks.startswith(missing)
    assert not re.search("[A-Za-z]{2,}", lacks), f"English in {lacks!r}"


def test_the_language_is_chosen_before_logging_in(browser, live_server):
    browser.get(f"{live_server.url}/admin/login/")

    choose(browser, "ug")

    assert page_language(browser) == ("ug", "rtl")
    assert browser.find_element(By.NAME, "username").is_displayed()
    browser.save_screenshot(str(SCREENSHOTS / "language_login_uyghur.png"))
