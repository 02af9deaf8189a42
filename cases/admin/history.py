"""History pages in the admin, with the rows and fields each role may see."""

import dataclasses
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import (
    DeletedObject,
    ModelChange,
    ModelChangeValue,
    ModelDelta,
)
from simple_history.template_utils import HistoricalRecordContextHelper

from .access import RoleAwareMixin, hidden_fields

__all__ = ["RoleAwareHistoryAdmin"]


class RoleAwareHistoryAdmin(RoleAwareMixin, SimpleHistoryAdmin):
    """A SimpleHistoryAdmin that hides what the user's role may not see.

    Past versions are a 404 like the record; the list of changes leaves out
    the fields the user may not see. Changes show labels, not stored codes.
    """

    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: Any = None,
    ) -> HttpResponse:
        self._check_history_access(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return _RedactedChanges(
            self.model,
            historical_record,
            hidden=hidden_fields(request.user, self.model),
        )


class _RedactedChanges(HistoricalRecordContextHelper):
    """The history page's list of changes, without the hidden fields."""

    def __init__(self, model: type[models.Model], record: Any, *, hidden: set[str]):
        super().__init__(model, record)
        self.hidden = hidden

    def context_for_delta_changes(self, delta: ModelDelta) -> list[dict[str, Any]]:
        delta = dataclasses.replace(
            delta,
            changes=[c for c in delta.changes if c.field not in self.hidden],
            changed_fields=[f for f in delta.changed_fields if f not in self.hidden],
        )
        return super().context_for_delta_changes(delta)

    def prepare_delta_change_value(
        self, change: ModelChange, value: ModelChangeValue
    ) -> Any:
        """Show a stored value as the change form shows it: labels, not codes."""
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            shown = super().prepare_delta_change_value(change, value)
            return ", ".join(str(item) for item in shown) or EMPTY
        return readable_value(field, value)


# What a history shows for a value that was not given.
EMPTY = "—"


def readable_value(field: Any, value: Any) -> Any:
    """Return a field's stored value as a case worker reads it."""
    if value is None or value == "":
        return EMPTY
    if getattr(field, "flatchoices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, DeletedObject):
        return _("a deleted record")
    if isinstance(field, models.ForeignKey):
        related = field.remote_field.model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("a deleted record")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return localize(value)
