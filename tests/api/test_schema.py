"""The OpenAPI schema: valid, with every operation, parameter and field described."""

import json
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema() -> dict:
    out = StringIO()
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_schema_validates_without_warnings(schema: dict) -> None:
    assert schema["openapi"].startswith("3.")


def test_every_operation_and_parameter_is_described(schema: dict) -> None:
    undescribed = [
        f"{method} {path} {parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    undescribed += [
        f"{method} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("description")
    ]
    assert undescribed == []


def test_every_field_is_described(schema: dict) -> None:
    undescribed = [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert undescribed == []


def test_every_operation_documents_its_errors(schema: dict) -> None:
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert {"400", "401", "403", "429"} <= set(operation["responses"])


def test_docs_and_schema_are_served(client, db) -> None:
    assert client.get("/api/v1/schema/").status_code == 200
    assert b"swagger" in client.get("/api/v1/docs/").content.lower()
