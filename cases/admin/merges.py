"""The record of merges, read-only, with an undo action."""

from typing import Any

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.merging import unmerge_persons
from cases.models import Person, PersonMerge

from .access import RoleAwareAdmin


@admin.register(PersonMerge)
class PersonMergeAdmin(RoleAwareAdmin):
    list_display = [
        "__str__",
        "moved",
        "merged_by",
        "merged_at",
        "undone_at",
    ]
    list_select_related = ["keep", "duplicate", "merged_by"]
    actions = ["undo"]
    # Only these: the stored lists of rows are shown in words, not as data.
    fields = readonly_fields = (
        "keep",
        "merged_duplicate",
        "moved_rows",
        "rows_left",
        "merged_by",
        "merged_at",
        "undone_by",
        "undone_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: PersonMerge | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: PersonMerge | None = None
    ) -> bool:
        return False

    def has_undo_permission(self, request: HttpRequest) -> bool:
        # Undoing moves rows back between persons: a change of persons.
        return request.user.has_perm(access.CHANGES_PERSONS)

    @admin.display(description=_("rows moved"))
    def moved(self, merge: PersonMerge) -> int:
        return len(merge.moves)

    @admin.display(description=_("merged duplicate"))
    def merged_duplicate(self, merge: PersonMerge) -> str:
        url = reverse("admin:cases_person_change", args=[merge.duplicate_id])
        return format_html(
            '<a href="{}" dir="auto">{}</a>', url, merge.duplicate_name()
        )

    @admin.display(description=_("moved to the kept person"))
    def moved_rows(self, merge: PersonMerge) -> str:
        return _as_list((describe_row(entry), "") for entry in merge.moves)

    @admin.display(description=_("left on the duplicate"))
    def rows_left(self, merge: PersonMerge) -> str:
        rows = ((describe_row(entry), entry.get("reason", "")) for entry in merge.kept)
        return _as_list(rows)

    @admin.action(description=_("Undo the merge"), permissions=["undo"])
    def undo(self, request: HttpRequest, queryset: QuerySet) -> None:
        # Newest first: a later merge into the same person must be undone first.
        for merge in queryset.order_by("-merged_at", "-id"):
            try:
                unmerge_persons(merge=merge, actor=request.user)
            except ValidationError as error:
                message = f"{merge}: {' '.join(error.messages)}"
                self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(request, _("Undid the merge %s.") % merge)


def describe_row(entry: dict[str, Any]) -> str:
    """Name a row a merge moved or left, as "Name form: Байболат Кунболатов"."""
    try:
        model = apps.get_model(entry["model"])
        field = model._meta.get_field(entry["field"])
    except (LookupError, FieldDoesNotExist, KeyError):
        return str(_("a record that no longer exists"))
    row = model._default_manager.filter(pk=entry.get("pk")).first()
    what = capfirst(model._meta.verbose_name)
    if field.verbose_name != Person._meta.verbose_name:  # "Case (relative)"
        what = f"{what} ({field.verbose_name})"
    shown = str(row) if row is not None else _("since deleted")
    return f"{what}: {shown}"


def _as_list(rows: Any) -> str:
    """Render (text, reason) pairs one a line, or a dash for none."""
    # Lines, not a <ul>: the admin's aligned forms push lists far right.
    lines = format_html_join(
        "", "{}{}<br>", ((text, f" — {why}" if why else "") for text, why in rows)
    )
    return lines or "—"
