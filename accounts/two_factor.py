"""Second factor: TOTP devices (django-otp) for the people who log in."""

import base64
import io
import logging

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

log = logging.getLogger(__name__)

User = AbstractBaseUser | AnonymousUser


def needs_verification(user: User) -> bool:
    """Return whether the user logged in with a password but no second factor yet,
    while the setting OTP_REQUIRED_FOR_STAFF asks for one."""
    if not settings.OTP_REQUIRED_FOR_STAFF or not user.is_authenticated:
        return False
    # is_verified comes from django_otp's middleware; without it, nobody is.
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    """Return the user's confirmed TOTP device, or None before enrolment."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """Return the device being enrolled, made now if there is none.

    The same one on every visit: reloading the page must not change the secret
    the person may already have scanned.
    """
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False)
    device = pending.order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=_("Authenticator app"), confirmed=False
        )
    return device


def qr_code_data_uri(device: TOTPDevice) -> str:
    """Return the device's otpauth URI as a QR code, an SVG data: URI."""
    svg = io.BytesIO()
    write_qrcode_image(device.config_url, svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode()


def readable_secret(device: TOTPDevice) -> str:
    """Return the device's secret in base32, in groups of four, for typing in."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def check_token(*, request: HttpRequest, device: TOTPDevice, token: str) -> str | None:
    """Verify a code from the device and mark the session verified.

    Return None on success, else the message to show. django-otp doubles the wait
    after each wrong code, which stops guessing the six digits.
    """
    if not device.verify_is_allowed()[0]:
        log.warning("Two-factor code refused while throttled (user %s)", device.user_id)
        return _("Too many wrong codes. Wait a little and try the newest code.")
    if not device.verify_token(token):
        log.warning("Wrong two-factor code (user %s)", device.user_id)
        return _("That code is wrong or expired. Try the newest code.")
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return None
