"""The changes feed: `GET /changes/?since=<cursor>` (api.changes)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from api import changes
from api.permissions import TokenScope

from .base import ALWAYS_ALLOWED, StrictQueryMixin, signed_in


class ChangeSerializer(serializers.Serializer[dict[str, Any]]):
    """One change, as the feed gives it (for the schema)."""

    kind = serializers.ChoiceField(
        choices=[kind.name for kind in changes.KINDS],
        help_text=gettext_lazy("The kind of record: its list is /api/v1/<kind>s/."),
    )
    key = serializers.JSONField(
        help_text=gettext_lazy(
            "The record's key: a case's reference, a person's or detention's "
            "uid, a relative's id."
        )
    )
    action = serializers.ChoiceField(
        choices=["upsert", "delete", "merge"],
        help_text=gettext_lazy(
            "upsert: the record as its list shows it now; delete: gone, or "
            "hidden from you now; merge: a person merged into `into`."
        ),
    )
    changed_at = serializers.DateTimeField(
        help_text=gettext_lazy("When the change this entry comes from was made.")
    )
    record = serializers.DictField(
        allow_null=True,
        help_text=gettext_lazy("The record, for an upsert; else null."),
    )
    into = serializers.CharField(
        required=False, help_text=gettext_lazy("The surviving person's uid.")
    )


class ChangesPageSerializer(serializers.Serializer[dict[str, Any]]):
    results = ChangeSerializer(
        many=True, help_text=gettext_lazy("The changes, oldest first.")
    )
    cursor = serializers.CharField(
        help_text=gettext_lazy("Store it, and ask ?since=<cursor> next time.")
    )
    next = serializers.URLField(
        allow_null=True,
        help_text=gettext_lazy("The next page, or null once you have caught up."),
    )


class ChangesView(StrictQueryMixin, APIView):
    """What changed among the records you may see, oldest first."""

    permission_classes = [permissions.IsAuthenticated, TokenScope]

    def allowed_query_params(self) -> set[str]:
        return ALWAYS_ALLOWED | {"since", "page_size"}

    @extend_schema(
        operation_id="changes_list",
        parameters=[
            OpenApiParameter(
                "since",
                str,
                description=gettext_lazy(
                    "A cursor from an earlier page; `now` for the current "
                    "position; left out, from the start of the history."
                ),
            ),
            OpenApiParameter(
                "page_size",
                int,
                description=gettext_lazy(
                    "History entries read per page, 1 to %(max)d (default %(default)d)."
                )
                % {"max": changes.MAX_PAGE_SIZE, "default": changes.DEFAULT_PAGE_SIZE},
            ),
        ],
        responses={200: ChangesPageSerializer},
    )
    def get(self, request: Request) -> Response:
        signed_in(request)
        size = self.page_size(request.query_params.get("page_size"))
        since = request.query_params.get("since")
        after = self.position(since)
        if since == "now":
            page = changes.Page([], changes.now(), more=False)
        else:
            page = changes.changes_page(request, after, size)
        cursor = changes.encode_cursor(page.cursor)
        url = request.build_absolute_uri()
        next_url = replace_query_param(url, "since", cursor) if page.more else None
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
        return Response(
            {"results": page.entries, "cursor": cursor, "next": next_url},
            headers=headers,
        )

    def page_size(self, raw: str | None) -> int:
        if raw is None:
            return changes.DEFAULT_PAGE_SIZE
        if (
            not raw.isascii()
            or not raw.isdigit()
            or not 1 <= int(raw) <= changes.MAX_PAGE_SIZE
        ):
            raise serializers.ValidationError(
                {
                    "page_size": [
                        _("Give a whole number from 1 to %d.") % changes.MAX_PAGE_SIZE
                    ]
                }
            )
        return int(raw)

    def position(self, since: str | None) -> changes.Position | None:
        if since is None or since == "now":
            return None
        try:
            return changes.decode_cursor(since)
        except ValueError:
            raise serializers.ValidationError(
                {"since": [_("This cursor is invalid: give one the feed gave.")]}
            ) from None
