"""The admin's home page in Chromium: figures per role, charts, the map, links."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from cases.models import Confidentiality
from tests.browser.admin import PASSWORD, log_in
from tests.factories import CaseFactory, DetentionFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered through the DevTools protocol, so the policy itself cannot block it.
CSP_LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser_with_csp_listener(browser):
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER}
    )
    return browser


def open_dashboard(browser, url: str, *, facilities: bool = True) -> None:
    browser.get(f"{url}/admin/")
    wait = WebDriverWait(browser, 20)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#chart-by-fate")))
    # Drawn: Chart.js sized the canvas, Leaflet added the facilities' circles.
    wait.until(
        lambda b: b.execute_script(
            "return window.Chart && Chart.getChart('chart-by-fate') !== undefined"
        )
    )
    if facilities:
        circle = (By.CSS_SELECTOR, "#facility-map path.leaflet-interactive")
        wait.until(ec.presence_of_element_located(circle))


def total_cases(browser) -> int:
    figure = browser.find_element(By.CSS_SELECTOR, "#case-totals li .figure")
    return int(figure.text.replace(",", ""))


def severe_console_messages(browser) -> list[str]:
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["level"] == "SEVERE"
    ]


def test_the_dashboard_draws_charts_and_map_under_the_policy(
    browser_with_csp_listener, live_server, django_user_model, tmp_path
):
    browser = browser_with_csp_listener
    from django.core.management import call_command

    call_command("load_demo")
    django_user_model.objects.create_superuser("worker", "", PASSWORD)
    log_in(browser, live_server.url, "worker", PASSWORD)

    browser.set_window_size(1400, 2600)  # the whole page, to look at
    open_dashboard(browser, live_server.url)
    browser.save_screenshot(str(tmp_path / "dashboard-administrator.png"))

    canvas = browser.find_element(By.CSS_SELECTOR, "#chart-by-month")
    assert canvas.size["width"] > 300 and canvas.size["height"] > 100
    circles = browser.find_elements(
        By.CSS_SELECTOR, "#facility-map path.leaflet-interactive"
    )
    assert len(circles) == 4  # the demo's four facilities, each with coordinates
    # The offline background: country outlines drawn from our static files.
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(
            By.CSS_SELECTOR,
            "#facility-map .leaflet-overlay-pane path:not(.leaflet-interactive)",
        )
    )
    assert browser.execute_script("return window.cspViolations") == []
    assert severe_console_messages(browser) == []


def test_a_researcher_sees_fewer_cases_than_an_administrator(
    browser, live_server, tmp_path
):
    camp = DetentionFactory(
        case=CaseFactory(confidentiality=Confidentiality.PUBLIC),
        facility__latitude=43.9,
        facility__longitude=81.3,
    ).facility
    DetentionFactory(
        case=CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL), facility=camp
    )
    administrator = user_with_role("Administrator", username="amina")
    researcher = user_with_role("Researcher", username="daniyar")
    for user in (administrator, researcher):
        user.set_password(PASSWORD)
        user.save()

    log_in(browser, live_server.url, "amina", PASSWORD)
    open_dashboard(browser, live_server.url)
    seen_by_administrator = total_cases(browser)
    browser.delete_all_cookies()
    log_in(browser, live_server.url, "daniyar", PASSWORD)
    open_dashboard(browser, live_server.url)
    browser.save_screenshot(str(tmp_path / "dashboard-researcher.png"))

    assert (seen_by_administrator, total_cases(browser)) == (2, 1)
    assert not browser.find_elements(By.LINK_TEXT, "Mentions to review")


def test_the_links_lead_to_the_filtered_lists(browser, live_server):
    worker = user_with_role("Case worker", username="amina")
    worker.set_password(PASSWORD)
    worker.save()
    CaseFactory(assigned_to=worker, workflow="verifying")
    CaseFactory(workflow="verifying")
    log_in(browser, live_server.url, "amina", PASSWORD)
    open_dashboard(browser, live_server.url, facilities=False)

    browser.find_element(By.CSS_SELECTOR, "#my-cases a").click()
    results = WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.ID, "result_list"))
    )
    assert len(results.find_elements(By.CSS_SELECTOR, "tbody tr")) == 1
    assert "workflow__exact=verifying" in browser.current_url

    browser.get(f"{live_server.url}/admin/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Mentions to review").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/admin/sources/mention/"))
    assert "status__exact=suggested" in browser.current_url
