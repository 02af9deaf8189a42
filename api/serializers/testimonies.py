"""Testimonies given about a case, shown and created with the case."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Person, Testimony

from .base import ApiModelSerializer

# A transcribed hour of testimony runs past the 20,000 characters of other texts.
MAX_TESTIMONY_LENGTH = 200_000


class TestimonyInCaseSerializer(ApiModelSerializer[Testimony]):
    """A testimony as the case shows it and as a new case accepts it."""

    witness = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Person.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The uid of the person who gave it; null when anonymous."),
    )

    class Meta:
        model = Testimony
        fields = [
            "uid",
            "witness",
            "given_on",
            "language",
            "text",
            "consent",
            "created_at",
        ]
        read_only_fields = ["uid", "created_at"]
        extra_kwargs: dict[str, Any] = {"text": {"max_length": MAX_TESTIMONY_LENGTH}}
