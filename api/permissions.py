"""Who may do what: Django's model permissions, and read-only tokens."""

from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from .models import ApiToken

if TYPE_CHECKING:
    # rest_framework.views imports the API settings, which import this module.
    from rest_framework.views import APIView


class Permission(Protocol):
    """What a view's get_permissions() gives: a permission, or several combined
    (IsAuthenticated & TokenScope)."""

    def has_permission(self, request: Request, view: "APIView") -> bool: ...

    def has_object_permission(
        self, request: Request, view: "APIView", obj: Any
    ) -> bool: ...


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django's model permissions, with view_* needed to read."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: "APIView") -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        model = model_of(view)
        if model is None:  # a view of no records, such as the API's root
            return True
        perms = self.get_required_permissions(request.method or "", model)
        return user.has_perms(perms)


def model_of(view: "APIView") -> type[Model] | None:
    """Return the model a view answers with, or None for a view of no records.

    A view's class queryset names it without the work of get_queryset(),
    which the view does again to answer.
    """
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        queryset = view.get_queryset()
    return None if queryset is None else queryset.model


class TokenScope(permissions.BasePermission):
    """Let a read-only token read and nothing else."""

    message = _("This token is read-only: ask for a token that may write.")

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return not (isinstance(request.auth, ApiToken) and request.auth.read_only)


class ActionPermission(permissions.BasePermission):
    """Require the permissions a view names for its action (`action_permissions`).

    For domain verbs such as confirming a mention, which change another model
    than the one the view lists.
    """

    def has_permission(self, request: Request, view: "APIView") -> bool:
        needed = getattr(view, "action_permissions", {}).get(
            getattr(view, "action", None), ()
        )
        return request.user.has_perms(needed)
