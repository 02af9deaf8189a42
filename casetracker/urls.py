from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Send browsers that ask for /favicon.ico to the icon in the static files."""

    permanent = False

    def get_redirect_url(self, *args: object, **kwargs: object) -> str:
        return static_url("casetracker/favicon.svg")


admin.site.site_header = "CaseTracker"
admin.site.site_title = "CaseTracker"
admin.site.index_title = _("Cases, persons and sources")

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("favicon.ico", FaviconView.as_view()),
    # Before the admin's own URLs: the second factor and "log out everywhere".
    path("admin/account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]
