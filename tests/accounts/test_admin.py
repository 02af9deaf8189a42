"""django-otp's two-factor devices in the admin, in the reader's language."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def page_in(client, url: str, language: str) -> str:
    """Return a page in a language, leaving the test's language as it was (the
    middleware activates the page's in this thread)."""
    with translation.override(translation.get_language()):
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


DEVICES = reverse("admin:otp_totp_totpdevice_changelist")


def test_the_device_list_reads_in_the_language(admin_client, case_worker):
    TOTPDevice.objects.create(user=case_worker, name="phone")

    page = page_in(admin_client, DEVICES, "ru")

    for english in ("Created at", "Last used at", "TOTP device", "Search by user"):
        assert english not in page
    assert "Поиск по имени пользователя или адресу электронной почты." in page
    assert "последнее использование" in page.lower()


def test_a_device_page_names_its_sections_and_fields_in_the_language(
    admin_client, case_worker
):
    device = TOTPDevice.objects.create(user=case_worker, name="phone")
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])

    page = page_in(admin_client, url, "zh-hans")

    for english in ("Identity", "Throttling", "Throttling failure count"):
        assert english not in page
    assert "连续错误验证码次数" in page
    assert "设备是否可以使用？" in page


def test_the_translated_names_need_no_migration():
    call_command("makemigrations", "otp_totp", check=True, dry_run=True)
