"""`GET /api/v1/cases/pfif/`: the cases the list's filters select, as PFIF 1.4."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.decorators import action
from rest_framework.request import Request

from api.renderers import JSONRenderer
from api.schema import ALWAYS, ERRORS
from cases.models import Case
from pfif.exporting import export_pfif

if TYPE_CHECKING:
    from .base import VisibleRecordsMixin

    _CaseViewSet = VisibleRecordsMixin[Case]
else:
    _CaseViewSet = object

PFIF_MEDIA_TYPE = "application/xml"
ERROR_REFERENCE = {"$ref": "#/components/schemas/Error"}


class PfifRenderer(renderers.BaseRenderer):
    """Lets a client ask for XML; the document itself is answered as it is.

    Only an error reaches a renderer: it is written as the API's JSON error.
    """

    media_type = PFIF_MEDIA_TYPE
    format = "xml"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data, None, renderer_context)


class PfifExportMixin(_CaseViewSet):
    """The PFIF export of the case list (filtered_actions must name "pfif")."""

    @extend_schema(
        operation_id="cases_pfif",
        filters=True,  # the case list's, though the answer is no list
        responses={
            (200, PFIF_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR, _("A PFIF 1.4 document (XML).")
            ),
            # Errors are JSON, as everywhere in the API, though the answer is XML.
            **{
                (int(code), "application/json"): OpenApiResponse(
                    ERROR_REFERENCE, ERRORS[code]
                )
                for code in ALWAYS
            },
        },
        description=_(
            "Export the cases the filters select as PFIF 1.4: one person record "
            "per missing person, with notes for the case's status, detentions, "
            "the state's claims and merged duplicates. Only public cases whose "
            "family consented to publication, and only what the user may see."
        ),
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="pfif",
        pagination_class=None,
        renderer_classes=[JSONRenderer, PfifRenderer],
    )
    def pfif(self, request: Request) -> HttpResponse:
        cases = self.filter_queryset(Case.objects.all())
        export = export_pfif(cases=cases, user=request.user)
        self.record_export(Case, export.cases)
        response = HttpResponse(
            export.xml, content_type=f"{PFIF_MEDIA_TYPE}; charset=utf-8"
        )
        response["Content-Disposition"] = (
            content_disposition_header(True, "casetracker-cases.pfif.xml") or ""
        )
        return response
