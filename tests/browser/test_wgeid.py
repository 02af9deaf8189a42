"""A case worker records a step taken and a state claim, and sees the UN checklist."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from cases.models import Case
from tests.browser.admin import PASSWORD, log_in
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())


@pytest.fixture
def case_worker_browser(browser, live_server):
    """Return the browser logged in as a case worker (the role), with the demo."""
    call_command("load_demo")
    worker = user_with_role("Case worker", username="wgeid-worker")
    worker.set_password(PASSWORD)
    worker.save()
    log_in(browser, live_server.url, "wgeid-worker", PASSWORD)
    return browser


def add_inline_row(browser, group: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f"#{group}-group .add-row a").click()


def test_a_case_worker_adds_a_step_and_a_state_claim_and_sees_the_checklist(
    case_worker_browser, live_server
):
    browser = case_worker_browser
    case = Case.objects.get(reference="CT-2022-0001")  # lacks four elements
    browser.get(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    checklist = browser.find_element(By.CLASS_NAME, "wgeid-checklist")
    assert "Not ready yet." in checklist.text
    assert "No step taken to find the person is recorded" in checklist.text

    add_inline_row(browser, "steps")
    browser.find_element(By.NAME, "steps-0-taken_on").send_keys("March 2018")
    Select(browser.find_element(By.NAME, "steps-0-kind")).select_by_value("letter")
    Select(browser.find_element(By.NAME, "steps-0-taken_by")).select_by_value("group")
    browser.find_element(By.NAME, "steps-0-authority").send_keys("Invented office")
    add_inline_row(browser, "state_claims")
    browser.find_element(By.NAME, "state_claims-0-claimed_on").send_keys("2019-05")
    browser.find_element(By.NAME, "state_claims-0-text").send_keys(
        "An invented statement that he is in school."
    )
    browser.find_element(By.NAME, "_continue").click()

    assert (
        "was changed successfully"
        in browser.find_element(By.CLASS_NAME, "messagelist").text
    )
    step = case.steps.get()
    assert (step.taken_on.isoformat(), step.taken_on_precision) == (
        "2018-03-01",
        "month",
    )
    claim = case.state_claims.get()
    assert claim.claimed_on_precision == "month"
    checklist = browser.find_element(By.CLASS_NAME, "wgeid-checklist")
    present = checklist.find_element(By.CLASS_NAME, "wgeid-present").text
    assert "full name" in present
    assert "1 recorded" in checklist.text
    assert "Who submits the case" in checklist.text
    assert browser.find_element(By.NAME, "steps-0-taken_on").get_attribute("value") == (
        "2018-03"
    )
    browser.execute_script("arguments[0].scrollIntoView()", checklist)
    browser.save_screenshot(str(SCREENSHOTS / "h1-wgeid-case-page.png"))


def test_the_case_list_shows_the_checklist_and_filters_on_it(
    case_worker_browser, live_server
):
    browser = case_worker_browser
    browser.get(f"{live_server.url}/admin/cases/case/?wgeid=ready")

    rows = browser.find_elements(By.CSS_SELECTOR, "#result_list tbody tr")
    text = " ".join(row.text for row in rows)
    # The fourth ready case, CT-2021-0003, is confidential and not theirs.
    assert len(rows) == 3
    assert "CT-2019-0001" in text
    assert "CT-2022-0001" not in text
    browser.get(f"{live_server.url}/admin/cases/case/?wgeid=missing")
    assert (
        "missing: date of the disappearance, parties presumed responsible, "
        "steps taken to find the person, identity of the source"
        in browser.find_element(By.ID, "result_list").text
    )
    browser.save_screenshot(str(SCREENSHOTS / "h1-wgeid-case-list.png"))
