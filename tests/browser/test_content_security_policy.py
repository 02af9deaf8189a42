"""The Content-Security-Policy breaks none of the pages case workers and API
readers use, in a real Chromium (the headers themselves: tests/security/)."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Registered through the DevTools protocol, so the policy itself cannot block it.
CSP_LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def visit(browser, url: str, ready: str) -> list[str]:
    """Open a page, wait for the CSS selector `ready`, return the CSP violations."""
    browser.get(url)
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ready))
    )
    return browser.execute_script("return window.cspViolations")


def test_admin_and_api_docs_work_under_the_policy_in_chromium(
    browser, live_server, django_user_model
) -> None:
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER}
    )
    django_user_model.objects.create_superuser("amina", "", "pw-for-browser-tests")
    case = CaseFactory()
    assert visit(browser, f"{live_server.url}/admin/login/", "#login-form") == []
    browser.find_element(By.NAME, "username").send_keys("amina")
    browser.find_element(By.NAME, "password").send_keys("pw-for-browser-tests")
    browser.find_element(By.CSS_SELECTOR, "#login-form [type=submit]").click()
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.ID, "user-tools"))
    )

    change = f"{live_server.url}/admin/cases/case/{case.pk}/change/"
    assert visit(browser, change, "#id_subject + .select2") == []
    browser.find_element(
        By.CSS_SELECTOR, "#id_subject + .select2 .select2-selection"
    ).click()
    field = browser.find_element(By.CSS_SELECTOR, ".select2-container--open input")
    field.send_keys(case.subject.display_name[:4])
    # The autocomplete's answer, drawn by select2: scripts and styles at work.
    option = (
        By.XPATH,
        "//li[contains(@class, 'select2-results__option')"
        f" and normalize-space(.) = '{case.subject.display_name}']",
    )
    WebDriverWait(browser, 10).until(ec.presence_of_element_located(option))
    assert browser.execute_script("return window.cspViolations") == []

    everywhere = f"{live_server.url}/admin/account/log-out-everywhere/"
    assert visit(browser, everywhere, "#content-main form") == []
    # The QR code is a data: image.
    set_up = f"{live_server.url}/admin/account/two-factor/set-up/"
    assert visit(browser, set_up, "img[src^='data:image/svg+xml']") == []
    assert browser.execute_script(
        "return document.querySelector(\"img[src^='data:']\").naturalWidth"
    )
    # Last, and waited for until drawn from the schema: no request is left running
    # when the test database is emptied.
    docs = visit(browser, f"{live_server.url}/api/v1/docs/", ".swagger-ui .opblock")
    assert docs == []
