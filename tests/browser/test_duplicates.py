"""Duplicates in a real Chromium: warned at entry, and found on the page at once."""

import tempfile
from dataclasses import asdict
from pathlib import Path

import pytest
from django.core.cache import cache
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from cases import duplicate_search
from cases.models import Case, DuplicateCandidate, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())


@pytest.fixture(autouse=True)
def no_earlier_search():
    cache.clear()
    yield
    cache.clear()


def test_adding_a_recorded_person_warns_and_save_anyway_saves(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/person/add/")
    browser.find_element(By.NAME, "names-0-text").send_keys("Байболат Кунболатов")
    Select(browser.find_element(By.NAME, "ethnicity")).select_by_value("kazakh")
    browser.find_element(By.NAME, "_save").click()

    warning = browser.find_element(By.CLASS_NAME, "possible-duplicates")
    assert "This person may already be recorded." in warning.text
    link = warning.find_element(By.LINK_TEXT, "Baibolat Kunbolat")
    existing = Person.objects.get(names__text="Baibolat Kunbolat")
    assert link.get_attribute("href").endswith(
        f"/admin/cases/person/{existing.pk}/change/"
    )
    assert not Person.objects.filter(names__text="Байболат Кунболатов").exists()

    browser.find_element(By.NAME, "save_anyway").click()

    assert (
        "was added successfully"
        in browser.find_element(By.CLASS_NAME, "messagelist").text
    )
    assert Person.objects.filter(names__text="Байболат Кунболатов").exists()


def test_enter_after_the_warning_does_not_save_anyway(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/person/add/")
    browser.find_element(By.NAME, "names-0-text").send_keys("Байболат Кунболатов")
    browser.find_element(By.NAME, "_save").click()
    assert browser.find_element(By.CLASS_NAME, "possible-duplicates")

    browser.find_element(By.NAME, "names-0-text").send_keys(Keys.ENTER)

    assert browser.find_element(By.CLASS_NAME, "possible-duplicates")
    assert not Person.objects.filter(names__text="Байболат Кунболатов").exists()


def test_a_case_with_a_new_subject_warns_of_a_recorded_person(logged_in, live_server):
    browser = logged_in
    cases_before = Case.objects.count()
    browser.get(f"{live_server.url}/admin/cases/case/add/")
    browser.find_element(By.NAME, "subject_name").send_keys("Байболат Кунболатов")
    browser.find_element(By.NAME, "_save").click()

    warning = browser.find_element(By.CLASS_NAME, "possible-duplicates")
    assert warning.find_element(By.LINK_TEXT, "Baibolat Kunbolat")
    browser.save_screenshot(str(SCREENSHOTS / "case_entry_duplicate_warning.png"))
    assert Case.objects.count() == cases_before

    browser.find_element(By.NAME, "save_anyway").click()

    assert (
        "was added successfully"
        in browser.find_element(By.CLASS_NAME, "messagelist").text
    )
    assert Case.objects.filter(subject__names__text="Байболат Кунболатов").exists()


def test_find_duplicates_now_runs_and_shows_the_result(logged_in, live_server):
    browser = logged_in
    twin = Person.objects.create(gender="male", ethnicity="kazakh")
    twin.names.create(text="Байболат Кунболатов")
    browser.get(f"{live_server.url}/admin/cases/duplicatecandidate/")
    assert not DuplicateCandidate.objects.exists()

    browser.find_element(By.XPATH, "//button[text()='Find duplicates now']").click()

    status = WebDriverWait(browser, 30).until(
        ec.text_to_be_present_in_element(
            (By.ID, "duplicate-search-status"), "possible pair"
        )
    )
    assert status
    text = browser.find_element(By.ID, "duplicate-search-status").text
    persons = Person.objects.active().count()
    assert f"it checked {persons} persons" in text
    results = browser.find_element(By.ID, "result_list").text
    assert "Байболат Кунболатов" in results and "Baibolat Kunbolat" in results


def test_the_page_follows_a_search_on_a_worker_until_it_ends(logged_in, live_server):
    browser = logged_in
    run = duplicate_search.SearchRun(state="running", checked=0, total=1200)
    cache.set(duplicate_search.CACHE_KEY, asdict(run))
    browser.get(f"{live_server.url}/admin/cases/duplicatecandidate/")
    button = browser.find_element(By.XPATH, "//button[text()='Find duplicates now']")
    assert not button.is_enabled()

    run.checked = 500
    cache.set(duplicate_search.CACHE_KEY, asdict(run))
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element(
            (By.ID, "duplicate-search-status"), "500 of 1,200 persons checked"
        )
    )
    run.state, run.checked, run.found = "finished", 1200, 3
    cache.set(duplicate_search.CACHE_KEY, asdict(run))

    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element(
            (By.ID, "duplicate-search-status"), "listed 3 possible pairs"
        )
    )
    button = browser.find_element(By.XPATH, "//button[text()='Find duplicates now']")
    assert button.is_enabled()
