"""The case list's action "Export as PFIF 1.4"."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from audit.logging import record_access
from audit.models import AccessAction, Channel
from cases.models import Case
from sources.admin.cases import CaseWithSourcesAdmin

from .exporting import export_pfif


class CaseWithPfifAdmin(CaseWithSourcesAdmin):
    """The case admin with the PFIF export of the selected cases."""

    actions = [*(CaseWithSourcesAdmin.actions or ()), "export_as_pfif"]

    @admin.action(
        description=_("Export as PFIF 1.4 (public, with consent)"),
        permissions=["view"],
    )
    def export_as_pfif(
        self, request: HttpRequest, queryset: QuerySet[Case]
    ) -> HttpResponse | None:
        export = export_pfif(cases=queryset, user=request.user)
        if not export.cases:
            self.message_user(
                request,
                _(
                    "None of the selected cases is public with the family's "
                    "consent to publication: nothing to export."
                ),
                messages.WARNING,
            )
            return None
        record_access(
            request=request,
            action=AccessAction.EXPORTED,
            target=Case,
            channel=Channel.ADMIN,
            rows=len(export.cases),
        )
        response = HttpResponse(export.xml, content_type="application/xml")
        response["Content-Disposition"] = (
            content_disposition_header(True, "casetracker-cases.pfif.xml") or ""
        )
        return response


admin.site.unregister(Case)
admin.site.register(Case, CaseWithPfifAdmin)
