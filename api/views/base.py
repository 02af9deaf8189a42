"""What every API view set does: refuse unknown query parameters, show only
the records the user may see, log looks at confidential ones, write atomically."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from api.pagination import PARAMETERS, KeysetPagination
from api.visibility import confidential_cases
from audit.logging import record_access
from audit.models import AccessAction, Channel
from cases.access import visible
from cases.models import Case
from cases.owners import case_references
from casetracker.storable import unstorable

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rest_framework.views import APIView, AsView, GenericView

    # For the type checker, each mixin extends the DRF class whose methods it
    # calls through super(). At run time they extend nothing, as mixins do;
    # Generic only takes the model parameter.
    _APIView = APIView
    _ViewSet = viewsets.ViewSet
    _ModelViewSet = viewsets.ReadOnlyModelViewSet
else:
    _APIView = _ViewSet = object
    _ModelViewSet = Generic

# Chooses the renderer (?format=json or ?format=csv).
ALWAYS_ALLOWED = {"format"}

_MT = TypeVar("_MT", bound=Model)


def signed_in(request: Request) -> "User":
    """Return the request's user, whom the view's permissions have let in."""
    user = request.user
    if isinstance(user, AnonymousUser):
        raise exceptions.NotAuthenticated()
    return user


class StrictQueryMixin(_APIView):
    """Answer 400, naming them, to query parameters the endpoint does not know.

    A misspelt filter must not silently return everything.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if (
            request.method is None
            or getattr(self, request.method.lower(), None) is None
        ):
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
        # No database stores or compares a NUL character (casetracker.storable).
        errors |= {
            name: [_("A value holds a NUL character, which cannot be stored.")]
            for name in sorted(params)
            if name not in errors and unstorable(params.getlist(name))
        }
        if "\x00" in request.path:
            errors["path"] = [_("The address holds a NUL character.")]
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


class VisibleRecordsMixin(_ModelViewSet[_MT]):
    """Show only the records the user may know exist (api.visibility).

    View sets give every record in `all_records()`; `get_queryset()` keeps
    those the user may see, so a hidden record is a 404 like a missing one.
    Asking for a hidden record is logged as refused; opening a record of a
    confidential case as viewed; a list as CSV as exported.
    """

    # Actions that show one record: each look at a confidential one is logged.
    viewing_actions: tuple[str, ...] = ("retrieve", "update", "partial_update")

    def all_records(self) -> QuerySet[_MT]:
        """Return every record of the endpoint, before hiding any."""
        if self.queryset is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs a queryset or an all_records()."
            )
        return self.queryset.all()

    def get_queryset(self) -> QuerySet[_MT]:
        return visible(self.all_records(), user=self.request.user)

    def get_object(self) -> _MT:
        try:
            record = super().get_object()
        except Http404:
            self.record_refusal()
            raise
        if self.action in self.viewing_actions:
            self.record_view(record)
        return record

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        if request.accepted_renderer.format == "csv" and response.status_code == 200:
            paginator = self.paginator
            if not isinstance(paginator, KeysetPagination):
                raise ImproperlyConfigured("A CSV list needs KeysetPagination.")
            self.record_export(self.all_records().model, paginator.rows)
        return response

    def record_view(self, record: Model) -> None:
        """Log a look at a record, once per confidential case it belongs to."""
        for reference in case_references([record], among=confidential_cases()):
            self.write_entry(AccessAction.VIEWED, record, reference)

    def record_export(
        self, target: Model | type[Model], records: Sequence[Model]
    ) -> None:
        """Log an export (of one record, or of a list of a model's records), and
        once more for each confidential case among what it holds."""
        self.write_entry(AccessAction.EXPORTED, target, "", rows=len(records))
        for reference in case_references(records, among=confidential_cases()):
            self.write_entry(AccessAction.EXPORTED, target, reference)

    def record_refusal(self) -> None:
        """Log a request for a record that exists but is hidden from the user."""
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        try:
            hidden = self.all_records().filter(**{self.lookup_field: value}).first()
        except (ValueError, TypeError, DjangoValidationError):
            return  # not even a valid key: nothing by that name exists
        if hidden is not None:
            self.record_denial(hidden)

    def record_denial(self, hidden: Model) -> None:
        """Log a refused attempt at a hidden record, once per hidden case."""
        among = Case.objects.hidden_from(self.request.user)
        for reference in case_references([hidden], among=among) or [""]:
            self.write_entry(AccessAction.DENIED, hidden, reference)

    def write_entry(
        self,
        action: AccessAction,
        target: Model | type[Model],
        case_reference: str,
        rows: int | None = None,
    ) -> None:
        record_access(
            request=self.request,
            action=action,
            target=target,
            channel=Channel.API,
            case_reference=case_reference,
            rows=rows,
        )


class AtomicWritesMixin(_ViewSet):
    """Wrap the requests that may write in a transaction, and only those.

    ATOMIC_REQUESTS would put every read in BEGIN and COMMIT too: two round
    trips more than the SELECTs of a list page, for no gain, since PostgreSQL
    gives each statement of a READ COMMITTED transaction its own snapshot.
    """

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> "AsView[GenericView]":
        view = super().as_view(*args, **kwargs)
        return transaction.non_atomic_requests(view)

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        # Inside a caller's transaction (a test's), a read takes a savepoint so
        # that the handler's rollback of an error undoes only the request.
        if (
            request.method in permissions.SAFE_METHODS
            and not connection.in_atomic_block
        ):
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if getattr(response, "exception", False):
                # An error answered from an exception leaves nothing written.
                transaction.set_rollback(True)
            return response


class ApiViewSet(
    AtomicWritesMixin,
    VisibleRecordsMixin[_MT],
    StrictQueryMixin,
    viewsets.ModelViewSet[_MT],
):
    """A model view set with a serializer per action (`serializer_classes`)."""

    serializer_classes: dict[str, type[serializers.BaseSerializer[Any]]] = {}
    ordering_fields: dict[str, str] = {"created_at": "pk"}
    default_ordering = "-created_at"

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        action = getattr(self, "action", None)
        if action in self.serializer_classes:
            return self.serializer_classes[action]
        return super().get_serializer_class()


class ReadOnlyApiViewSet(
    AtomicWritesMixin,
    VisibleRecordsMixin[_MT],
    StrictQueryMixin,
    viewsets.ReadOnlyModelViewSet[_MT],
):
    ordering_fields: dict[str, str] = {"created_at": "pk"}
    default_ordering = "-created_at"
