"""The shape of every error answer (see api.exceptions), for the schema."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("The HTTP status code, repeated."))
    code = serializers.CharField(
        help_text=_("A stable code: invalid, conflict, not_found, throttled...")
    )
    message = serializers.CharField(help_text=_("What is wrong, for people."))
    # A declared field, which the serializer's metaclass takes out of the class:
    # it does not hide Serializer.errors.
    errors = serializers.DictField(  # type: ignore[assignment]  # a field: see above
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_(
            "Messages per field, nested fields as relatives[0].relationship; "
            "empty when the error is not about fields."
        ),
    )
