"""The admin dashboard's "Recent actions", limited to records the user still sees."""

from typing import cast

from django import template
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from cases import access

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_admin_log(context: template.Context, limit: int = 10) -> list[LogEntry]:
    """Return the user's latest admin actions on records they may still see.

    A case worker taken off a team must not find the reference and name of a
    confidential case in their own recent actions; deleted records are listed
    only to those who see every record.
    """
    request: HttpRequest = context["request"]
    user = request.user
    if not user.is_authenticated:
        return []  # the admin's pages are for signed-in staff only
    entries = LogEntry.objects.filter(user=user).select_related("content_type", "user")
    if access.sees_every_record(user):
        return list(entries[:limit])
    return [entry for entry in entries[: limit * 5] if _visible(request, entry)][:limit]


def _visible(request: HttpRequest, entry: LogEntry) -> bool:
    # LogEntry's stub declares content_type a bare ForeignKey; it is a nullable
    # key to ContentType.
    content_type = cast(ContentType | None, entry.content_type)
    model = content_type.model_class() if content_type else None
    if model is None or not admin.site.is_registered(model):
        return False
    model_admin = admin.site.get_model_admin(model)
    return model_admin.get_queryset(request).filter(pk=entry.object_id).exists()
