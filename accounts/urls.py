"""Account pages, mounted under /admin/account/ (casetracker/urls.py)."""

from django.contrib import admin
from django.urls import path

from . import languages, views

app_name = "accounts"

urlpatterns = [
    path("language/", languages.choose_language, name="language"),
    path("two-factor/", views.verify, name="verify"),
    path("two-factor/set-up/", views.enrol, name="enrol"),
    path(
        "log-out-everywhere/",
        admin.site.admin_view(views.log_out_everywhere),
        name="log_out_everywhere",
    ),
]
