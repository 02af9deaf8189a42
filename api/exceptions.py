"""One JSON shape for every error the API returns.

    {"status": 400, "code": "invalid", "message": "...", "errors": {"field": [...]}}

`errors` maps each field (nested ones as `relatives[0].relationship`) to its
messages; it is empty when the error is not about fields.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status, views
from rest_framework.response import Response

UNIQUE_CODES = {"unique", "unique_together"}
MAX_MESSAGE = 300


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def handle_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn an exception into the API's error shape, or leave it to Django (500)."""
    exc = _as_api_exception(exc)
    response = views.exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    errors: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        if _is_conflict(exc):
            response.status_code = status.HTTP_409_CONFLICT
    response.data = error_body(
        status_code=response.status_code,
        code=_code(exc, response.status_code),
        message=_message(exc, errors),
        errors=errors,
    )
    return response


def error_body(
    *, status_code: int, code: str, message: str, errors: dict | None = None
) -> dict[str, Any]:
    """Return the error shape, for responses made outside the exception handler."""
    return {
        "status": status_code,
        "code": code,
        "message": message,
        "errors": errors or {},
    }


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Answer an unknown address under the API with the error shape, not HTML."""
    body = error_body(
        status_code=404, code="not_found", message=_("No such address in the API.")
    )
    return JsonResponse(body, status=404)


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested error detail into {"a[0].b": ["message"]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat |= flatten_errors(value, _join(prefix, key))
        return flat
    if isinstance(detail, list) and any(isinstance(i, dict | list) for i in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat |= flatten_errors(value, f"{prefix}[{index}]")
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    if not messages:
        return {}
    return {prefix or "non_field_errors": [_shorten(str(m)) for m in messages]}


def _join(prefix: str, key: object) -> str:
    """Name a nested field: relatives[0].person; a list's own errors by the list."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if key in (NON_FIELD_ERRORS, "non_field_errors"):
        return prefix or "non_field_errors"
    return f"{prefix}.{key}" if prefix else str(key)


def _shorten(message: str) -> str:
    # Some messages quote the input, which may be a megabyte long.
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "…"


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(
            _("The request body is larger than %(limit)d bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return exceptions.ParseError(_("The form has too many fields or files."))
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return exceptions.ValidationError(detail)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(_("Other records still refer to this one: remove them first."))
    if isinstance(exc, DataError):
        # A value the database cannot store or compare, in the path, the query
        # or the body: a NUL character, a number out of range. Its text may
        # quote the value, so it stays out of the answer.
        return exceptions.ValidationError(
            _("A value holds a character or a number that cannot be stored.")
        )
    if isinstance(exc, IntegrityError):
        # The database refused what validation let through, such as a duplicate
        # created at the same moment by another request. Its text may quote
        # values, so it stays out of the answer.
        return Conflict(_("The change conflicts with another record; try again."))
    return exc


def _is_conflict(exc: exceptions.ValidationError) -> bool:
    codes = exc.get_codes()
    found: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
        else:
            found.add(str(node))

    collect(codes)
    return bool(found & UNIQUE_CODES)


def _code(exc: exceptions.APIException, status_code: int) -> str:
    if status_code == status.HTTP_409_CONFLICT:
        return "conflict"
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _message(exc: exceptions.APIException, errors: dict[str, list[str]]) -> str:
    if not errors:
        detail = exc.detail
        return str(
            detail if not isinstance(detail, list | dict) else exc.default_detail
        )
    described = "; ".join(f"{key}: {' '.join(value)}" for key, value in errors.items())
    return _("Invalid input: %(errors)s") % {"errors": described}
