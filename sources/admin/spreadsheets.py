"""The record of spreadsheet imports: read-only, as an audit trail is."""

from django.contrib import admin
from django.http import HttpRequest

from cases.admin.access import RoleAwareAdmin

from ..models import SpreadsheetImport

SHOWN = (
    "filename",
    "created_at",
    "created_by",
    "rows",
    "cases_created",
    "cases_updated",
    "persons_created",
    "persons_updated",
)


@admin.register(SpreadsheetImport)
class SpreadsheetImportAdmin(RoleAwareAdmin):
    list_display = SHOWN
    list_select_related = ["created_by"]
    search_fields = ["filename", "sha256"]
    readonly_fields = (*SHOWN, "sha256")
    fields = (*SHOWN, "sha256")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
