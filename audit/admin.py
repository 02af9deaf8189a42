"""The access log in the admin, read-only; and a mixin that logs admin views."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .logging import record_access
from .models import AccessAction, AccessLogEntry, Channel

# Case.confidentiality's value for a confidential case (audit imports no app).
CONFIDENTIAL = "confidential"

if TYPE_CHECKING:
    # What the mixin is mixed into, for the type checker: its super() calls
    # reach ModelAdmin's views. At run time it is a plain mixin.
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


class KindOfRecordFilter(admin.SimpleListFilter):
    """Filter by the kind of record, named as case workers name it."""

    title = _("type of record")
    parameter_name = "object_type"

    def lookups(
        self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]"
    ) -> list[tuple[str, str]]:
        labels = AccessLogEntry.objects.values_list("object_type", flat=True)
        return sorted(
            ((label, _kind_name(label)) for label in labels.distinct()),
            key=lambda pair: pair[1],
        )

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[AccessLogEntry]
    ) -> QuerySet[AccessLogEntry]:
        if self.value():
            return queryset.filter(object_type=self.value())
        return queryset


def _kind_name(label: str) -> str:
    """Return the plural name of the model a label names, as "cases"."""
    try:
        return capfirst(str(apps.get_model(label)._meta.verbose_name_plural))
    except (LookupError, ValueError):
        return str(_("other records"))


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Administrators read the log; nobody adds, changes or deletes an entry."""

    # Tuples: see CaptureInline (sources/admin/articles.py).
    list_display = fields = (
        "at",
        "username",
        "summary",
        "case_reference",
        "rows",
        "channel",
        "client_address",
    )
    list_filter = ["action", "channel", KindOfRecordFilter]
    readonly_fields = ["summary"]
    search_fields = ["username", "case_reference", "object_ref", "client_address"]
    date_hierarchy = "at"
    show_full_result_count = False
    actions = None  # no "delete selected"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: AccessLogEntry | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: AccessLogEntry | None = None
    ) -> bool:
        return False

    @admin.display(description=_("what happened"))
    def summary(self, entry: AccessLogEntry) -> str:
        return entry.summary


class AccessLoggedAdminMixin(_ModelAdmin):
    """Log views of confidential records' pages and history, and refused ones.

    For the admin of cases, first in the bases, with a get_queryset that hides
    the cases the user may not see: the change, delete and history pages and
    past versions of a case outside that queryset are a 404 (the same as for a
    missing case) and the refusal is recorded; opening those of a
    confidential case is recorded.
    """

    def change_view(
        self,
        request: HttpRequest,
        object_id: str | None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if object_id is None:  # the add page: add_view() opens it as change_view does
            return super().add_view(request, form_url, extra_context)
        view = super().change_view
        return self.logged(
            request,
            object_id,
            AccessAction.VIEWED,
            lambda: view(request, object_id, form_url, extra_context),
        )

    def delete_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        view = super().delete_view
        return self.logged(
            request,
            object_id,
            AccessAction.VIEWED,
            lambda: view(request, object_id, extra_context),
        )

    def history_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        view = super().history_view
        return self.logged(
            request,
            object_id,
            AccessAction.HISTORY,
            lambda: view(request, object_id, extra_context),
        )

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        view = super().history_form_view  # type: ignore[misc]  # SimpleHistoryAdmin's view
        return self.logged(
            request,
            object_id,
            AccessAction.HISTORY,
            lambda: view(request, object_id, version_id, extra_context),
        )

    def logged(
        self,
        request: HttpRequest,
        object_id: str,
        action: AccessAction,
        view: Callable[[], HttpResponse],
    ) -> HttpResponse:
        """Run the view, and record a look at a confidential record; or answer
        404 for a record that exists but is hidden from the user, recording the
        refusal.

        A missing record is left to the view (for the admin of cases, the same
        404), so a guess learns nothing.
        """
        record = self.get_object(request, unquote(object_id))
        if record is None:
            if self.record_if_hidden(request, object_id):
                raise Http404
            return view()
        response = view()
        if self.is_confidential(record):
            record_access(
                request=request,
                action=action,
                target=record,
                channel=Channel.ADMIN,
                case_reference=record.reference,
            )
        return response

    def record_if_hidden(self, request: HttpRequest, object_id: str) -> bool:
        """Record a refusal if the record exists but is hidden; say whether it was."""
        try:
            record = self.model._default_manager.filter(pk=unquote(object_id)).first()
        except (ValueError, TypeError, ValidationError):
            return False  # not even a valid id
        if record is None:
            return False
        record_access(
            request=request,
            action=AccessAction.DENIED,
            target=record,
            channel=Channel.ADMIN,
            case_reference=getattr(record, "reference", ""),
        )
        return True

    def is_confidential(self, record: models.Model) -> bool:
        """Say whether looking at this record goes into the access log."""
        return getattr(record, "confidentiality", None) == CONFIDENTIAL
