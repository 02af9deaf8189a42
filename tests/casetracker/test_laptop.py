"""The laptop set-up: its .env, and SQLite serving several requests at once."""

import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from casetracker.laptop import FORMER_DEVELOPMENT_KEY, write_laptop_env

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "laptop-test-password-42"


def settings_of(env_file: Path) -> dict[str, str]:
    lines = env_file.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and line[0] != "#")


def test_writes_a_private_env_with_new_keys(tmp_path: Path) -> None:
    written = write_laptop_env(tmp_path)

    assert written == tmp_path / ".env"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    values = settings_of(written)
    assert values["DEBUG"] == "true"
    assert len(values["SECRET_KEY"]) >= 50
    (key,) = values["FIELD_ENCRYPTION_KEYS"].split(",")
    assert Fernet(key).decrypt(Fernet(key).encrypt(b"contact")) == b"contact"
    assert key != FORMER_DEVELOPMENT_KEY


def test_never_overwrites_an_env(tmp_path: Path) -> None:
    first = write_laptop_env(tmp_path)
    assert first is not None
    before = first.read_text()

    assert write_laptop_env(tmp_path) is None
    assert first.read_text() == before


def test_keeps_the_former_key_for_a_database_made_before(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "casetracker.sqlite3").write_bytes(b"")

    written = write_laptop_env(tmp_path)

    assert written is not None
    keys = settings_of(written)["FIELD_ENCRYPTION_KEYS"].split(",")
    assert keys[1] == FORMER_DEVELOPMENT_KEY
    assert keys[0] != FORMER_DEVELOPMENT_KEY


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Return the environment of a laptop whose new SQLite file is migrated."""
    folder = tmp_path_factory.mktemp("laptop")
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "true",
        "READ_DOT_ENV": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'casetracker.sqlite3'}",
        "SECRET_KEY": "laptop-test-secret-key-0123456789-0123456789-0123",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "EVIDENCE_ROOT": str(folder / "evidence"),
    }
    migrate = manage(env, "migrate", "--noinput")
    env["MIGRATE_OUTPUT"] = migrate.stdout + migrate.stderr
    manage(env, "create_admin")
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


def test_a_new_database_starts_without_a_warning(laptop: dict[str, str]) -> None:
    assert "WARNING" not in laptop["MIGRATE_OUTPUT"]
    assert "W040" not in laptop["MIGRATE_OUTPUT"]


def test_a_first_save_makes_no_broker_client(laptop: dict[str, str]) -> None:
    script = (
        "from django.db import transaction\n"
        "from casetracker.celery import enqueue_on_commit\n"
        "from cases.models import Person, PersonName\n"
        "from sources.tasks import sweep_new_names\n"
        "with transaction.atomic():\n"
        "    person = Person.objects.create()\n"
        "    PersonName.objects.create(person=person, text='Aidar Laptopuly')\n"
        "    enqueue_on_commit(sweep_new_names)\n"
    )

    shell = manage(laptop, "shell", "--no-imports", "-c", script)

    assert "kombu" not in shell.stderr
    assert "No hostname was supplied" not in shell.stderr
    assert "sources.tasks.sweep_new_names" in shell.stderr  # it ran, in-process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def two_workers(laptop: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """Serve the laptop's database with two gunicorn workers; return the URL."""
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [gunicorn, "casetracker.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "4"]
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, cwd=BASE_DIR, env=laptop, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/admin/login/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def logged_in_client(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    client.get("/admin/login/")
    client.post(
        "/admin/login/?next=/admin/",
        data={
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
            "username": "admin",
            "password": PASSWORD,
        },
    )
    assert "sessionid" in client.cookies
    return client


def add_facility(client: httpx.Client, name: str) -> int:
    """Add a facility as the admin's form does; return the HTTP status."""
    management = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MAX_NUM_FORMS": "100"}
    data = {f"names-{field}": value for field, value in management.items()}
    data |= {"name": name, "kind": "camp", "names-MIN_NUM_FORMS": "0"}
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"]
    return client.post("/admin/cases/facility/add/", data=data).status_code


def test_two_workers_answer_concurrent_requests_without_an_error(
    two_workers: str,
) -> None:
    # A case worker typing sends autocomplete requests side by side, while
    # others save: every save reads, then writes, in the request's transaction.
    clients = [logged_in_client(two_workers) for _ in range(4)]

    def request(index: int) -> int:
        client = clients[index % 4]
        if index % 2:
            return add_facility(client, f"Invented facility {index}")
        term = "abcdefghijklmnop"[index % 16]
        return client.get(
            "/admin/autocomplete/?app_label=cases&model_name=case"
            f"&field_name=subject&term={term}"
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(request, range(64)))

    assert statuses == [200, 302] * 32
