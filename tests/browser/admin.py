"""Helpers to drive Django's admin in Chromium."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "browser-test-password"


def log_in(browser, url: str, username: str, password: str) -> None:
    """Log into the admin at this live server's URL."""
    browser.get(f"{url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.ID, "user-tools"))
    )


def choose_in_autocomplete(browser, select_id: str, typed: str, shown: str) -> None:
    """Open a select2 autocomplete, type, and click the result showing `shown`."""
    browser.find_element(
        By.CSS_SELECTOR, f"#{select_id} + .select2 .select2-selection"
    ).click()
    field = browser.find_element(By.CSS_SELECTOR, ".select2-container--open input")
    field.send_keys(typed)
    # Before the search answers, select2 still lists every record: wait for ours.
    option = (
        By.XPATH,
        "//li[contains(@class, 'select2-results__option')"
        f" and normalize-space(.) = '{shown}']",
    )
    WebDriverWait(browser, 10).until(ec.element_to_be_clickable(option)).click()
    WebDriverWait(browser, 10).until(
        lambda b: shown in b.find_element(By.ID, f"select2-{select_id}-container").text
    )


def search(browser, text: str) -> str:
    bar = browser.find_element(By.ID, "searchbar")
    bar.clear()
    bar.send_keys(text + Keys.ENTER)
    # Read the list of the page the search loads, not the one it replaces.
    WebDriverWait(browser, 10).until(ec.staleness_of(bar))
    results = (By.ID, "result_list")
    return (
        WebDriverWait(browser, 10).until(ec.presence_of_element_located(results)).text
    )
