"""A case worker's first session, in a real Chromium against a live server."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from cases.models import Case, Facility, Person
from tests.browser.admin import choose_in_autocomplete, search

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    choose_in_autocomplete(
        browser, "id_relatives-0-person", "Күнболат", "Baibolat Kunbolat"
    )
    Select(browser.find_element(By.NAME, "relatives-0-relationship")).select_by_value(
        "cousin"
    )
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
