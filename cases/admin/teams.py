"""Teams of case workers in the admin: who shares the team's confidential cases."""

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.models import Team

from .access import RoleAwareAdmin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Counted(TypedDict):
    members_found: int


@admin.register(Team)
class TeamAdmin(RoleAwareAdmin):
    list_display = ["name", "member_count"]
    search_fields = ["name"]
    filter_horizontal = ["members"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(members_found=Count("members"))

    @admin.display(description=_("members"), ordering="members_found")
    def member_count(self, team: "WithAnnotations[Team, _Counted]") -> int:
        return team.members_found
