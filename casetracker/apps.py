"""The project's configurations of Django's and third-party apps: our admin
site, and human names for apps whose own names are their package names
("AXES", "OTP_TOTP"). Django documents both: `default_site` on an AdminConfig,
and an AppConfig subclass named in INSTALLED_APPS to set `verbose_name`.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "casetracker.admin_site.CaseTrackerAdminSite"


class SignInAttemptsConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


# The names of django-otp's device and of the fields its admin shows, which it
# does not mark for translation.
DEVICE_FIELDS = {
    "user": _("user"),
    "name": _("name"),
    "confirmed": _("confirmed"),
    "key": _("key"),
    "step": _("time step in seconds"),
    "t0": _("start of the count (Unix time)"),
    "digits": _("digits"),
    "tolerance": _("tolerance in time steps"),
    "drift": _("clock drift in time steps"),
    "created_at": _("created"),
    "last_used_at": _("last used"),
    "throttling_failure_timestamp": _("last wrong code"),
    "throttling_failure_count": _("wrong codes in a row"),
}


class TwoFactorDevicesConfig(TOTPConfig):
    verbose_name = _("Two-factor devices")

    def ready(self) -> None:
        """Name the device and its fields in the reader's language. Only the
        names shown change: migrations read the `verbose_name` a field was
        declared with (none), and permissions the English original."""
        super().ready()
        options = self.get_model("TOTPDevice")._meta
        options.verbose_name = _("TOTP device")
        options.verbose_name_plural = _("TOTP devices")
        for name, label in DEVICE_FIELDS.items():
            options.get_field(name).verbose_name = label
