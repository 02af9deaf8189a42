"""docker-compose.yml, .env.example and settings.py agree, checked without Docker."""

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
ENV_EXAMPLE = BASE_DIR / ".env.example"
APP_SERVICES = ["web", "worker", "beat"]

# ${NAME}, ${NAME:-default} or ${NAME-default}; $${...} is an escaped dollar.
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")
# env.str("NAME", ...), env.bool(\n "NAME", ...) and so on in settings.py.
SETTINGS_READ = re.compile(r"\benv\.\w+\(\s*[\"']([A-Z_][A-Z0-9_]*)[\"']")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load(COMPOSE_FILE)


@pytest.fixture(scope="module")
def env_example_values() -> dict[str, str]:
    """Return the variables .env.example sets, as Compose and settings.py see them."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if re.match(r"[A-Z_]\w*=", line))
    return dict(pairs)


@pytest.fixture(scope="module")
def env_example_documented(env_example_values: dict[str, str]) -> set[str]:
    """Return the variables .env.example sets or shows commented out (# NAME=...)."""
    commented = re.findall(r"(?m)^#\s*([A-Z_][A-Z0-9_]*)=", ENV_EXAMPLE.read_text())
    return set(env_example_values) | set(commented)


def strings_in(node: Any) -> list[str]:
    """Return every string value in a loaded YAML document (not its comments)."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings_in(value)]
    if isinstance(node, list):
        return [text for item in node for text in strings_in(item)]
    return [node] if isinstance(node, str) else []


def interpolations(compose: dict[str, Any]) -> list[tuple[str, str]]:
    """Return each (name, default) that Compose interpolates; default "" if none."""
    return [
        found for text in strings_in(compose) for found in INTERPOLATION.findall(text)
    ]


def command_line(service: dict[str, Any]) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_has_no_obsolete_version_key(compose: dict[str, Any]) -> None:
    assert "version" not in compose


def test_defines_the_full_stack(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"db", "redis", *APP_SERVICES}


@pytest.mark.parametrize("name", ["db", "redis"])
def test_backing_service_has_a_healthcheck(compose: dict[str, Any], name: str) -> None:
    healthcheck = compose["services"][name]["healthcheck"]
    assert healthcheck["test"][0] in ("CMD", "CMD-SHELL")


def test_db_healthcheck_uses_pg_isready(compose: dict[str, Any]) -> None:
    assert "pg_isready" in " ".join(compose["services"]["db"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_waits_for_healthy_db_and_redis(
    compose: dict[str, Any], name: str
) -> None:
    depends_on = compose["services"][name]["depends_on"]
    assert depends_on == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_web_migrates_then_serves_gunicorn_on_localhost_port(
    compose: dict[str, Any],
) -> None:
    web = compose["services"]["web"]
    command = command_line(web)
    assert command.index("migrate --noinput") < command.index("gunicorn casetracker")
    assert "--bind 0.0.0.0:8000" in command
    assert web["ports"] == ["127.0.0.1:8000:8000"]


def test_worker_runs_a_celery_worker_for_casetracker(compose: dict[str, Any]) -> None:
    assert command_line(compose["services"]["worker"]).startswith(
        "celery -A casetracker worker"
    )


def test_beat_keeps_its_schedule_file_in_tmp(compose: dict[str, Any]) -> None:
    command = command_line(compose["services"]["beat"])
    assert command.startswith("celery -A casetracker beat")
    assert "--schedule /tmp/celerybeat-schedule" in command


def test_media_volume_is_mounted_at_the_images_media_root(
    compose: dict[str, Any],
) -> None:
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    media_root = re.search(r"MEDIA_ROOT=(\S+)", dockerfile)
    assert media_root is not None
    assert "media" in compose["volumes"]
    for name in ("web", "worker"):
        volumes = compose["services"][name]["volumes"]
        assert f"media:{media_root.group(1)}" in volumes


def test_every_interpolated_variable_is_set_in_env_example(
    compose: dict[str, Any], env_example_values: dict[str, str]
) -> None:
    names = {name for name, _ in interpolations(compose)}
    assert names, "docker-compose.yml interpolates nothing: is the regex right?"
    assert names <= set(env_example_values)


def test_interpolation_defaults_equal_env_example_values(
    compose: dict[str, Any], env_example_values: dict[str, str]
) -> None:
    # So that a fresh clone (no .env) runs the same stack as cp .env.example .env.
    for name, default in interpolations(compose):
        assert default == env_example_values[name], name


def test_every_container_variable_is_in_env_example(
    compose: dict[str, Any], env_example_documented: set[str]
) -> None:
    for name, service in compose["services"].items():
        environment = service.get("environment", {})
        assert isinstance(environment, dict), f"{name}: use the mapping form"
        assert set(environment) <= env_example_documented, name


def test_every_variable_settings_reads_is_in_env_example(
    env_example_documented: set[str],
) -> None:
    settings_source = (BASE_DIR / "casetracker" / "settings.py").read_text()
    names = set(SETTINGS_READ.findall(settings_source))
    assert {"SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= names
    assert names <= env_example_documented


def test_env_example_database_url_uses_the_postgres_credentials(
    env_example_values: dict[str, str],
) -> None:
    values = env_example_values
    assert values["DATABASE_URL"] == (
        f"postgres://{values['POSTGRES_USER']}:{values['POSTGRES_PASSWORD']}"
        f"@db:5432/{values['POSTGRES_DB']}"
    )


def test_docker_build_context_leaves_out_env_and_local_data() -> None:
    ignored = (BASE_DIR / ".dockerignore").read_text().splitlines()
    assert {".env", ".venv", "var/", ".git"} <= set(ignored)


def test_validates_against_the_compose_specification() -> None:
    result = subprocess.run(
        ["bash", str(BASE_DIR / ".ci" / "check-compose")],
        env={**os.environ, "VENV": sys.prefix},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
