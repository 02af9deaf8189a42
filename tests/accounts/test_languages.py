"""The interface's language: the browser's by default, else the user's choice."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import LanguagePreference

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
CHOOSE = reverse("accounts:language")
CASES = reverse("admin:cases_case_changelist")


def html_tag(page) -> str:
    text = page.content.decode()
    return text[text.index("<html") : text.index(">", text.index("<html")) + 1]


@pytest.mark.parametrize(
    ("accepted", "lang", "direction"),
    [
        ("ru", "ru", "ltr"),
        ("kk", "kk", "ltr"),
        ("ug", "ug", "rtl"),
        ("tr", "tr", "ltr"),
        ("zh-CN,zh;q=0.9", "zh-hans", "ltr"),
        ("fr", "en", "ltr"),
    ],
)
def test_login_page_speaks_the_browsers_language(client, accepted, lang, direction):
    page = client.get(LOGIN, headers={"accept-language": accepted})

    assert f'lang="{lang}"' in html_tag(page)
    assert f'dir="{direction}"' in html_tag(page)


def test_login_page_offers_every_language_named_in_itself(client):
    page = client.get(LOGIN)

    for code, name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in page.content.decode()
        assert name in page.content.decode()


def test_choosing_before_login_holds_on_this_device(client):
    answer = client.post(CHOOSE, {"language": "kk", "next": LOGIN})

    assert answer.status_code == 302 and answer["Location"] == LOGIN
    assert 'lang="kk"' in html_tag(client.get(LOGIN))
    assert not LanguagePreference.objects.exists()


def test_a_users_choice_follows_them_to_another_device(admin_client, case_worker):
    admin_client.post(CHOOSE, {"language": "ug", "next": CASES})

    other_device = Client(headers={"accept-language": "ru"})
    other_device.force_login(case_worker)
    page = other_device.get(CASES)

    assert LanguagePreference.objects.get(user=case_worker).language == "ug"
    assert 'lang="ug"' in html_tag(page) and 'dir="rtl"' in html_tag(page)


def test_a_user_without_a_choice_gets_the_browsers_language(case_worker):
    browser = Client(headers={"accept-language": "tr"})
    browser.force_login(case_worker)

    assert 'lang="tr"' in html_tag(browser.get(CASES))


def test_refuses_a_language_not_offered(admin_client, case_worker):
    answer = admin_client.post(CHOOSE, {"language": "xx", "next": CASES})

    assert answer.status_code == 400
    assert "Choose one of the languages offered." in answer.content.decode()
    assert not LanguagePreference.objects.filter(user=case_worker).exists()


def test_does_not_follow_a_next_address_elsewhere(client):
    answer = client.post(CHOOSE, {"language": "ru", "next": "https://elsewhere.test/"})

    assert "elsewhere" not in answer.get("Location", "")


def test_choosing_is_a_post(client):
    assert client.get(CHOOSE, {"language": "ru"}).status_code == 405
