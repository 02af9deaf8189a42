"""Choosing the interface's language in Chromium, and Uyghur right to left."""

import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

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


def test_switches_to_kazakh_and_back(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/case/")
    assert not browser.find_element(
        By.CSS_SELECTOR, ".language-form button"
    ).is_displayed()

    choose(browser, "kk")

    assert page_language(browser) == ("kk", "ltr")
    assert browser.current_url.endswith("/admin/cases/case/")
    browser.save_screenshot(str(SCREENSHOTS / "language_kazakh.png"))
    choose(browser, "en")
    assert page_language(browser) == ("en", "ltr")


def test_uyghur_turns_the_admin_right_to_left(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/")

    choose(browser, "ug")

    assert page_language(browser) == ("ug", "rtl")
    header = browser.find_element(By.ID, "header")
    assert header.value_of_css_property("direction") == "rtl"
    browser.save_screenshot(str(SCREENSHOTS / "language_uyghur.png"))


def test_the_language_is_chosen_before_logging_in(browser, live_server):
    browser.get(f"{live_server.url}/admin/login/")

    choose(browser, "ug")

    assert page_language(browser) == ("ug", "rtl")
    assert browser.find_element(By.NAME, "username").is_displayed()
    browser.save_screenshot(str(SCREENSHOTS / "language_login_uyghur.png"))
