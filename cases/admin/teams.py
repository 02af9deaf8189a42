"""Teams of case workers in the admin: who shares the team's confidential cases."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.models import Team

from .access import RoleAwareAdmin


@admin.register(Team)
class TeamAdmin(RoleAwareAdmin):
    list_display = ["name", "member_count"]
    search_fields = ["name"]
    filter_horizontal = ["members"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(members_found=Count("members"))

    @admin.display(description=_("members"), ordering="members_found")
    def member_count(self, team: Team) -> int:
        return team.members_found
