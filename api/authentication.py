"""Token authentication against hashed ApiToken secrets."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ApiToken

KEYWORDS = (b"token", b"bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Read `Authorization: Token <secret>` (or `Bearer <secret>`)."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Give the header as 'Authorization: Token <secret>'.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(
                _("A token is made of ASCII letters, digits, '-' and '_'.")
            ) from None
        token = ApiToken.objects.find(secret)
        # One message for unknown, revoked and expired: no probing which is which.
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("The token is unknown, expired or revoked.")
            )
        token.touch()
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403.
        return "Token"
