"""The API guide as a reader sees it: reached from the admin, styled, no CSP error."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.admin import PASSWORD, log_in

pytestmark = pytest.mark.browser

CSP_LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_the_admin_header_leads_to_the_styled_guide(
    browser, live_server, django_user_model, tmp_path
) -> None:
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER}
    )
    django_user_model.objects.create_superuser("worker", "", PASSWORD)
    log_in(browser, live_server.url, "worker", PASSWORD)

    browser.find_element(
        By.CSS_SELECTOR, '#user-tools a[href="/api/v1/guide/"]'
    ).click()

    heading = browser.find_element(By.ID, "keeping-a-copy-in-sync")
    assert heading.text == "Keeping a copy in sync"
    code = browser.find_element(By.CSS_SELECTOR, "pre code")
    # guide.css applied: code blocks on a grey ground.
    background = code.find_element(By.XPATH, "..").value_of_css_property(
        "background-color"
    )
    assert background == "rgba(244, 244, 244, 1)"
    assert browser.execute_script("return window.cspViolations") == []
    browser.save_screenshot(str(tmp_path / "guide.png"))
    browser.find_element(By.LINK_TEXT, "API reference (Swagger UI)").click()
    link = browser.find_element(By.CSS_SELECTOR, ".info .description a")
    assert link.get_attribute("href").endswith("/api/v1/guide/")
