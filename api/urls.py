"""The REST API, version 1 (mounted at /api/v1/)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from .exceptions import not_found
from .views.cases import CaseViewSet
from .views.changes import ChangesView
from .views.guide import guide
from .views.records import (
    DetentionViewSet,
    FacilityViewSet,
    PersonViewSet,
    RelativeViewSet,
)
from .views.sources import (
    ArticleViewSet,
    CitationViewSet,
    FeedViewSet,
    ImportJobViewSet,
    MentionViewSet,
)
from .views.stats import StatsView

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False  # ?format= only: one address per record
router.register("cases", CaseViewSet, basename="case")
router.register("persons", PersonViewSet, basename="person")
router.register("relatives", RelativeViewSet, basename="relative")
router.register("detentions", DetentionViewSet, basename="detention")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("articles", ArticleViewSet, basename="article")
router.register("citations", CitationViewSet, basename="citation")
router.register("mentions", MentionViewSet, basename="mention")
router.register("feeds", FeedViewSet, basename="feed")
router.register("import-jobs", ImportJobViewSet, basename="importjob")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("guide/", guide, name="guide"),
    path("guide/<slug:page>.md", guide, name="guide-page"),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("stats/", StatsView.as_view(), name="stats"),
    *router.urls,
    # Anything else under /api/v1/ is a 404 in the API's error shape, even an
    # address with a newline in it, which "." would not match.
    re_path(r"^[\s\S]*$", not_found),
]
