"""The admin site: the dashboard as its home page, and its sections in the order
a case worker needs them, named in words they use.

Installed through casetracker.apps.AdminConfig (Django's documented way to
replace the default admin site), so every `admin.site.register` uses it.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from casetracker.dashboard import dashboard_context

# Each section of the home page and the sidebar: its title and its models, as
# (app label, model name). A model in no section stays in its app's own, after.
SECTIONS = [
    (_("Cases and persons"), [
        ("cases", "Case"), ("cases", "Person"), ("cases", "Facility"),
    ]),
    (_("Review"), [
        ("sources", "Mention"), ("sources", "Lead"),
        ("cases", "DuplicateCandidate"), ("cases", "PersonMerge"),
    ]),
    (_("Sources"), [
        ("sources", "SourceArticle"), ("sources", "Feed"), ("sources", "ImportJob"),
        ("sources", "SpreadsheetImport"),
    ]),
    (_("Administration"), [
        ("auth", "User"), ("auth", "Group"), ("cases", "Team"), ("api", "ApiToken"),
    ]),
    (_("Security"), [
        ("audit", "AccessLogEntry"), ("axes", "AccessLog"),
        ("axes", "AccessFailureLog"), ("axes", "AccessAttempt"),
        ("otp_totp", "TOTPDevice"),
    ]),
]  # fmt: skip

# The names of third-party models, and our own access log's, as the sections
# show them: "Access log" and "Access logs" side by side told nobody which is which.
MODEL_NAMES = {
    ("audit", "AccessLogEntry"): _("Who opened which record"),
    ("axes", "AccessLog"): _("Sign-ins"),
    ("axes", "AccessFailureLog"): _("Failed sign-ins"),
    ("axes", "AccessAttempt"): _("Sign-in lockouts"),
    ("otp_totp", "TOTPDevice"): _("Two-factor devices"),
}


class CaseTrackerAdminSite(admin.AdminSite):
    """Django's admin site with the dashboard and the sections ordered for work."""

    index_template = "admin/dashboard.html"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        context = {**dashboard_context(request), **(extra_context or {})}
        return super().index(request, context)

    def get_app_list(
        self, request: HttpRequest, app_label: str | None = None
    ) -> list[dict[str, Any]]:
        """Return the sections of SECTIONS, then the apps with models left over.

        An app's own page (app_label given) lists its models in SECTIONS' order.
        """
        apps = super().get_app_list(request, app_label)
        for app in apps:
            for model in app["models"]:
                key = (app["app_label"], model["object_name"])
                model["name"] = MODEL_NAMES.get(key, model["name"])
                model["section_order"] = _position(key)
            app["models"].sort(key=lambda model: model["section_order"])
        return apps if app_label else regroup(apps)


def _position(key: tuple[str, str]) -> tuple[int, int]:
    for number, (_title, models) in enumerate(SECTIONS):
        if key in models:
            return number, models.index(key)
    return len(SECTIONS), 0


def regroup(apps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put the apps' models into SECTIONS; keep the rest in their apps, after."""
    models = {
        (app["app_label"], model["object_name"]): (app, model)
        for app in apps
        for model in app["models"]
    }
    sections = []
    for title, keys in SECTIONS:
        found = [models.pop(key) for key in keys if key in models]
        if found:
            first_app = found[0][0]
            sections.append(
                {**first_app, "name": title, "models": [m for _a, m in found]}
            )
    for app in apps:
        left = [
            m for m in app["models"] if (app["app_label"], m["object_name"]) in models
        ]
        if left:
            sections.append({**app, "models": left})
    return sections
