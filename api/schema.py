"""The OpenAPI schema: every operation documents the errors it can answer."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import Direction

from .serializers.errors import ErrorSerializer

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


class ApiAutoSchema(AutoSchema):
    """Add the error answers to each operation, in the one error shape."""

    def _get_response_bodies(self, direction: Direction = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = list(ALWAYS)
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.extend(WRITES)
        if self.method == "DELETE":
            codes.append("409")
        for code in codes:
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = str(ERRORS[code])
                responses[code] = response
        return responses


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
