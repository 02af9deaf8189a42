"""Whether the real services tests need are here."""

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

import pytest
import redis
from celery import Celery
from django.db import connection


def running_in_ci() -> bool:
    """Return whether CI runs the tests: there a missing service is a failure."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing(what: str, why: str) -> NoReturn:
    """Skip the test for want of what it needs; in CI, where nothing may lack, fail.

    Every such reason reads "needs <what>: <why>", which `.ci/run` counts on.
    """
    reason = f"needs {what}: {why}"
    if running_in_ci():
        pytest.fail(f"{reason} (CI must provide it)", pytrace=False)
    pytest.skip(reason)


def require_postgresql() -> None:
    """Skip (fail in CI) a test that needs the test database on PostgreSQL."""
    if connection.vendor != "postgresql":
        missing("PostgreSQL", "set DATABASE_URL to a PostgreSQL database")


def redis_problem(url: str) -> str | None:
    """Return why Redis at url cannot be used, or None if it answers a ping."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        return f"Redis is not running at {url} ({error})"
    finally:
        client.close()
    return None


BASE_DIR = Path(__file__).resolve().parents[1]
CELERY = Path(sys.executable).parent / "celery"
STARTUP_SECONDS = 30


def start_worker(
    *, name: str, broker_url: str, log: Path, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """Start `celery worker` as node name@host, its output going to the log."""
    env = {**os.environ, **env, "CELERY_BROKER_URL": broker_url}
    command = [CELERY, "-A", "casetracker", "worker", "--pool=solo"]
    command += ["--concurrency=1", "-n", f"{name}@%h", "--loglevel=INFO"]
    with log.open("ab") as output:
        return subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )


def ping_until_reply(
    *, broker_url: str, name: str, worker: subprocess.Popen[bytes], log: Path
) -> dict[str, str]:
    """Return the worker's reply to a ping; fail if it exits or stays silent."""
    client = Celery("ct-test-client", broker=broker_url)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"worker exited ({worker.returncode}):\n{log.read_text()}")
            for reply in client.control.ping(timeout=1.0):
                for node, answer in reply.items():
                    if node.startswith(f"{name}@"):
                        return answer
        pytest.fail(f"{name} did not answer in {STARTUP_SECONDS} s:\n{log.read_text()}")
    finally:
        client.close()
