"""The record of merges, read-only, with an undo action."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.merging import unmerge_persons
from cases.models import PersonMerge

from .access import RoleAwareAdmin


@admin.register(PersonMerge)
class PersonMergeAdmin(RoleAwareAdmin):
    list_display = [
        "__str__",
        "keep",
        "duplicate",
        "moved",
        "merged_by",
        "merged_at",
        "undone_at",
    ]
    list_select_related = ["keep", "duplicate", "merged_by"]
    actions = ["undo"]
    readonly_fields = [
        "keep",
        "duplicate",
        "moves",
        "kept",
        "merged_by",
        "merged_at",
        "undone_by",
        "undone_at",
    ]

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
