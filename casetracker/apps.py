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


class TwoFactorDevicesConfig(TOTPConfig):
    verbose_name = _("Two-factor devices")
