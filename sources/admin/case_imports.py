"""Import cases from a spreadsheet in the admin: upload, preview, confirm.

The preview is a dry run of the import (sources.spreadsheets); the file waits
for the confirmation in a temporary file named by its SHA-256, which the
session remembers and the confirmation checks again, so the case worker
imports exactly the file she saw previewed.
"""

import hashlib
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.views.cases import perms

from ..spreadsheets import ImportReport, import_spreadsheet

if TYPE_CHECKING:
    from cases.admin import CaseAdmin

    _CaseAdmin = CaseAdmin
else:
    _CaseAdmin = object

SESSION_KEY = "spreadsheet_import"
WAITING = Path(tempfile.gettempdir()) / "casetracker-spreadsheets"
KEPT_SECONDS = 24 * 3600


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "CSV (UTF-8, comma or semicolon) or XLSX, one case a row. Nothing is "
            "written before you confirm the preview."
        ),
    )


class ConfirmForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CaseImportsMixin(_CaseAdmin):
    """The case list's "Import from a spreadsheet" page."""

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perms(perms("add", "change")):
            raise PermissionDenied
        if request.method == "POST" and "sha256" in request.POST:
            return self.confirm(request)
        form = UploadForm()
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                return self.preview(request, form.cleaned_data["file"])
        return self.render_import(request, {"form": form})

    def preview(self, request: HttpRequest, upload: Any) -> HttpResponse:
        data = upload.read()
        sha256 = hashlib.sha256(data).hexdigest()
        report = import_spreadsheet(
            data=data, filename=upload.name, user=request.user, dry_run=True
        )
        if report.ok:
            keep_waiting(sha256, data)
            request.session[SESSION_KEY] = {"sha256": sha256, "filename": upload.name}
        return self.render_import(
            request,
            {
                "form": UploadForm(),
                "report": report,
                "confirm": ConfirmForm(initial={"sha256": sha256})
                if report.ok
                else None,
            },
        )

    def confirm(self, request: HttpRequest) -> HttpResponse:
        waiting = request.session.get(SESSION_KEY) or {}
        form = ConfirmForm(request.POST)
        data = read_waiting(waiting.get("sha256", ""))
        if (
            not form.is_valid()
            or form.cleaned_data["sha256"] != waiting.get("sha256")
            or data is None
            or hashlib.sha256(data).hexdigest() != waiting["sha256"]
        ):
            self.message_user(
                request,
                _("The previewed file is no longer here: upload it again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        report = import_spreadsheet(
            data=data, filename=waiting["filename"], user=request.user, dry_run=False
        )
        if not report.ok:
            return self.render_import(request, {"form": UploadForm(), "report": report})
        forget_waiting(waiting["sha256"])
        del request.session[SESSION_KEY]
        self.message_user(request, str(report), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:cases_case_changelist"))

    def render_import(self, request: HttpRequest, context: dict) -> HttpResponse:
        report: ImportReport | None = context.get("report")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import cases from a spreadsheet"),
            "counts": report.counts() if report else None,
            **context,
        }
        return TemplateResponse(request, "admin/sources/case_import.html", context)


def keep_waiting(sha256: str, data: bytes) -> None:
    """Keep a previewed file until it is confirmed, readable by this user only.

    Files previewed and never confirmed are deleted after a day: they may hold
    relatives' contact details, unencrypted.
    """
    WAITING.mkdir(mode=0o700, exist_ok=True)
    stale = time.time() - KEPT_SECONDS
    for old in WAITING.iterdir():
        if old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    target = WAITING / sha256
    target.touch(mode=0o600)
    target.write_bytes(data)


def read_waiting(sha256: str) -> bytes | None:
    if len(sha256) != 64 or not sha256.isalnum():
        return None
    try:
        return (WAITING / sha256).read_bytes()
    except OSError:
        return None


def forget_waiting(sha256: str) -> None:
    (WAITING / sha256).unlink(missing_ok=True)
