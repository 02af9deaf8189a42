"""History pages in the admin, with the rows and fields each role may see."""

import dataclasses
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper

from .access import RoleAwareMixin, hidden_fields

__all__ = ["RoleAwareHistoryAdmin"]


class RoleAwareHistoryAdmin(RoleAwareMixin, SimpleHistoryAdmin):
    """A SimpleHistoryAdmin that hides what the user's role may not see.

    Past versions are a 404 like the record; the list of changes leaves out
    the fields the user may not see.
    """

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
