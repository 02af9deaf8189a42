"""The users' admin, with an action that logs them out everywhere."""

from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
