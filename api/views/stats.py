"""The dashboard's figures: `GET /stats/` (cases.figures, sources.figures)."""

from dataclasses import asdict
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import TokenScope
from api.renderers import JSONRenderer
from cases.figures import case_figures
from sources.figures import source_figures

from .base import StrictQueryMixin, signed_in


class TallySerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField(
        help_text=_("The stored value: a fate, an ethnicity, 2018-03, or 2018 "
                    "for a date known only to the year; empty for a sum of others.")
    )  # fmt: skip
    label = serializers.CharField(help_text=_("What a reader sees."))  # type: ignore[assignment]  # the metaclass moves it out of Field.label's way
    count = serializers.IntegerField(help_text=_("The number of cases."))


class FacilityTallySerializer(serializers.Serializer[dict[str, Any]]):
    uid = serializers.UUIDField(help_text=_("The facility's uid (/facilities/<uid>/)."))
    name = serializers.CharField(help_text=_("The name most sources use."))
    latitude = serializers.FloatField(allow_null=True, help_text=_("If known."))
    longitude = serializers.FloatField(allow_null=True, help_text=_("If known."))
    cases = serializers.IntegerField(
        help_text=_("Cases you may see with a detention there.")
    )


class WorkWaitingSerializer(serializers.Serializer[dict[str, Any]]):
    """Null where your role may not view that kind of record."""

    mentions_to_review = serializers.IntegerField(
        allow_null=True, help_text=_("Suggested mentions of persons you may see.")
    )
    leads_to_review = serializers.IntegerField(
        allow_null=True, help_text=_("Names in articles that match nobody yet.")
    )
    duplicate_candidates = serializers.IntegerField(
        allow_null=True, help_text=_("Pairs of persons that may be one, to review.")
    )
    failed_imports = serializers.IntegerField(
        allow_null=True, help_text=_("Articles whose import failed.")
    )


class StatsSerializer(serializers.Serializer[dict[str, Any]]):
    cases = serializers.IntegerField(help_text=_("The cases you may see."))
    undated = serializers.IntegerField(
        help_text=_("Of those, the cases with no date of disappearance.")
    )
    by_month = TallySerializer(
        many=True,
        help_text=_("Disappearances per month; a date known only to the year "
                    "is its own entry after that year's December."),
    )  # fmt: skip
    by_fate = TallySerializer(many=True, help_text=_("Cases by fate."))
    by_ethnicity = TallySerializer(
        many=True, help_text=_("Cases by their missing person's ethnicity.")
    )
    by_prefecture = TallySerializer(many=True, help_text=_("Prefecture of origin."))
    by_facility = FacilityTallySerializer(
        many=True, help_text=_("Facilities where cases you may see were held.")
    )
    assigned_to_me = TallySerializer(many=True, help_text=_("By workflow state."))
    cases_with_two_publishers = serializers.IntegerField(
        help_text=_("Cases with sources from two publishers or more.")
    )
    work_waiting = WorkWaitingSerializer(
        help_text=_("What waits for review; null where your role may not view it.")
    )


class StatsView(StrictQueryMixin, APIView):
    """The figures of the cases you may see, as the admin's dashboard shows them."""

    permission_classes = [permissions.IsAuthenticated, TokenScope]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    @extend_schema(operation_id="stats_retrieve", responses=StatsSerializer)
    def get(self, request: Request) -> Response:
        user = signed_in(request)
        cases, sources = case_figures(user=user), source_figures(user=user)
        figures = asdict(cases)
        figures["by_facility"] = [f for f in figures["by_facility"] if f["cases"]]
        figures["work_waiting"] = {
            "mentions_to_review": sources.mentions_to_review,
            "leads_to_review": sources.leads_to_review,
            "duplicate_candidates": figures.pop("open_duplicates"),
            "failed_imports": sources.failed_imports,
        }
        figures["cases_with_two_publishers"] = sources.cases_with_two_publishers
        return Response(StatsSerializer(figures).data)
