"""The person's page and nameless persons, in a real Chromium with the demo."""

import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from cases.models import Case, Person
from tests.browser.admin import search

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())
BROTHER = "younger brother of Baibolat Kunbolat, name not known"


def test_a_nameless_person_is_shown_by_description(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/case/")

    results = search(browser, "CT-2021-0001")

    assert BROTHER in results
    browser.save_screenshot(str(SCREENSHOTS / "person_case_list.png"))
    browser.get(f"{live_server.url}/admin/cases/person/")
    rows = browser.find_element(By.ID, "result_list")
    link = rows.find_element(By.LINK_TEXT, BROTHER)
    assert link.size["width"] > 0
    browser.save_screenshot(str(SCREENSHOTS / "person_list.png"))

    link.click()

    assert BROTHER in browser.find_element(By.ID, "content").text
    cases = browser.find_elements(By.CSS_SELECTOR, ".person-section")
    assert "CT-2021-0001" in cases[0].text
    assert "Apple Daily" in cases[3].text  # the founding case's source
    browser.execute_script("arguments[0].scrollIntoView()", cases[0])
    browser.save_screenshot(str(SCREENSHOTS / "person_nameless_page.png"))


def test_the_person_page_opens_with_names_then_cases(logged_in, live_server):
    browser = logged_in
    brother = Person.objects.get(names__text="Baibolat Kunbolat")
    browser.get(f"{live_server.url}/admin/cases/person/{brother.pk}/change/")

    names = browser.find_element(By.ID, "names-group")
    sections = browser.find_elements(By.CSS_SELECTOR, ".person-section h2")
    description = browser.find_element(By.NAME, "description")
    assert names.location["y"] < description.location["y"]
    assert [s.text for s in sections][:3] == [
        "Cases about this person",
        "Relative in",
        "Witness in",
    ]
    form = browser.find_element(By.ID, "person_form")
    table = names.find_element(By.TAG_NAME, "table")
    browser.save_screenshot(str(SCREENSHOTS / "person_page.png"))
    assert table.size["width"] <= form.size["width"]
    browser.execute_script("arguments[0].scrollIntoView()", sections[0])
    browser.save_screenshot(str(SCREENSHOTS / "person_page_cases.png"))

    browser.find_element(By.LINK_TEXT, "CT-2021-0001").click()

    assert "CT-2021-0001" in browser.find_element(By.TAG_NAME, "h2").text or (
        "CT-2021-0001" in browser.title
    )


def test_adds_a_nameless_person_only_with_a_description(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/cases/person/add/")
    browser.find_element(By.NAME, "_save").click()

    errors = browser.find_element(By.CSS_SELECTOR, "#names-group .errorlist").text
    assert "Give at least one name form, or a description" in errors
    browser.save_screenshot(str(SCREENSHOTS / "person_nameless_error.png"))

    browser.find_element(By.NAME, "description").send_keys("her husband, name unknown")
    browser.find_element(By.NAME, "_save").click()

    assert (
        "her husband, name unknown" in browser.find_element(By.ID, "result_list").text
    )


def test_the_case_list_says_how_long_a_released_person_was_held(logged_in, live_server):
    browser = logged_in
    released = Case.objects.get(reference="CT-2021-0002")
    browser.get(f"{live_server.url}/admin/cases/case/")

    results = search(browser, released.reference)

    assert "held 641–698 days, released December 2019" in results
    browser.save_screenshot(str(SCREENSHOTS / "person_released_case.png"))
