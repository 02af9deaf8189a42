"""API tokens in the admin: each user creates and revokes their own.

The secret is shown once, on the page that answers the creation; it is never
stored, put in a URL, a message (messages may travel in a cookie) or a log.
A token acts as its user, so any staff user may hold tokens without a
permission of their own; those who hold the API token permissions
(administrators) see and revoke everyone's, to cut off a leaked one.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import ApiToken

ADMINISTERS_API = "api.change_apitoken"
EXPIRY_CHOICES = [
    ("30", _("in 30 days")),
    ("90", _("in 90 days")),
    ("365", _("in a year")),
    ("", _("never (until revoked)")),
]


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("name"),
        max_length=100,
        help_text=_("What the token is for, such as the partner or script using it."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("expires"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        initial="90",
        required=False,
    )
    read_only = forms.BooleanField(
        label=_("read only"),
        initial=True,
        required=False,
        help_text=_("A read-only token can look but never change anything."),
    )


def is_staff(request: HttpRequest) -> bool:
    return request.user.is_active and request.user.is_staff


def may_manage(request: HttpRequest, token: ApiToken | None) -> bool:
    """Say whether the user may see and revoke this token (None: their own)."""
    if not is_staff(request):
        return False
    if token is None or token.user_id == request.user.pk:
        return True
    return request.user.has_perm(ADMINISTERS_API)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "name",
        "user",
        "read_only",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["read_only", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "prefix",
        "read_only",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    fields = ["name", *readonly_fields]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        tokens = super().get_queryset(request)
        if request.user.has_perm(ADMINISTERS_API):
            return tokens
        return tokens.filter(user_id=request.user.pk)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_staff(request)

    def has_view_permission(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> bool:
        return may_manage(request, obj)

    def has_change_permission(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> bool:
        return may_manage(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_staff(request)

    def add_view(
        self,
        request: HttpRequest,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """Issue a token to the user, and show its secret this once."""
        form = NewTokenForm(request.POST if request.method == "POST" else None)
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("New API token"),
            "form": form,
        }
        if not form.is_valid():
            return TemplateResponse(request, "admin/api/apitoken/add.html", context)
        user = request.user
        if isinstance(user, AnonymousUser):  # the admin lets none in
            raise PermissionDenied
        token, secret = ApiToken.objects.issue(user=user, **form.cleaned_data)
        self.log_addition(request, token, [{"added": {}}])
        context |= {"title": _("Your new API token"), "token": token, "secret": secret}
        response = TemplateResponse(request, "admin/api/apitoken/secret.html", context)
        # Nothing keeps the page: Back or a cache would show the secret again.
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()
        self.message_user(request, _("The tokens are revoked."))
