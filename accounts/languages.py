"""The interface's language: the browser's by default, else the one chosen.

Django's LocaleMiddleware picks the language of this device (its cookie, else
the browser's Accept-Language). A logged-in user's own choice, stored with the
user, then wins on every device: it is copied into the session at login, so
that pages cost no query for it.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .models import LanguagePreference

__all__ = ["UserLanguageMiddleware", "choose_language"]

SESSION_KEY = "interface_language"


class UserLanguageMiddleware:
    """Speak the language the logged-in user chose. Goes after the session,
    authentication and LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = chosen_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def chosen_language(request: HttpRequest) -> str:
    """Return the language the user chose, or "" when they chose none."""
    if not request.user.is_authenticated:
        return ""
    language = request.session.get(SESSION_KEY, "")
    return language if language in dict(settings.LANGUAGES) else ""


@receiver(user_logged_in)
def remember_chosen_language(
    sender: type, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """Carry the user's chosen language into the session they open."""
    if request is None:
        return
    stored = LanguagePreference.objects.filter(user=user)
    language = stored.values_list("language", flat=True).first()
    if language:
        request.session[SESSION_KEY] = language


@require_POST
def choose_language(request: HttpRequest) -> HttpResponseBase:
    """Switch the interface's language, for the user when logged in, and go
    back to the page it was chosen on."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(
            _("Choose one of the languages offered."), content_type="text/plain"
        )
    if request.user.is_authenticated:
        LanguagePreference.objects.update_or_create(
            user=request.user, defaults={"language": language}
        )
        request.session[SESSION_KEY] = language
    # Django's view sets this device's cookie and follows a safe "next" only.
    return set_language(request)
