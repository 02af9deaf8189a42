"""Login brute force: django-axes locks a username from one address, with a trail."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import Client
from rest_framework.test import APIClient

from api.models import ApiToken

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "right-password-for-tests"
LOGIN = "/admin/login/"
ATTACKER = "203.0.113.66"
WORKER = "198.51.100.20"

AXES_ADDRESS_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
names = ["AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT"]
names.append("IPWARE_STRICT")
print(json.dumps({name: getattr(settings, name, None) for name in names}))
"""


@pytest.fixture
def worker(django_user_model):
    return django_user_model.objects.create_user(
        username="amina", password=PASSWORD, is_staff=True
    )


def log_in(client: Client, password: str, **headers: Any) -> Any:
    return client.post(
        LOGIN, {"username": "amina", "password": password, "next": "/admin/"}, **headers
    )


def logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def address_settings(**env: str) -> dict[str, Any]:
    """Return the client-address settings that settings.py makes of this env."""
    result = subprocess.run(
        [sys.executable, "-c", AXES_ADDRESS_SETTINGS],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "casetracker.settings",
            "READ_DOT_ENV": "false",
            "DEBUG": "true",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_locks_out_after_the_failure_limit_even_with_the_right_password(
    client, worker
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    answers = [log_in(client, f"guess-{n}", REMOTE_ADDR=ATTACKER) for n in range(limit)]

    assert [a.status_code for a in answers[:-1]] == [200] * (limit - 1)
    assert answers[-1].status_code == 429
    right = log_in(client, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert right.status_code == 429
    assert not logged_in(client)


def test_records_the_attempts_for_the_audit_trail(client, worker) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", REMOTE_ADDR=ATTACKER)

    attempt = AccessAttempt.objects.get(username="amina")
    assert attempt.ip_address == ATTACKER
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert "guess" not in attempt.post_data  # passwords are masked
    failures = AccessFailureLog.objects.filter(username="amina", ip_address=ATTACKER)
    assert failures.count() == settings.AXES_FAILURE_LIMIT
    assert failures.filter(locked_out=True).exists()


def test_the_lockout_page_says_when_to_try_again_without_the_username(
    client, worker
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        answer = log_in(client, f"guess-{n}", REMOTE_ADDR=ATTACKER)

    assert answer.status_code == 429
    assert answer["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME * 3600))
    page = answer.content.decode()
    assert "Too many failed logins" in page
    assert "Try again in 60 minutes" in page
    assert "amina" not in page
    assert "CaseTracker" in page  # the admin's look, not a bare error


def test_a_json_client_gets_the_api_error_shape(client, worker) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        answer = log_in(
            client, f"guess-{n}", REMOTE_ADDR=ATTACKER, HTTP_ACCEPT="application/json"
        )

    assert answer.status_code == 429
    body = answer.json()
    assert body["status"] == 429
    assert body["code"] == "locked_out"
    assert "Too many failed logins" in body["message"]


def test_the_worker_still_logs_in_from_their_own_address(client, worker) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", REMOTE_ADDR=ATTACKER)

    answer = log_in(Client(), PASSWORD, REMOTE_ADDR=WORKER)

    assert answer.status_code == 302
    assert answer["Location"] == "/admin/"


def test_failures_below_the_limit_are_forgotten_after_a_login(client, worker) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, f"typo-{n}", REMOTE_ADDR=WORKER)
    assert log_in(client, PASSWORD, REMOTE_ADDR=WORKER).status_code == 302
    client.post("/admin/logout/")

    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        answer = log_in(client, f"typo-again-{n}", REMOTE_ADDR=WORKER)

    assert answer.status_code == 200


def test_ignores_x_forwarded_for_without_a_proxy(client, worker) -> None:
    # Anyone can send the header: changing it must not buy fresh attempts.
    for n in range(settings.AXES_FAILURE_LIMIT):
        answer = log_in(
            client,
            f"guess-{n}",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    assert answer.status_code == 429
    assert AccessAttempt.objects.get(username="amina").ip_address == ATTACKER


def test_without_a_proxy_reads_only_remote_addr() -> None:
    assert address_settings()["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]
    explicit = address_settings(BEHIND_TLS_PROXY="true", PROXY_COUNT="0")
    assert explicit["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]


@pytest.mark.parametrize(
    ("env", "forwarded_for"),
    [
        # One proxy: it appends the address it saw; what the client sent is left.
        ({"BEHIND_TLS_PROXY": "true"}, f"10.9.9.9, {ATTACKER}"),
        # Two: the inner one appends the outer one's address after the client's.
        ({"PROXY_COUNT": "2"}, f"10.9.9.9, {ATTACKER}, 192.168.0.2"),
    ],
)
def test_behind_proxies_takes_the_address_the_outermost_proxy_saw(
    client, worker, settings, env, forwarded_for
) -> None:
    for name, value in address_settings(**env).items():
        setattr(settings, name, value)

    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client changes what it writes itself, in vain.
        spoofed = forwarded_for.replace("10.9.9.9", f"10.9.9.{n}")
        answer = log_in(
            client,
            f"guess-{n}",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=spoofed,
        )

    assert answer.status_code == 429
    assert AccessAttempt.objects.get(username="amina").ip_address == ATTACKER
    elsewhere = forwarded_for.replace(ATTACKER, WORKER)
    answer = log_in(
        Client(), PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=elsewhere
    )
    assert answer.status_code == 302


def test_token_requests_are_untouched_by_the_lockout(client, worker) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess-{n}", REMOTE_ADDR=ATTACKER)
    worker.is_superuser = True
    worker.save()
    _token, secret = ApiToken.objects.issue(user=worker)
    api = APIClient(REMOTE_ADDR=ATTACKER)

    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/v1/cases/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-secret")
    assert api.get("/api/v1/cases/").status_code == 401


def test_wrong_tokens_do_not_lock_the_account(worker) -> None:
    api = APIClient(REMOTE_ADDR=WORKER)
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-secret")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert api.get("/api/v1/cases/").status_code == 401

    assert log_in(Client(), PASSWORD, REMOTE_ADDR=WORKER).status_code == 302


def test_a_session_from_the_login_form_reaches_the_api(client, worker) -> None:
    worker.is_superuser = True
    worker.save()
    # django-axes wants the request that authenticate() is for: the test client's
    # login() passes none unless given one (force_login needs none).
    assert client.login(request=HttpRequest(), username="amina", password=PASSWORD)

    assert client.get("/api/v1/cases/").status_code == 200


def test_force_login_still_opens_the_admin(admin_client) -> None:
    assert admin_client.get("/admin/").status_code == 200


def test_passwords_need_12_characters_and_not_a_common_one() -> None:
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("amudarya-18")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")

    validate_password("steppe-wind-over-almaty")
