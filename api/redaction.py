"""Which fields each user may see: the sensitive ones only with the permission.

A field is sensitive exactly when it is encrypted at rest (EncryptedTextField):
relatives' contacts, testimony, identity document numbers, exact addresses.
Without `cases.view_sensitive_fields` they are left out of every answer, and
a request that gives one is refused as naming an unknown field.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import HttpRequest
from rest_framework import serializers
from rest_framework.request import Request

from cases import access
from cases.models import (
    Case,
    Detention,
    Facility,
    Person,
    Relative,
    StateClaim,
    Step,
    Submission,
    Testimony,
)
from sources.models import Citation, SourceArticle

if TYPE_CHECKING:
    # For the type checker, the mixin extends what it calls through super().
    _ModelSerializer = serializers.ModelSerializer[Any]
else:
    _ModelSerializer = object

# Where each kind of record sits in a case bundle (sources.bundles).
BUNDLE_RECORDS: dict[str, type[models.Model]] = {
    "persons": Person,
    "facilities": Facility,
    "articles": SourceArticle,
    "cases": Case,
}
BUNDLE_CASE_RECORDS: dict[str, type[models.Model]] = {
    "relatives": Relative,
    "detentions": Detention,
    "steps": Step,
    "submissions": Submission,
    "state_claims": StateClaim,
    "testimonies": Testimony,
    "citations": Citation,
}


def hidden_fields(
    request: HttpRequest | Request | None, model: type[models.Model]
) -> set[str]:
    """Return the fields of a model to hide from this request's user."""
    if request is None:
        # Schema generation and internal use: describe every field.
        return set()
    return access.hidden_fields(request.user, model)


def redact_bundle(
    bundle: dict[str, Any], request: HttpRequest | Request
) -> dict[str, Any]:
    """Remove from an exported case bundle the fields this user may not see."""
    for key, model in BUNDLE_RECORDS.items():
        _redact(bundle.get(key, []), hidden_fields(request, model))
    for key, model in BUNDLE_CASE_RECORDS.items():
        hidden = hidden_fields(request, model)
        for case in bundle.get("cases", []):
            _redact(case.get(key, []), hidden)
    for case in bundle.get("cases", []):
        _redact_source(case, request)
    return bundle


def _redact_source(case: dict[str, Any], request: HttpRequest | Request) -> None:
    """Leave out the relatives a user may not learn are the case's source."""
    sees_relatives = access.may_view(request.user, Relative)
    confidential = case.get("source_confidential", True)
    if not sees_relatives or (confidential and hidden_fields(request, Relative)):
        case.pop("submitting_relative", None)
    if not sees_relatives:
        _redact(case.get("steps", []), {"relative"})


def _redact(records: list[dict[str, Any]], hidden: set[str]) -> None:
    for record in records:
        for name in hidden:
            record.pop(name, None)


class RedactedFieldsMixin(_ModelSerializer):
    """Drop sensitive fields, and records nested from models the user may not view.

    For reading and for writing: a dropped field given in a request is an
    unknown field (StrictSerializerMixin), as if it did not exist.
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        context = self.context
        request = context.get("request")
        if getattr(context.get("view"), "swagger_fake_view", False):
            request = None  # the schema documents every field, for every reader
        if request is None:
            return fields
        hidden = hidden_fields(request, self.Meta.model)
        return {
            name: field
            for name, field in fields.items()
            if _model_field(name, field) not in hidden
            and _may_view_nested(request, field)
        }


def _model_field(name: str, field: serializers.Field) -> str:
    """Return the model field a serializer field shows: the first of its source."""
    source = field.source if isinstance(field.source, str) else None
    return (source or name).split(".")[0]


def _may_view_nested(request: Request, field: serializers.Field) -> bool:
    """Say whether the user may view the records a nested serializer shows."""
    nested = getattr(field, "child", field)
    if not isinstance(nested, serializers.ModelSerializer):
        return True
    return access.may_view(request.user, nested.Meta.model)
