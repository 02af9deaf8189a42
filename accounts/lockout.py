"""What a client locked out by django-axes gets: a page, or JSON for the API."""

from axes.helpers import get_cool_off
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from api.exceptions import error_body


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """Answer 429 with when to try again; the typed username is not repeated."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    message = _lockout_message(seconds)
    if request.accepts("text/html"):
        context = {**admin.site.each_context(request), "title": _("Login locked")}
        response = render(
            request,
            "accounts/lockout.html",
            {**context, "message": message},
            status=429,
        )
    else:
        body = error_body(status_code=429, code="locked_out", message=message)
        response = JsonResponse(body, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


def _lockout_message(seconds: int) -> str:
    base = _("Too many failed logins for this account from your address.")
    if not seconds:
        return f"{base} {_('Ask an administrator to unlock it.')}"
    minutes = max(1, seconds // 60)
    wait = ngettext(
        "Try again in %(minutes)d minute, or ask an administrator to unlock it.",
        "Try again in %(minutes)d minutes, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    return f"{base} {wait}"
