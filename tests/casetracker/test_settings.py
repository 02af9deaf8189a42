"""casetracker/settings.py as the environment configures it, each case in a fresh
Python process (settings are read once, at import)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parents[2]


PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from casetracker.celery import app
print(json.dumps({
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker_url": app.conf.broker_url,
    "task_always_eager": app.conf.task_always_eager,
    "task_acks_late": app.conf.task_acks_late,
    "task_reject_on_worker_lost": app.conf.task_reject_on_worker_lost,
    "worker_prefetch_multiplier": app.conf.worker_prefetch_multiplier,
    "task_serializer": app.conf.task_serializer,
    "accept_content": list(app.conf.accept_content),
    "task_soft_time_limit": app.conf.task_soft_time_limit,
    "task_time_limit": app.conf.task_time_limit,
}))
"""


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run code in a new interpreter with only PATH and the given variables set."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "casetracker.settings",
            # As on a fresh clone: a developer's .env must not fill what is unset.
            "READ_DOT_ENV": "false",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(**env: str) -> dict[str, Any]:
    result = run_python(PRINT_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = run_python("import django\ndjango.setup()\n", {})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_embedded_default_uses_sqlite_and_runs_tasks_in_process() -> None:
    settings = read_settings(DEBUG="true")
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is True
    assert settings["task_always_eager"] is True
    assert settings["broker_url"] == "memory://"


def test_broker_url_sends_tasks_to_a_worker() -> None:
    settings = read_settings(DEBUG="true", CELERY_BROKER_URL="redis://redis:6379/0")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False
    assert settings["task_always_eager"] is False
    assert settings["broker_url"] == "redis://redis:6379/0"


def test_database_url_selects_postgresql() -> None:
    settings = read_settings(
        DEBUG="true", DATABASE_URL="postgres://casetracker:pw@db:5432/casetracker"
    )
    assert settings["ENGINE"] == "django.db.backends.postgresql"


def test_tasks_ack_late_one_at_a_time_json_only_with_time_limits() -> None:
    settings = read_settings(DEBUG="true", CELERY_BROKER_URL="redis://redis:6379/0")
    assert settings["task_acks_late"] is True
    assert settings["task_reject_on_worker_lost"] is True
    assert settings["worker_prefetch_multiplier"] == 1
    assert settings["task_serializer"] == "json"
    assert settings["accept_content"] == ["json"]
    assert 0 < settings["task_soft_time_limit"] < settings["task_time_limit"]


def test_task_time_limits_come_from_the_environment() -> None:
    settings = read_settings(
        DEBUG="true", CELERY_TASK_SOFT_TIME_LIMIT="50", CELERY_TASK_TIME_LIMIT="60"
    )
    assert settings["task_soft_time_limit"] == 50
    assert settings["task_time_limit"] == 60


PRINT_SECURITY = """
import json
import django
django.setup()
from django.conf import settings
names = [
    "OTP_REQUIRED_FOR_STAFF", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME", "SESSION_IDLE_TIMEOUT", "PROXY_COUNT",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""
PRODUCTION = {
    "SECRET_KEY": "a-test-key-that-is-long-and-random-enough-0123456789abcdef",
    "FIELD_ENCRYPTION_KEYS": "Y2FzZXRyYWNrZXItdGVzdC1rZXktbmV2ZXItaW4tdXM=",
}


def read_security(**env: str) -> dict[str, Any]:
    result = run_python(PRINT_SECURITY, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_requires_a_second_factor_and_https() -> None:
    settings = read_security(**PRODUCTION)
    assert settings["OTP_REQUIRED_FOR_STAFF"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000


def test_development_logs_in_with_a_password_alone_and_default_limits() -> None:
    settings = read_security(DEBUG="true")
    assert settings["OTP_REQUIRED_FOR_STAFF"] is False
    assert settings["AXES_FAILURE_LIMIT"] == 5
    assert settings["AXES_COOLOFF_TIME"] == 1.0
    assert settings["SESSION_IDLE_TIMEOUT"] == 3600
    assert settings["PROXY_COUNT"] == 0


def test_login_settings_come_from_the_environment() -> None:
    settings = read_security(
        DEBUG="true",
        OTP_REQUIRED="true",
        AXES_FAILURE_LIMIT="10",
        AXES_COOLOFF_TIME="0.5",
        SESSION_IDLE_TIMEOUT="1800",
        BEHIND_TLS_PROXY="true",
    )
    assert settings["OTP_REQUIRED_FOR_STAFF"] is True
    assert settings["AXES_FAILURE_LIMIT"] == 10
    assert settings["AXES_COOLOFF_TIME"] == 0.5
    assert settings["SESSION_IDLE_TIMEOUT"] == 1800
    # Behind a TLS proxy, one proxy unless told otherwise.
    assert settings["PROXY_COUNT"] == 1


def test_production_can_turn_the_second_factor_off_and_count_proxies() -> None:
    settings = read_security(
        **PRODUCTION, OTP_REQUIRED="false", BEHIND_TLS_PROXY="true", PROXY_COUNT="2"
    )
    assert settings["OTP_REQUIRED_FOR_STAFF"] is False
    assert settings["PROXY_COUNT"] == 2


def test_deployment_checks_pass_with_production_settings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "READ_DOT_ENV": "false",
            **PRODUCTION,
            "ALLOWED_HOSTS": "casetracker.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
