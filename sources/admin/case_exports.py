"""Download cases from the admin's list: CSV, XLSX or a case bundle.

Actions on the selected cases, or on every case the list's filters and search
select ("Select all"). The CSV and XLSX columns are the API's CSV columns,
redacted for the user as the API redacts them (api.exporting); the bundle is
streamed as the API's bulk export streams it (api.bulk); each export is logged
as the API logs its own.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.bulk import bundle_chunks, record_bulk_export
from api.exporting import csv_response, serialized_rows, xlsx_response
from api.renderers import attachment, export_filename
from api.serializers.cases import CaseSerializer
from api.views.cases import listed_cases, perms
from audit.models import Channel
from cases.models import Case

if TYPE_CHECKING:
    from cases.admin import CaseAdmin

    _CaseAdmin = CaseAdmin
else:
    _CaseAdmin = object


def exported_cases(
    request: HttpRequest, chosen: QuerySet[Case], *, read: QuerySet[Case]
) -> QuerySet[Case]:
    """Return the chosen cases, read as `read` reads them, by reference; and log
    the export."""
    cases = read.filter(pk__in=chosen.order_by().values("pk"))
    record_bulk_export(request, cases, channel=Channel.ADMIN)
    return cases.order_by("reference")


def listed_rows(request: HttpRequest, chosen: QuerySet[Case]) -> Iterator[dict]:
    """Yield the chosen cases as the API's CSV rows, redacted for the user; and
    log the export."""
    cases = exported_cases(request, chosen, read=listed_cases())
    return serialized_rows(cases, CaseSerializer, request=request)


class CaseExportsMixin(_CaseAdmin):
    """The case list's download actions."""

    actions = ["download_csv", "download_xlsx", "download_bundle"]

    @admin.action(
        description=gettext_lazy("Download the selected cases as CSV"),
        permissions=["view"],
    )
    def download_csv(
        self, request: HttpRequest, chosen: QuerySet[Case]
    ) -> HttpResponseBase:
        return csv_response(listed_rows(request, chosen), model=Case)

    @admin.action(
        description=gettext_lazy("Download the selected cases as XLSX (Excel)"),
        permissions=["view"],
    )
    def download_xlsx(
        self, request: HttpRequest, chosen: QuerySet[Case]
    ) -> HttpResponseBase:
        return xlsx_response(listed_rows(request, chosen), model=Case)

    @admin.action(
        description=gettext_lazy("Download the selected cases as a case bundle"),
        permissions=["view"],
    )
    def download_bundle(
        self, request: HttpRequest, chosen: QuerySet[Case]
    ) -> HttpResponseBase | None:
        if not request.user.has_perms(perms("view")):
            self.message_user(
                request,
                _(
                    "A case bundle holds persons, relatives, detentions, facilities "
                    "and sources: you may not view all of them."
                ),
                messages.ERROR,
            )
            return None
        cases = exported_cases(request, chosen, read=Case.objects.all())
        response = StreamingHttpResponse(
            bundle_chunks(request, cases), content_type="application/json"
        )
        response["Content-Disposition"] = attachment(export_filename(Case, "json"))
        return response
