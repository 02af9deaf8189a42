"""Download a case's draft submission to the UN Working Group (.docx).

Every download is in the access log, whatever the case's confidentiality: the
draft gathers the whole case in one file that leaves the system.
"""

from typing import TYPE_CHECKING

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path

from api.renderers import attachment
from audit.logging import record_access
from audit.models import AccessAction, Channel
from cases import access
from cases.models import Case, Relative

from ..wgeid_draft import DOCX_TYPE, draft_filename, write_draft

if TYPE_CHECKING:
    from cases.admin import CaseAdmin

    _CaseAdmin = CaseAdmin
else:
    _CaseAdmin = object

__all__ = ["WgeidDraftMixin"]


class WgeidDraftMixin(_CaseAdmin):
    """Add the draft's download to the case admin: `?contacts=1` asks for the
    relatives' contact details, for users who may see them."""

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_wgeid_draft"
        view = self.admin_site.admin_view(self.wgeid_draft_view)
        return [
            path("<path:object_id>/wgeid-draft/", view, name=name),
            *super().get_urls(),
        ]

    def wgeid_draft_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        with_contacts = request.GET.get("contacts") == "1"
        if with_contacts and access.hidden_fields(request.user, Relative):
            raise PermissionDenied
        case = self.get_object(request, unquote(object_id))
        if not isinstance(case, Case):
            self.record_if_hidden(request, object_id)
            raise Http404
        content = write_draft(case, user=request.user, with_contacts=with_contacts)
        record_access(
            request=request,
            action=AccessAction.EXPORTED,
            target=case,
            channel=Channel.ADMIN,
            case_reference=case.reference,
        )
        response = HttpResponse(content, content_type=DOCX_TYPE)
        response["Content-Disposition"] = attachment(draft_filename(case))
        return response
