"""Keyset (cursor) pagination: stable under inserts, as fast deep as on page one.

A page is fetched with `WHERE (field, pk) > (last field, last pk) ORDER BY
field, pk LIMIT n+1`, so the 1000th page costs what the first does. The cursor
is an opaque token holding the position and direction; the ordering itself is
`?ordering=` among the fields a view offers (`ordering_fields`), with the
primary key breaking ties. Only non-null fields are offered, so that a position
is always a value.
"""

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext as _
from rest_framework import pagination, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

if TYPE_CHECKING:
    # rest_framework.views imports the API settings, which import this module.
    from rest_framework.views import APIView

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
PARAMETERS = ("cursor", "page_size", "ordering")


class KeysetPagination(pagination.BasePagination):
    """Paginate on (ordering field, pk) with an opaque cursor."""

    def paginate_queryset(
        self, queryset: models.QuerySet, request: Request, view: "APIView | None" = None
    ) -> list[Any]:
        self.request = request
        self.page_size = self._page_size(request)
        self.model = queryset.model
        self.ordering_param, self.field, self.descending = self._ordering(request, view)
        position, self.reverse = self._decode(request.query_params.get("cursor"))
        backwards = self.descending != self.reverse
        sign = "-" if backwards else ""
        queryset = queryset.order_by(f"{sign}{self.field}", f"{sign}pk")
        if position is not None:
            queryset = queryset.filter(self._after(position, backwards))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if self.reverse:
            rows.reverse()
        self.has_next = more if not self.reverse else position is not None
        self.has_previous = position is not None if not self.reverse else more
        self.rows = rows
        return rows

    def get_paginated_response(self, data: list[Any]) -> Response:
        links = self.links()
        headers = {}
        if links["next"]:
            headers["Link"] = f'<{links["next"]}>; rel="next"'
        return Response({**links, "results": data}, headers=headers)

    def links(self) -> dict[str, str | None]:
        """Return the addresses of the next and previous pages, or None."""
        url = self.request.build_absolute_uri()
        nxt = prev = None
        if self.has_next and self.rows:
            nxt = replace_query_param(url, "cursor", self._encode(self.rows[-1], False))
        if self.has_previous and self.rows:
            prev = replace_query_param(url, "cursor", self._encode(self.rows[0], True))
        elif self.has_previous:
            prev = remove_query_param(url, "cursor")
        return {"next": nxt, "previous": prev}

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": _("The next page, or null.")},
                "previous": {**link, "description": _("The previous page, or null.")},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: "APIView") -> list[dict[str, Any]]:
        orderings = [
            value
            for name in getattr(view, "ordering_fields", {})
            for value in (name, f"-{name}")
        ]
        return [
            _parameter("cursor", _("The page to read: the next or previous link."), {}),
            _parameter(
                "page_size",
                _("Rows per page, 1 to %(max)d (default %(default)d).")
                % {"max": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            ),
            _parameter(
                "ordering",
                _("Sort by this field; '-' before it sorts descending."),
                {"type": "string", "enum": orderings},
            ),
        ]

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get("page_size")
        if not raw:  # absent, or empty
            return DEFAULT_PAGE_SIZE
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise serializers.ValidationError(
                {"page_size": [_("Give a whole number from 1 to %d.") % MAX_PAGE_SIZE]}
            )
        return int(raw)

    def _ordering(
        self, request: Request, view: "APIView | None"
    ) -> tuple[str, str, bool]:
        """Return the ordering asked for, its model field and whether descending."""
        fields: dict[str, str] = getattr(view, "ordering_fields", {})
        default: str = getattr(view, "default_ordering", "")
        raw = request.query_params.get("ordering") or default
        name = raw.removeprefix("-")
        if name not in fields:
            choices = ", ".join(sorted(fields))
            raise serializers.ValidationError(
                {"ordering": [_("Order by one of: %s (or '-' before it).") % choices]}
            )
        return raw, fields[name], raw.startswith("-")

    def _after(self, position: list[Any], backwards: bool) -> models.Q:
        value, pk = position
        op = "lt" if backwards else "gt"
        if self.field == "pk":
            return models.Q(**{f"pk__{op}": pk})
        # The redundant bound lets the database walk the index on the field.
        return models.Q(**{f"{self.field}__{op}e": value}) & (
            models.Q(**{f"{self.field}__{op}": value})
            | models.Q(**{self.field: value, f"pk__{op}": pk})
        )

    def _encode(self, row: models.Model | dict[str, Any], reverse: bool) -> str:
        # A row is a record or a values() dict (api.serializers.rows).
        if isinstance(row, dict):
            value, pk = row[self.field], row["pk"]
        else:
            value, pk = getattr(row, self.field), row.pk
        text = value.isoformat() if hasattr(value, "isoformat") else value
        token = json.dumps({"p": [text, pk], "r": reverse, "o": self.ordering_param})
        return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")

    def _decode(self, cursor: str | None) -> tuple[list[Any] | None, bool]:
        if not cursor:
            return None, False
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            token = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            value, pk = token["p"]
            reverse = token["r"]
            # A cursor belongs to its ordering; ids fit a 64-bit column.
            valid = (
                token["o"] == self.ordering_param
                and isinstance(reverse, bool)
                and isinstance(pk, int)
                and 0 < pk < 2**63
                and isinstance(value, str | int)
                and "\x00" not in str(value)
            )
            if not valid:
                raise ValueError
            value = self._field_value(value)
        except (
            ValueError,
            TypeError,
            KeyError,
            UnicodeError,
            binascii.Error,
            DjangoValidationError,
        ):
            raise serializers.ValidationError(
                {
                    "cursor": [
                        _("This cursor is invalid: follow the next or previous link.")
                    ]
                }
            ) from None
        return [value, pk], reverse

    def _field_value(self, value: str | int) -> Any:
        if self.field == "pk":
            return value
        value = self.model._meta.get_field(self.field).to_python(value)
        if hasattr(value, "tzinfo") and value.tzinfo is None:
            raise ValueError  # the cursor's times carry their offset
        return value


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": description,
        "schema": {"type": "string", **schema},
    }
