"""What each user may see in the admin: the mixins every ModelAdmin and inline uses.

Rows: a case or person the user may not see (`visible_to` on their QuerySets),
and every row tied to one, does not exist for that user: not in lists, search,
filter counts, autocomplete or choices, and a 404 on its change, delete and
history pages, as for an id that was never used.

Fields: a field is sensitive exactly when it is an EncryptedTextField. Without
`cases.view_sensitive_fields` it is left out of forms, inlines, lists, search,
filters and the history pages. Nobody may filter on one: the database holds
only ciphertext, so such a filter could only tell who has a value.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from cases import access
from cases.access import SEES_EVERY_RECORD, hidden_fields
from cases.encryption import reaches_sensitive_field

__all__ = [
    "SEES_EVERY_RECORD",
    "RoleAwareAdmin",
    "RoleAwareInlineMixin",
    "RoleAwareMixin",
    "hidden_fields",
]

if TYPE_CHECKING:
    # What the mixins are mixed into, for the type checker: their super() calls
    # reach these classes' methods. At run time they are plain mixins.
    _BaseAdmin = admin.options.BaseModelAdmin[Any]
    _ModelAdmin = admin.ModelAdmin[Any]
    _InlineAdmin = admin.options.InlineModelAdmin[Any, Any]
else:
    _BaseAdmin = _ModelAdmin = _InlineAdmin = object


def _without(names: Iterable[Any], hidden: set[str]) -> list[Any]:
    """Drop hidden names from a fields list whose items may be tuples (one line)."""
    kept: list[Any] = []
    for name in names:
        if isinstance(name, list | tuple):
            line = [item for item in name if item not in hidden]
            if line:
                kept.append(tuple(line))
        elif name not in hidden:
            kept.append(name)
    return kept


class _SeenByUsers(Protocol):
    """A manager of records some users may not see (Case's, Person's)."""

    def visible_to(self, user: access.User) -> QuerySet: ...

    def filter(self, *args: Any, **kwargs: Any) -> QuerySet: ...


class _RowsAndFieldsMixin(_BaseAdmin):
    """What ModelAdmins and inlines share: visible rows and choices, hidden fields."""

    model: type[models.Model]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        return access.visible(queryset, user=request.user)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = super().get_fields(request, obj)
        return _without(fields, hidden_fields(request.user, self.model))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        hidden = hidden_fields(request.user, self.model)
        fieldsets = super().get_fieldsets(request, obj)
        kept = [
            (title, {**options, "fields": _without(options["fields"], hidden)})
            for title, options in fieldsets
        ]
        return [(title, options) for title, options in kept if options["fields"]]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        exclude = super().get_exclude(request, obj)
        hidden = hidden_fields(request.user, self.model)
        if not hidden:
            return exclude  # None keeps a custom form's own Meta.exclude
        return [*(exclude or []), *sorted(hidden - set(exclude or []))]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = super().get_readonly_fields(request, obj)
        return _without(readonly, hidden_fields(request.user, self.model))

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        # The key's related_model: Django takes it from remote_field.model.
        manager = db_field.remote_field.model._default_manager
        if "queryset" not in kwargs and hasattr(manager, "visible_to"):
            kwargs["queryset"] = self._choices(db_field, manager, request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _choices(
        self, db_field: models.ForeignKey, manager: "_SeenByUsers", request: HttpRequest
    ) -> QuerySet:
        """Offer the visible records, and keep the one each row already links to.

        A relative of a visible case may be hidden for being named in another
        case; refusing them would make the visible case impossible to save.
        """
        visible = manager.visible_to(request.user)
        saved = self._saved_rows(request)
        if saved is None or request.user.has_perm(SEES_EVERY_RECORD):
            return visible
        linked = saved.values(db_field.attname)
        return manager.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=linked))

    def _saved_rows(self, request: HttpRequest) -> QuerySet | None:
        raise NotImplementedError


class RoleAwareMixin(_RowsAndFieldsMixin, _ModelAdmin):
    """Hide rows and sensitive fields in a ModelAdmin (see the module docstring)."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        if object_id is not None:
            self.get_visible_or_404(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self.get_visible_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def get_visible_or_404(self, request: HttpRequest, object_id: str) -> models.Model:
        """Return the record, or raise a 404 if the user may not know it exists.

        The same answer for a hidden record and an id never used. (get_object
        itself still returns None, as audit's logging mixin expects.)
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        names = super().get_list_display(request)
        return self._visible_names(request, names)

    def get_list_display_links(self, request: HttpRequest, list_display: Any) -> Any:
        links = super().get_list_display_links(request, list_display)
        return links if links is None else self._visible_names(request, links)

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        names = super().get_search_fields(request)
        return self._visible_names(request, names)

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        filters = super().get_list_filter(request)
        return [
            item
            for item in filters
            if isinstance(item, type) or not self._is_hidden(request, item)
        ]

    def lookup_allowed(  # type: ignore[override]  # request required, as in Django 6
        self, lookup: str, value: str, request: HttpRequest
    ) -> bool:
        if reaches_sensitive_field(self.model, lookup):
            return False  # a 400: ciphertext can only tell who has a value
        return super().lookup_allowed(lookup, value, request)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._check_history_access(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def _check_history_access(self, request: HttpRequest, object_id: str) -> None:
        """Raise a 404 unless the user may see the record, as on its change page.

        The history of a deleted record is only for those who see every record.
        """
        try:
            self.get_visible_or_404(request, object_id)
        except Http404:
            if not request.user.has_perm(SEES_EVERY_RECORD):
                raise

    def _saved_rows(self, request: HttpRequest) -> QuerySet | None:
        object_id = _url_object_id(request)
        if object_id is None:
            return None
        return _rows_or_none(self.model._default_manager, pk=unquote(object_id))

    def _is_hidden(self, request: HttpRequest, item: Any) -> bool:
        name = item[0] if isinstance(item, list | tuple) else item
        if not isinstance(name, str) or not reaches_sensitive_field(self.model, name):
            return False
        return not request.user.has_perm(access.SEES_SENSITIVE_FIELDS)

    def _visible_names(self, request: HttpRequest, names: Iterable[Any]) -> list[Any]:
        return [name for name in names if not self._is_hidden(request, name)]


class RoleAwareInlineMixin(_RowsAndFieldsMixin, _InlineAdmin):
    """Hide sensitive fields and hidden choices in an inline (see the module)."""

    parent_model: type[models.Model]
    fk_name: str | None

    def _saved_rows(self, request: HttpRequest) -> QuerySet | None:
        object_id = _url_object_id(request)
        if object_id is None:
            return None
        parent = next(
            field.name
            for field in self.model._meta.fields
            if field.is_relation
            and field.related_model is self.parent_model
            and self.fk_name in (None, field.name)
        )
        return _rows_or_none(
            self.model._default_manager, **{parent: unquote(object_id)}
        )


class RoleAwareAdmin(RoleAwareMixin, admin.ModelAdmin):
    """A ModelAdmin that hides what the user's role may not see."""


def _url_object_id(request: HttpRequest) -> str | None:
    """Return the id of the record whose change page this request is for."""
    match = request.resolver_match
    return match.kwargs.get("object_id") if match else None


def _rows_or_none(manager: models.Manager, **lookup: Any) -> QuerySet | None:
    """Filter, or return None for an id the primary key cannot hold."""
    try:
        rows = manager.filter(**lookup)
    except (ValueError, TypeError, ValidationError):
        return None
    return rows
