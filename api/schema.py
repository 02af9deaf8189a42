"""The OpenAPI schema: every operation documents the errors it can answer."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

ERRORS = {
    "400": _("Invalid input, query parameter, cursor or filter value."),
    "401": _("No credentials, or a token that is unknown, expired or revoked."),
    "403": _("Not allowed for this user or token."),
    "404": _("No such record."),
    "406": _("None of the formats in Accept can be given."),
    "409": _("Conflicts with another record (a duplicate, or still referred to)."),
    "413": _("The request body is too large."),
    "415": _("The body is in a format the API does not read."),
    "429": _("Too many requests: wait for Retry-After seconds."),
}
ALWAYS = ("400", "401", "403", "406", "429")
WRITES = ("409", "413", "415")


# The one shape of every error answer (api.exceptions).
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "status": {
            "type": "integer",
            "description": _("The HTTP status code, repeated."),
        },
        "code": {
            "type": "string",
            "description": _(
                "A stable code: invalid, conflict, not_found, throttled..."
            ),
        },
        "message": {"type": "string", "description": _("What is wrong, for people.")},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": _(
                "Messages per field, nested fields as relatives[0].relationship; "
                "empty when the error is not about fields."
            ),
        },
    },
    "required": ["code", "errors", "message", "status"],
}


def add_error_answers(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add the error answers each operation can give, in the one error shape.

    A postprocessing hook; the errors come in the formats of the operation's
    own answer (JSON, and CSV for lists).
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = _translated(ERROR_SCHEMA)
    error = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        # An operation with no body to answer (DELETE) errs in its path's formats.
        formats = answer_formats(operations.values())
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in error_codes(path, method.upper()):
                responses.setdefault(
                    code,
                    {
                        "content": {
                            media: {"schema": error}
                            for media in answer_formats([operation]) or formats
                        },
                        "description": str(ERRORS[code]),
                    },
                )
    return result


def answer_formats(operations: Iterable[dict[str, Any]]) -> list[str]:
    """Return the media types of the first answer with a body, if any."""
    for operation in operations:
        for response in operation.get("responses", {}).values():
            if "content" in response:
                return list(response["content"])
    return []


def error_codes(path: str, method: str) -> list[str]:
    """Return the error statuses an operation can answer."""
    codes = list(ALWAYS)
    if "{" in path:
        codes.append("404")
    if method in ("POST", "PUT", "PATCH"):
        codes.extend(WRITES)
    if method == "DELETE":
        codes.append("409")
    return codes


def _translated(schema: Any) -> Any:
    """Return the schema with its lazy texts made strings."""
    if isinstance(schema, dict):
        return {key: _translated(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_translated(value) for value in schema]
    return schema if isinstance(schema, int | str) else str(schema)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describe `Authorization: Token <secret>` (Bearer works too)."""

    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A token from `manage.py create_api_token`, sent as "
                    "`Authorization: Token <secret>` or `Bearer <secret>`."
                )
            ),
        }


PARAMETERS = {
    "format": _("json (the default) or csv: one row per record, for spreadsheets."),
    "uid": _("The record's permanent id (a UUID)."),
    "reference": _("The case's reference, such as CT-2021-0042."),
    "id": _("The record's number."),
}


def describe_parameters(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Describe the parameters drf-spectacular adds itself, and page results.

    A postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description") and parameter["name"] in PARAMETERS:
                    parameter["description"] = str(PARAMETERS[parameter["name"]])
    for name, component in result.get("components", {}).get("schemas", {}).items():
        results = component.get("properties", {}).get("results")
        if name.startswith("Paginated") and results is not None:
            results.setdefault("description", str(_("The records of this page.")))
    return result


def state_what_is_refused(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Say in the schema what the server refuses, so that clients need not learn it.

    An empty query parameter is refused (api.views.base), and so is a key a
    request body does not define (StrictSerializerMixin). A postprocessing hook.
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and schema.get("type") == "string":
                    schema.setdefault("minLength", 1)
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component.setdefault("additionalProperties", False)
    return result
