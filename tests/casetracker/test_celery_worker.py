"""A real Celery worker on a real Redis broker starts, answers and stops cleanly."""

import signal
import uuid
from pathlib import Path

import pytest

from tests.services import ping_until_reply, start_worker


@pytest.mark.services
def test_worker_answers_ping_and_stops_cleanly(redis_url: str, tmp_path: Path) -> None:
    # A name of its own, so that no other worker on this broker answers for it.
    name = f"ct-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}"}
    worker = start_worker(name=name, broker_url=redis_url, log=log, env=env)
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
