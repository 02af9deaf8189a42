"""Who may do what: Django's model permissions, and read-only tokens."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from .models import ApiToken

if TYPE_CHECKING:
    # rest_framework.views imports the API settings, which import this module.
    from rest_framework.views import APIView


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django's model permissions, with view_* needed to read."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def _queryset(self, view: "APIView") -> QuerySet:
        # Only its model counts: a view's class queryset names it without the
        # work of get_queryset(), which the view does again to answer.
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)


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
