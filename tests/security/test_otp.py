"""Two-factor authentication: with OTP_REQUIRED_FOR_STAFF, a password is not enough."""

import base64
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from api.models import ApiToken

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-for-tests"
VERIFY = "/admin/account/two-factor/"
ENROL = "/admin/account/two-factor/set-up/"


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


@pytest.fixture
def worker(django_user_model):
    return django_user_model.objects.create_superuser(
        username="amina", email="", password=PASSWORD
    )


@pytest.fixture
def device(worker) -> TOTPDevice:
    return TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """Return the code the authenticator app shows now (or some steps later)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead)
    return f"{value:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    accepted = {code(device, steps_ahead=n) for n in range(-2, 3)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in accepted)


def password_login(client: Client, next_url: str = "/admin/") -> str:
    """Log in with the password; return where the chain of redirects ends."""
    answer = client.post(
        "/admin/login/",
        {"username": "amina", "password": PASSWORD, "next": next_url},
        follow=True,
    )
    return answer.redirect_chain[-1][0]


def test_a_password_alone_does_not_open_the_admin(client, device) -> None:
    landed = password_login(client)

    assert landed == f"{VERIFY}?next=%2Fadmin%2F"
    assert SESSION_KEY in client.session  # half logged in
    index = client.get("/admin/")
    assert index.status_code == 302
    assert index["Location"].startswith("/admin/login/")
    assert client.get("/admin/cases/case/").status_code == 302


def test_a_password_alone_does_not_open_the_api(client, device) -> None:
    password_login(client)

    assert client.get("/api/v1/cases/").status_code == 401


def test_the_code_from_the_app_opens_the_admin(client, device) -> None:
    password_login(client, next_url="/admin/cases/case/")

    answer = client.post(VERIFY, {"token": code(device), "next": "/admin/cases/case/"})

    assert answer.status_code == 302
    assert answer["Location"] == "/admin/cases/case/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200


def test_a_wrong_code_is_refused(client, device) -> None:
    password_login(client)

    answer = client.post(VERIFY, {"token": wrong_code(device), "next": "/admin/"})

    assert answer.status_code == 200
    assert "That code is wrong or expired" in answer.content.decode()
    assert client.get("/admin/").status_code == 302


def test_guessing_is_slowed_down_after_a_wrong_code(client, device, settings) -> None:
    # The first delay is one second times this factor: long enough for a slow run.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    password_login(client)
    client.post(VERIFY, {"token": wrong_code(device)})

    # Even the right code waits out the delay django-otp sets after a failure.
    answer = client.post(VERIFY, {"token": code(device)})

    assert "Too many wrong codes" in answer.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_is_not_accepted_twice(device) -> None:
    first, second = Client(), Client()
    password_login(first)
    password_login(second)
    used = code(device)
    assert first.post(VERIFY, {"token": used}).status_code == 302

    answer = second.post(VERIFY, {"token": used})

    assert answer.status_code == 200
    assert second.get("/admin/").status_code == 302


def test_something_that_is_not_a_code_gets_a_form_error(client, device) -> None:
    password_login(client)

    answer = client.post(VERIFY, {"token": "12ab56"})

    assert answer.status_code == 200
    assert "Type the six digits" in answer.content.decode()


def test_a_worker_without_a_device_sets_one_up(client, worker) -> None:
    landed = password_login(client)
    assert landed == f"{ENROL}?next=%2Fadmin%2F"

    page = client.get(ENROL).content.decode()
    pending = TOTPDevice.objects.get(user=worker)
    secret = base64.b32encode(pending.bin_key).decode().rstrip("=")
    assert not pending.confirmed
    assert "data:image/svg+xml;base64," in page
    assert re.sub(r"\s", "", _shown_secret(page)) == secret

    answer = client.post(ENROL, {"token": code(pending), "next": "/admin/"})

    assert answer.status_code == 302
    pending.refresh_from_db()
    assert pending.confirmed
    assert client.get("/admin/").status_code == 200


def test_setting_up_shows_the_same_secret_on_every_visit(client, worker) -> None:
    password_login(client)

    first = _shown_secret(client.get(ENROL).content.decode())
    again = _shown_secret(client.get(ENROL).content.decode())

    assert first == again
    assert TOTPDevice.objects.filter(user=worker).count() == 1


def test_a_password_thief_cannot_add_a_device_of_their_own(client, device) -> None:
    password_login(client)

    answer = client.get(ENROL)

    assert answer.status_code == 302
    assert answer["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=device.user).count() == 1


def test_the_login_page_sends_a_half_logged_in_worker_to_the_second_step(
    client, device
) -> None:
    password_login(client)

    answer = client.get("/admin/login/?next=/admin/cases/")

    assert answer.status_code == 302
    assert answer["Location"] == f"{VERIFY}?next=%2Fadmin%2Fcases%2F"


def test_the_second_step_does_not_send_you_off_site(client, device) -> None:
    password_login(client)

    answer = client.post(
        VERIFY, {"token": code(device), "next": "https://evil.example/"}
    )

    assert answer["Location"] == "/admin/"


def test_the_second_step_asks_a_stranger_to_log_in_first(client) -> None:
    answer = client.get(VERIFY)

    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")


def test_tokens_need_no_second_factor(worker) -> None:
    _token, secret = ApiToken.objects.issue(user=worker)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")

    assert api.get("/api/v1/cases/").status_code == 200


def test_with_the_setting_off_a_password_is_enough(client, device, settings) -> None:
    settings.OTP_REQUIRED_FOR_STAFF = False

    assert password_login(client) == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_administrator_can_delete_a_lost_device(client, device, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "", PASSWORD)
    boss_device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    client.post(VERIFY, {"token": code(boss_device)})

    answer = client.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )

    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def _shown_secret(page: str) -> str:
    found = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert found, "no secret on the page"
    return found.group(1)
