"""Entering a case in Chromium: the basic case in few interactions, partial dates."""

import datetime
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from cases.models import Case, Facility, FacilityName, Person
from tests.browser.admin import choose_in_autocomplete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())
MOST_INTERACTIONS = 25  # the target for the basic case (66 before)


class CountingUser:
    """Drive the admin as a case worker would, counting every interaction.

    A click, a choice in a select and a typed field count one each; choosing in
    an autocomplete counts three (open it, type, pick the result).
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.interactions = 0

    def type(self, name: str, text: str) -> None:
        self.browser.find_element(By.NAME, name).send_keys(text)
        self.interactions += 1

    def choose(self, name: str, value: str) -> None:
        Select(self.browser.find_element(By.NAME, name)).select_by_value(value)
        self.interactions += 1

    def choose_in_autocomplete(self, select_id: str, typed: str, shown: str) -> None:
        choose_in_autocomplete(self.browser, select_id, typed, shown)
        self.interactions += 3

    def click(self, name: str) -> None:
        self.browser.find_element(By.NAME, name).click()
        self.interactions += 1


def saved_message(browser) -> str:
    return browser.find_element(By.CLASS_NAME, "messagelist").text


def test_enters_the_basic_case_in_at_most_25_interactions(logged_in, live_server):
    facility = Facility.objects.order_by("id").first()
    facility_form = FacilityName.objects.filter(facility=facility).first()
    typed_facility = facility_form.text[:6] if facility_form else facility.name[:8]
    logged_in.get(f"{live_server.url}/admin/cases/case/add/")
    user = CountingUser(logged_in)

    user.type("subject_name", "ئايگۈل تۇرسۇن")
    user.type("subject_other_name", "Aygul Tursun")
    user.choose("subject_ethnicity", "uyghur")
    logged_in.save_screenshot(SCREENSHOTS / "case_entry_new_subject.png")
    user.choose("fate", "camp")
    user.type("disappeared_on", "2019-06")
    user.choose_in_autocomplete(
        "id_relatives-0-person", "Күнболат", "Baibolat Kunbolat"
    )
    user.choose("relatives-0-relationship", "cousin")
    user.choose_in_autocomplete(
        "id_detentions-0-facility", typed_facility, str(facility)
    )
    user.type("detentions-0-started_on", "2019")
    logged_in.save_screenshot(SCREENSHOTS / "case_entry_filled.png")
    user.click("_save")

    assert "was added successfully" in saved_message(logged_in)
    assert user.interactions <= MOST_INTERACTIONS, user.interactions
    case = Case.objects.order_by("-id").first()
    names = set(case.subject.names.values_list("text", flat=True))
    assert names == {"ئايگۈل تۇرسۇن", "Aygul Tursun"}
    assert case.subject.ethnicity == "uyghur"
    assert case.disappeared_display() == "2019-06"
    assert case.relatives.get().person.display_name == "Baibolat Kunbolat"
    detention = case.detentions.get()
    assert (detention.facility, detention.started_display()) == (facility, "2019")


def test_shows_partial_dates_back_as_typed(logged_in, live_server):
    case = Case.objects.get(disappeared_on=datetime.date(2018, 3, 21))
    change = f"{live_server.url}/admin/cases/case/{case.pk}/change/"
    logged_in.get(change)
    for name, typed in (("disappeared_on", "April 2018"), ("last_contact_on", "2018")):
        field = logged_in.find_element(By.NAME, name)
        field.clear()
        field.send_keys(typed)
    logged_in.find_element(By.NAME, "_continue").click()

    assert "was changed successfully" in saved_message(logged_in)
    shown = {
        name: logged_in.find_element(By.NAME, name).get_attribute("value")
        for name in ("disappeared_on", "last_contact_on")
    }
    assert shown == {"disappeared_on": "2018-04", "last_contact_on": "2018"}
    logged_in.save_screenshot(SCREENSHOTS / "case_entry_dates.png")
    case.refresh_from_db()
    assert case.disappeared_on == datetime.date(2018, 4, 1)


def test_a_date_not_in_the_calendar_names_the_accepted_forms(logged_in, live_server):
    logged_in.get(f"{live_server.url}/admin/cases/case/add/")
    logged_in.find_element(By.NAME, "subject_name").send_keys("Aygul Tursun")
    logged_in.find_element(By.NAME, "disappeared_on").send_keys("2021-13")
    logged_in.find_element(By.NAME, "_save").click()

    error = logged_in.find_element(By.CSS_SELECTOR, ".field-disappeared_on .errorlist")
    assert "There is no such day in the calendar." in error.text
    assert "2019, 2019-04 or 2019-04-21" in error.text
    logged_in.save_screenshot(SCREENSHOTS / "case_entry_error.png")
    assert not Person.objects.filter(names__text="Aygul Tursun").exists()
