"""Cases: list, nested record, nested create, and case bundles."""

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import negotiation, permissions, serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api import bulk
from api.filters import CaseFilter
from api.permissions import ActionPermission, Permission, TokenScope
from api.redaction import redact_bundle
from api.renderers import JSONRenderer
from api.serializers.case_records import WgeidChecklistSerializer
from api.serializers.cases import (
    CaseDetailSerializer,
    CaseSerializer,
    NewCaseSerializer,
)
from api.serializers.spreadsheets import DryRunSerializer, SpreadsheetUploadSerializer
from api.visibility import hidden_in_bundle
from cases import access
from cases.models import (
    Case,
    Detention,
    PersonName,
    Relative,
    StateClaim,
    Testimony,
)
from cases.models.persons import display_name_of
from cases.wgeid import check_case
from sources.bundles import BundleError, export_bundle, load_bundle
from sources.models import Citation
from sources.spreadsheets import import_spreadsheet

from .base import ApiViewSet
from .pfif import PfifExportMixin

MAX_BUNDLE_CASES = 5_000
SUBJECT_SUMMARY = ["subject__uid", "subject__gender", "subject__ethnicity"]
BUNDLE_MODELS = [
    "cases.case",
    "cases.person",
    "cases.personname",
    "cases.relative",
    "cases.detention",
    "cases.facility",
    "cases.facilityname",
    "sources.sourcearticle",
    "sources.citation",
]

# What each kind of export is sent as, and the file name it suggests.
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "cases.csv"),
    "jsonl": ("application/jsonl; charset=utf-8", "cases.jsonl"),
    "bundle": ("application/json", "cases.bundle.json"),
}


class ExportNegotiation(negotiation.BaseContentNegotiation):
    """Send an export as its kind says, whatever Accept asks; an error as JSON."""

    def select_parser(self, request: Request, parsers: Any) -> None:
        return None

    def select_renderer(
        self, request: Request, renderers: Any, format_suffix: str | None = None
    ) -> tuple[JSONRenderer, str]:
        renderer = JSONRenderer()
        return renderer, renderer.media_type


def names(lookup: str) -> Prefetch:
    """Prefetch name forms in the order display_name reads them."""
    return Prefetch(lookup, queryset=PersonName.objects.order_by("id"))


def perms(*verbs: str) -> list[str]:
    app_models = [label.split(".") for label in BUNDLE_MODELS]
    return [f"{app}.{verb}_{model}" for verb in verbs for app, model in app_models]


def listed_cases() -> QuerySet[Case]:
    """Return the cases as the list reads them."""
    cases = Case.objects.select_related("subject", "assigned_to")
    cases = cases.annotate(subject_name=display_name_of("subject"))
    # A row shows four fields of the subject and the worker's username: the
    # rest of those rows would only be read, converted and dropped.
    own = [field.name for field in Case._meta.concrete_fields]
    return cases.only(*own, *SUBJECT_SUMMARY, "assigned_to__username")


class CaseViewSet(PfifExportMixin, ApiViewSet[Case]):
    """Cases: `GET /cases/{reference}/` gives the case with everything in it."""

    queryset = Case.objects.all()
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    serializer_class = CaseSerializer
    serializer_classes = {
        "retrieve": CaseDetailSerializer,
        "create": NewCaseSerializer,
    }
    filterset_class = CaseFilter
    viewing_actions = ("retrieve", "wgeid")
    filtered_actions = ("pfif", "bundle_set", "export_all")
    ordering_fields = {
        "created_at": "created_at",
        "updated_at": "updated_at",
        "reference": "reference",
    }
    action_permissions = {
        "bundle": perms("view"),
        "bundle_set": perms("view"),
        "pfif": [access.VIEWS_CASES, access.VIEWS_PERSONS, access.VIEWS_NAME_FORMS],
        "export_all": perms("view"),
        # A bundle carries sensitive fields, which loading overwrites.
        "load": [*perms("add", "change"), access.SEES_SENSITIVE_FIELDS],
        # As loading a bundle: each row is loaded as one.
        "import_cases": [*perms("add", "change"), access.SEES_SENSITIVE_FIELDS],
    }

    def get_permissions(self) -> Sequence[Permission]:
        if self.action == "export_all" and self.kwargs.get("kind") != "bundle":
            return super().get_permissions()  # CSV and JSON Lines: as the list
        if self.action in self.action_permissions:
            return [permissions.IsAuthenticated(), TokenScope(), ActionPermission()]
        return super().get_permissions()

    def allowed_query_params(self) -> set[str]:
        if self.action == "import_cases":
            return {*super().allowed_query_params(), "dry_run"}
        return super().allowed_query_params()

    def all_records(self) -> QuerySet[Case]:
        cases = Case.objects.select_related("subject", "assigned_to")
        if self.action in ("retrieve", "create"):
            return cases.prefetch_related(
                names("subject__names"),
                Prefetch(
                    "relatives",
                    Relative.objects.select_related("person")
                    .prefetch_related(names("person__names"))
                    .order_by("pk"),
                ),
                Prefetch(
                    "detentions",
                    Detention.objects.select_related("facility").prefetch_related(
                        "facility__names"
                    ),
                ),
                Prefetch("testimonies", Testimony.objects.select_related("witness")),
                Prefetch(
                    "citations",
                    Citation.objects.select_related(
                        "article", "detention", "step", "state_claim"
                    ).order_by("pk"),
                ),
                "steps",
                "submissions",
                Prefetch(
                    "state_claims", StateClaim.objects.select_related("submission")
                ),
            )
        if self.action == "list":
            return listed_cases()
        if self.action == "wgeid":
            return cases.prefetch_related(names("subject__names"), "steps")
        return cases.annotate(subject_name=display_name_of("subject"))

    @extend_schema(
        request=NewCaseSerializer,
        responses={201: CaseDetailSerializer},
        description=_(
            "Create a case with its subject, relatives and detentions at once."
        ),
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)

    @extend_schema(
        responses={200: WgeidChecklistSerializer},
        description=_(
            "Say which of the UN Working Group's six elements the case has, why "
            "each missing one is missing, and whether the case is urgent."
        ),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def wgeid(self, request: Request, reference: str) -> Response:
        case = self.get_object()  # logged as a view, as the case itself
        checklist = check_case(case)
        data = {"reference": case.reference, **asdict(checklist)}
        data["ready"] = checklist.ready
        return Response(WgeidChecklistSerializer(data).data)

    @extend_schema(
        operation_id="cases_bundle_one",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, _("A case bundle."))},
        description=_("Export this case as a case bundle (docs/case-bundle.md)."),
    )
    @action(detail=True, methods=["get"])
    def bundle(self, request: Request, reference: str) -> Response:
        case = self.get_object()
        self.record_export(case, [case])
        return Response(self.export(Case.objects.filter(pk=case.pk)))

    @extend_schema(
        operation_id="cases_bundle_filtered",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, _("A case bundle."))},
        description=_(
            "Export the cases the filters select as one case bundle (at most "
            "%(max)d cases)."
        )
        % {"max": MAX_BUNDLE_CASES},
    )
    @action(detail=False, methods=["get"], url_path="bundle", pagination_class=None)
    def bundle_set(self, request: Request) -> Response:
        cases = self.filter_queryset(Case.objects.visible_to(request.user))
        count = cases.count()
        if count > MAX_BUNDLE_CASES:
            raise serializers.ValidationError(
                _(
                    "The filters select %(count)d cases; a bundle holds at most "
                    "%(max)d. Narrow the filters."
                )
                % {"count": count, "max": MAX_BUNDLE_CASES}
            )
        self.record_export(Case, list(cases.only("pk", "reference")))
        return Response(self.export(cases))

    @extend_schema(
        operation_id="cases_export",
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(EXPORTS),
                description=_(
                    "csv: the list's columns, UTF-8 with a BOM; jsonl: one case "
                    "per line as the list shows it; bundle: one case bundle."
                ),
            )
        ],
        responses={
            (200, media): OpenApiResponse(
                OpenApiTypes.OBJECT if kind == "bundle" else OpenApiTypes.BINARY,
                _("Every case."),
            )
            for kind, (media, _filename) in EXPORTS.items()
        },
        description=_(
            "Export every case the filters select, streamed, however many: "
            "as CSV, JSON Lines or one case bundle."
        ),
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"export/(?P<kind>csv|jsonl|bundle)",
        pagination_class=None,
        # The path names the format: no ?format= to choose another.
        renderer_classes=[JSONRenderer],
        content_negotiation_class=ExportNegotiation,
    )
    def export_all(self, request: Request, kind: str) -> StreamingHttpResponse:
        cases = self.filter_queryset(Case.objects.visible_to(request.user))
        bulk.record_bulk_export(request, cases)
        media, filename = EXPORTS[kind]
        if kind == "bundle":
            chunks = bulk.bundle_chunks(request, cases)
        else:
            write = bulk.csv_chunks if kind == "csv" else bulk.jsonl_chunks
            chunks = write(request, listed_cases().filter(pk__in=cases.values("pk")))
        response = StreamingHttpResponse(chunks, content_type=media)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(
        operation_id="cases_bundle_load",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, _("Counts loaded."))},
        description=_(
            "Load a case bundle: all or nothing, matched on its keys, so loading "
            "it again changes nothing."
        ),
    )
    @bundle_set.mapping.post
    def load(self, request: Request) -> Response:
        self.refuse_hidden_records(request.data)
        try:
            summary = load_bundle(data=request.data, user=request.user)
        except BundleError as error:
            raise serializers.ValidationError(str(error)) from None
        return Response(
            {
                "message": str(summary),
                "created": dict(summary.created),
                "updated": dict(summary.updated),
                "unchanged": dict(summary.unchanged),
            }
        )

    @extend_schema(
        operation_id="cases_import",
        request={"multipart/form-data": SpreadsheetUploadSerializer},
        parameters=[DryRunSerializer],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, _("The import's report.")),
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                _("The report, with every problem by row and column; nothing written."),
            ),
        },
        description=_(
            "Import cases from a CSV or XLSX file (docs/importing-spreadsheets.md): "
            "every row or none. With dry_run=true, report what the import would "
            "do and write nothing."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
    )
    def import_cases(self, request: Request) -> Response:
        query = DryRunSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        upload = SpreadsheetUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        report = import_spreadsheet(
            data=file.read(),
            filename=file.name or "",
            user=request.user,
            dry_run=query.validated_data["dry_run"],
        )
        return Response(report.as_json(), status=200 if report.ok else 400)

    def refuse_hidden_records(self, data: Any) -> None:
        """Refuse a bundle that would overwrite records hidden from the user.

        As a case created with a reference already taken is: a conflict (409),
        which tells nothing of the hidden case. The attempt is logged.
        """
        hidden = hidden_in_bundle(data, user=self.request.user)
        for _where, record in hidden:
            self.record_denial(record)
        if hidden:
            message = _("Another record already has this key.")
            raise serializers.ValidationError(
                {where: [message] for where, _record in hidden}, code="unique"
            )

    def export(self, cases: QuerySet[Case]) -> dict[str, Any]:
        """Export a bundle without the fields this user may not see."""
        return redact_bundle(export_bundle(cases=cases), self.request)
