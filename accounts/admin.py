"""The users' admin, with an action that logs them out everywhere, and
django-otp's two-factor devices in the reader's language (the fields' names
are in casetracker.apps)."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .sessions import log_out_everywhere

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    actions = ["log_out_everywhere"]

    @admin.action(description=_("Log out everywhere"), permissions=["change"])
    def log_out_everywhere(self, request: HttpRequest, queryset: QuerySet) -> None:
        """End every session of the selected users, on every device."""
        user_ids = list(queryset.values_list("pk", flat=True))
        for user_id in user_ids:
            log_out_everywhere(user_id=user_id, actor_id=request.user.pk)
        self.message_user(
            request,
            ngettext(
                "Ended every session of %(count)d user.",
                "Ended every session of %(count)d users.",
                len(user_ids),
            )
            % {"count": len(user_ids)},
            messages.SUCCESS,
        )


# django-otp's sections of a device's page, by their English titles.
DEVICE_SECTIONS = {
    "Identity": _("Device"),
    "Timestamps": _("Dates"),
    "Configuration": _("Code settings"),
    "State": _("Clock"),
    "Throttling": _("Wrong codes"),
}
DEVICE_HELP = {
    "user": _("The user this device belongs to."),
    "name": _("A name for the device, such as the phone it is on."),
    "confirmed": _("Is the device ready for use?"),
    "key": _("A hex-encoded secret key of up to 40 bytes."),
}

admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(TOTPDeviceAdmin):
    search_help_text = _("Search by the user's username or e-mail address.")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [
            (DEVICE_SECTIONS.get(title, title), options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs.setdefault("help_texts", DEVICE_HELP)
        return super().get_form(request, obj, change, **kwargs)
