"""Which fields each user may see: the hook the security issue's roles replace."""

from django.db import models
from rest_framework.request import Request

from cases.models import Relative


def hidden_fields(request: Request | None, model: type[models.Model]) -> set[str]:
    """Return the serializer fields of a model to hide from this request's user.

    Today: relatives' contact details only for those who may both view and
    change relatives (the case workers who call them back).
    """
    if request is None:
        # Schema generation and internal use: describe every field.
        return set()
    if model is Relative and not request.user.has_perms(
        ["cases.view_relative", "cases.change_relative"]
    ):
        return {"contact_details"}
    return set()


class RedactedFieldsMixin:
    """Drop the fields hidden_fields() names, for reading and for writing."""

    def get_fields(self) -> dict:
        fields = super().get_fields()  # type: ignore[misc]
        context = self.context  # type: ignore[attr-defined]
        request = context.get("request")
        if getattr(context.get("view"), "swagger_fake_view", False):
            request = None  # the schema documents every field, for every reader
        for name in hidden_fields(request, self.Meta.model):  # type: ignore[attr-defined]
            fields.pop(name, None)
        return fields
