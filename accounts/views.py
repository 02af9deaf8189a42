"""The second-factor pages and "log out everywhere", in the admin's look."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import TokenForm
from .sessions import log_out_everywhere as end_every_session
from .two_factor import (
    check_token,
    confirmed_device,
    pending_device,
    qr_code_data_uri,
    readable_secret,
)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the user's authenticator app, after the password."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    next_url = _next_url(request)
    if request.user.is_verified():  # type: ignore[attr-defined]  # set on the user by django_otp's OTPMiddleware
        return redirect(next_url)
    device = confirmed_device(request.user)
    if device is None:
        return redirect(_with_next("accounts:enrol", next_url))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        error = check_token(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if error is None:
            return redirect(next_url)
        form.add_error("token", error)
    context = {"title": _("Two-factor authentication"), "form": form, "next": next_url}
    return _render(request, "accounts/verify.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show its secret, then check its first code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    next_url = _next_url(request)
    if confirmed_device(request.user) is not None:
        # One device each; a lost one is deleted by an administrator first.
        return redirect(_with_next("accounts:verify", next_url))
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        error = check_token(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if error is None:
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(next_url)
        form.add_error("token", error)
    context = {
        "title": _("Set up two-factor authentication"),
        "form": form,
        "next": next_url,
        "qr_code": qr_code_data_uri(device),
        "secret": readable_secret(device),
    }
    return _render(request, "accounts/enrol.html", context)


@require_http_methods(["GET", "POST"])
def log_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the current user, this one included, after a confirm."""
    if request.method == "POST":
        user_id = request.user.pk
        if user_id is None:  # admin_view lets in only logged-in staff
            raise PermissionDenied
        end_every_session(user_id=user_id, actor_id=user_id)
        logout(request)
        messages.success(
            request, _("Every session of your account has ended, this one too.")
        )
        return redirect("admin:login")
    context = {"title": _("Log out everywhere")}
    return _render(request, "accounts/log_out_everywhere.html", context)


def _render(
    request: HttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    return render(request, template, {**admin.site.each_context(request), **context})


def _next_url(request: HttpRequest) -> str:
    """Return where to go once done: the page asked for, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"
