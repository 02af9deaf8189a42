"""A real Celery worker on a real Redis broker starts, answers and stops cleanly."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
STARTUP_SECONDS = 30


def start_worker(
    *, name: str, broker_url: str, tmp_path: Path
) -> subprocess.Popen[bytes]:
    """Start `celery worker` as node name@host, its output going to worker.log."""
    env = {
        **os.environ,
        "DEBUG": "true",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    command = [CELERY, "-A", "casetracker", "worker", "--pool=solo"]
    command += ["--concurrency=1", "-n", f"{name}@%h", "--loglevel=INFO"]
    with (tmp_path / "worker.log").open("wb") as log:
        return subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
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


@pytest.mark.services
def test_worker_answers_ping_and_stops_cleanly(redis_url: str, tmp_path: Path) -> None:
    # A name of its own, so that no other worker on this broker answers for it.
    name = f"ct-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    worker = start_worker(name=name, broker_url=redis_url, tmp_path=tmp_path)
    try:
        answer = ping_until_reply(
            broker_url=redis_url, name=name, worker=worker, log=log
        )
        assert answer == {"ok": "pong"}
        worker.send_signal(signal.SIGTERM)  # Celery's warm shutdown
        exit_code = worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert exit_code == 0, log.read_text()
    assert "Traceback" not in log.read_text()
