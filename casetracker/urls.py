from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "CaseTracker"
admin.site.site_title = "CaseTracker"
admin.site.index_title = "Cases, persons and sources"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Before the admin's own URLs: the second factor and "log out everywhere".
    path("admin/account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]
