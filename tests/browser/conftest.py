import shutil

import pytest
from django.core.management import call_command

from tests.browser.admin import PASSWORD, log_in
from tests.services import missing


@pytest.fixture
def browser(tmp_path):
    """Return a headless Chromium driven through Debian's chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        missing("Chromium", "install chromium and chromedriver (apt: chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chromium'}",
    ):
        options.add_argument(flag)
    chrome = webdriver.Chrome(options=options, service=Service(driver))
    chrome.implicitly_wait(5)
    yield chrome
    chrome.quit()


@pytest.fixture
def logged_in(browser, live_server, django_user_model):
    """Return the browser logged into the admin as a superuser, with the demo."""
    call_command("load_demo")
    django_user_model.objects.create_superuser("worker", "", PASSWORD)
    log_in(browser, live_server.url, "worker", PASSWORD)
    return browser


@pytest.fixture(autouse=True)
def pages_access_log_emptied(access_log_emptied_after) -> None:
    """Empty the access log the pages wrote (see tests/conftest.py)."""
