"""Middleware for the session rules and the second factor (see docs/security.md)."""

import time
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .sessions import ending_reason, stamp
from .two_factor import needs_verification

# What a person who gave their password but no second factor yet may reach.
HALF_LOGGED_IN_VIEWS = frozenset(
    {
        "admin:login",
        "admin:logout",
        "accounts:verify",
        "accounts:enrol",
        "accounts:language",
    }
)


class SessionPolicyMiddleware:
    """End sessions logged out everywhere, idle too long or older than allowed.

    Goes after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        now = int(time.time())
        reason = ending_reason(request.session, now=now)
        if reason is not None:
            logout(request)
            messages.info(request, reason, fail_silently=True)
        key = request.session.session_key
        response = self.get_response(request)
        # Django gives a session a new key when someone logs in on it.
        logged_in = request.session.session_key != key
        stamp(request.session, now=now, logged_in=logged_in)
        return response


class TwoFactorMiddleware:
    """Treat a user without a verified second factor as anonymous, when required.

    Everywhere but the login, logout and second-factor pages: so the admin and the
    API's session authentication both see no user. Goes after OTPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any
    ) -> HttpResponseBase | None:
        if not needs_verification(request.user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name == "admin:login" and request.method == "GET":
            # The admin sends here whoever lacks permission: on to the second step.
            next_url = request.GET.get("next", "")
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return redirect(reverse("accounts:verify") + query)
        if view_name not in HALF_LOGGED_IN_VIEWS:
            request.user = AnonymousUser()
        return None
