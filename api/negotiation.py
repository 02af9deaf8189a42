"""Choosing the answer's format: an unknown ?format= is a 400, not a 404."""

from collections.abc import Iterable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import negotiation, serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, Any]:
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(r.format for r in renderers if r.format != "api")
            raise serializers.ValidationError(
                {"format": [_("Give one of: %(formats)s.") % {"formats": formats}]}
            ) from None
