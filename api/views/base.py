"""What every API view set does: refuse unknown query parameters."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.request import Request

from api.pagination import PARAMETERS

# Chooses the renderer (?format=json or ?format=csv).
ALWAYS_ALLOWED = {"format"}


class StrictQueryMixin:
    """Answer 400, naming them, to query parameters the endpoint does not know.

    A misspelt filter must not silently return everything.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if getattr(self, request.method.lower(), None) is None:
            return  # dispatch answers 405 next
        params = request.query_params
        errors = {
            name: [_("Unknown query parameter.")]
            for name in sorted(set(params) - self.allowed_query_params())
        }
        # An empty value is a mistake in building the URL, not "no filter".
        errors |= {
            name: [_("Give a value, or leave the parameter out.")]
            for name in sorted(params)
            if name not in errors and "" in params.getlist(name)
        }
        if errors:
            raise serializers.ValidationError(errors)

    # Actions other than list that take the list's filters (not its pages).
    filtered_actions: tuple[str, ...] = ()

    def allowed_query_params(self) -> set[str]:
        action = getattr(self, "action", None)
        filterset = getattr(self, "filterset_class", None)
        filters = set(filterset.base_filters) if filterset else set()
        if action == "list":
            return ALWAYS_ALLOWED | filters | set(PARAMETERS)
        if action in self.filtered_actions:
            return ALWAYS_ALLOWED | filters
        return ALWAYS_ALLOWED


class ApiViewSet(StrictQueryMixin, viewsets.ModelViewSet):
    """A model view set with a serializer per action (`serializer_classes`)."""

    serializer_classes: dict[str, type[serializers.BaseSerializer]] = {}
    ordering_fields: dict[str, str] = {"created_at": "pk"}
    default_ordering = "-created_at"

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        action = getattr(self, "action", None)
        return self.serializer_classes.get(action, self.serializer_class)  # type: ignore[arg-type]


class ReadOnlyApiViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):
    ordering_fields: dict[str, str] = {"created_at": "pk"}
    default_ordering = "-created_at"
