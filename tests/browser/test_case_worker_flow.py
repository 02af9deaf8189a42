"""A case worker's first session, in a real Chromium against a live server."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from cases.models import Case, Facility, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-test-password"


@pytest.fixture
def logged_in(browser, live_server, django_user_model):
    call_command("load_demo")
    django_user_model.objects.create_superuser("worker", "", PASSWORD)
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("worker")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.ID, "user-tools"))
    )
    return browser


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


def test_sees_the_founding_case_with_its_days_missing(logged_in, live_server):
    logged_in.get(f"{live_server.url}/admin/cases/case/")
    days = (timezone.localdate() - datetime.date(2018, 3, 21)).days

    results = search(logged_in, "Байболат")

    founding = Case.objects.get(disappeared_on=datetime.date(2018, 3, 21))
    assert founding.reference in results
    assert f"{days:,}" in results


def test_adds_a_case_with_a_relative_and_a_detention(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/person/add/")
    browser.find_element(By.NAME, "names-0-text").send_keys("ئايگۈل تۇرسۇن")
    Select(browser.find_element(By.NAME, "ethnicity")).select_by_value("uyghur")
    browser.find_element(By.NAME, "_save").click()
    assert (
        "was added successfully"
        in browser.find_element(By.CLASS_NAME, "messagelist").text
    )

    browser.get(f"{live_server.url}/admin/cases/case/add/")
    browser.find_element(By.NAME, "reference").clear()
    browser.find_element(By.NAME, "reference").send_keys("CT-2024-0777")
    choose_in_autocomplete(browser, "id_subject", "تۇرسۇن", "ئايگۈل تۇرسۇن")
    browser.find_element(By.NAME, "disappeared_on").send_keys("2019-06-01")
    browser.find_element(By.CSS_SELECTOR, "#relatives-group .add-row a").click()
    choose_in_autocomplete(
        browser, "id_relatives-0-person", "Күнболат", "Baibolat Kunbolat"
    )
    Select(browser.find_element(By.NAME, "relatives-0-relationship")).select_by_value(
        "cousin"
    )
    browser.find_element(By.CSS_SELECTOR, "#detentions-group .add-row a").click()
    Select(browser.find_element(By.NAME, "detentions-0-kind")).select_by_value("camp")
    facility = Facility.objects.order_by("id").first()
    choose_in_autocomplete(
        browser, "id_detentions-0-facility", facility.name[:12], str(facility)
    )
    browser.find_element(By.NAME, "detentions-0-started_on").send_keys("2019-06-02")
    browser.find_element(By.NAME, "_save").click()

    assert (
        "was added successfully"
        in browser.find_element(By.CLASS_NAME, "messagelist").text
    )
    case = Case.objects.get(reference="CT-2024-0777")
    assert case.subject.display_name == "ئايگۈل تۇرسۇن"
    assert case.relatives.get().relationship == "cousin"
    assert case.detentions.get().facility == facility


def test_finds_a_person_by_an_arabic_script_name_form(logged_in, live_server):
    person = Person.objects.filter(names__script="Arab").first()
    arabic = person.names.filter(script="Arab").first().text
    logged_in.get(f"{live_server.url}/admin/cases/person/")

    results = search(logged_in, arabic.split()[0])

    assert person.display_name in results
