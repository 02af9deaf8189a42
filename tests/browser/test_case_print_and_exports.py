"""A case printed, cases downloaded and read back, and an API token made and
revoked, in Chromium."""

import base64
import csv
import io
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from api.models import ApiToken
from tests.factories import CaseFactory, person_named
from tests.sources.case_records import SHA256, documented_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir())

CSP_LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_a_case_prints_with_right_to_left_names_on_the_right(logged_in, live_server):
    browser = logged_in
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER}
    )
    case = documented_case(reference="CT-2099-0001")
    browser.get(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    timeline = browser.find_element(By.ID, "case-timeline")
    browser.execute_script("arguments[0].scrollIntoView()", timeline)
    assert "April 2019" in timeline.text
    browser.save_screenshot(str(SCREENSHOTS / "case_timeline.png"))
    browser.find_element(By.CSS_SELECTOR, "a.printlink").click()

    names = browser.find_elements(By.CSS_SELECTOR, ".names .name")
    (arabic,) = [name for name in names if name.text == "بايبولات كۇنبولاتۇلى"]
    assert (
        browser.execute_script(
            "return getComputedStyle(arguments[0]).direction", arabic
        )
        == "rtl"
    )
    # Printed right: its text ends at the right edge of its line.
    text_right, box_right = browser.execute_script(
        """const range = document.createRange();
        range.selectNodeContents(arguments[0]);
        return [range.getBoundingClientRect().right,
                arguments[0].getBoundingClientRect().right];""",
        arabic,
    )
    assert abs(text_right - box_right) < 2
    assert SHA256 in browser.page_source
    assert browser.execute_script("return window.cspViolations") == []

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    display = "return getComputedStyle(document.querySelector('nav')).display"
    assert browser.execute_script(display) == "none"
    browser.set_window_size(900, 2000)  # about an A4 page's width, all of it
    browser.save_screenshot(str(SCREENSHOTS / "case_print.png"))
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    (SCREENSHOTS / "case_print.pdf").write_bytes(pdf)


def downloaded(folder: Path, suffix: str) -> Path:
    """Wait for Chromium to finish a download ending in suffix; return it."""
    for _ in range(100):
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {list(folder.iterdir())}")


def run_action(browser, url: str, references: list[str], action: str) -> None:
    browser.get(f"{url}/admin/cases/case/")
    for reference in references:
        row = browser.find_element(By.XPATH, f"//tr[.//a[text()='{reference}']]")
        row.find_element(By.CSS_SELECTOR, "input.action-select").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value(action)
    browser.find_element(By.CSS_SELECTOR, "button[name=index]").click()


def test_cases_download_as_csv_and_xlsx_and_read_back(
    logged_in, live_server, tmp_path
) -> None:
    browser = logged_in
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior",
        {"behavior": "allow", "downloadPath": str(tmp_path)},
    )
    kazakh = CaseFactory(
        reference="CT-2099-0002", subject=person_named("Байболат Күнболатұлы")
    )
    uyghur = CaseFactory(reference="CT-2099-0003", subject=person_named("رەھىلە داۋۇت"))
    chosen = [kazakh.reference, uyghur.reference]

    run_action(browser, live_server.url, chosen, "download_csv")
    text = downloaded(tmp_path, ".csv").read_bytes()
    assert text.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    names = {row["reference"]: row["subject.display_name"] for row in rows}
    assert names == {
        kazakh.reference: "Байболат Күнболатұлы",
        uyghur.reference: "رەھىلە داۋۇت",
    }

    run_action(browser, live_server.url, chosen, "download_xlsx")
    workbook = openpyxl.load_workbook(downloaded(tmp_path, ".xlsx"))
    header, *cells = workbook.active.iter_rows(values_only=True)
    assert list(header) == list(rows[0])
    at = header.index("subject.display_name")
    assert {row[at] for row in cells} == set(names.values())


def test_a_case_worker_creates_uses_and_revokes_a_token(logged_in, live_server):
    browser = logged_in
    browser.get(f"{live_server.url}/admin/api/apitoken/add/")
    browser.find_element(By.NAME, "name").send_keys("invented partner script")
    browser.find_element(By.NAME, "_create").click()

    secret = browser.find_element(By.ID, "token-secret").get_attribute("value")
    browser.save_screenshot(str(SCREENSHOTS / "api_token_secret.png"))
    assert secret and secret not in browser.current_url
    api = Client().get("/api/v1/cases/", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200

    browser.get(f"{live_server.url}/admin/api/apitoken/")
    assert secret not in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input.action-select").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("revoke")
    browser.find_element(By.CSS_SELECTOR, "button[name=index]").click()

    WebDriverWait(browser, 10).until(
        lambda b: "The tokens are revoked." in b.page_source
    )
    assert ApiToken.objects.get().revoked_at is not None
