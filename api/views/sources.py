"""Articles, citations, mentions and their review, feeds and import jobs."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.filters import ArticleFilter, CitationFilter, MentionFilter
from api.parsers import JSONParser
from api.permissions import ActionPermission, Permission, TokenScope
from api.serializers.sources import (
    ArticleDetailSerializer,
    ArticleSerializer,
    CitationSerializer,
    FeedSerializer,
    ImportJobSerializer,
    MentionSerializer,
    NewImportSerializer,
)
from cases import access
from sources import reviewing
from sources.importing import start_import
from sources.models import (
    ArticleState,
    Citation,
    Feed,
    ImportJob,
    Mention,
    SourceArticle,
)

from .base import ApiViewSet, ReadOnlyApiViewSet, signed_in


class ArticleViewSet(ApiViewSet[SourceArticle]):
    """Articles, reports and testimonies; lists leave out the text."""

    lookup_field = "uid"
    serializer_class = ArticleSerializer
    serializer_classes = {
        "retrieve": ArticleDetailSerializer,
        "create": ArticleDetailSerializer,
        "update": ArticleDetailSerializer,
        "partial_update": ArticleDetailSerializer,
    }
    filterset_class = ArticleFilter
    ordering_fields = {"created_at": "pk", "updated_at": "updated_at"}

    def all_records(self) -> QuerySet[SourceArticle]:
        articles = SourceArticle.objects.all()
        if self.action == "list":
            # The list does not show the text; don't read it.
            articles = articles.defer("text")
        return articles


class CitationViewSet(ApiViewSet[Citation]):
    """Citations: which article is a source for which case or detention."""

    serializer_class = CitationSerializer
    filterset_class = CitationFilter

    def all_records(self) -> QuerySet[Citation]:
        return Citation.objects.select_related("article", "case", "detention")


class MentionViewSet(ReadOnlyApiViewSet[Mention]):
    """Mentions of known persons found in articles, to confirm or reject."""

    serializer_class = MentionSerializer
    filterset_class = MentionFilter
    # Viewing, to find the mention; POST would otherwise ask for add_mention.
    action_permissions = {
        "confirm": [*access.REVIEWS_MENTIONS, access.CITES_ARTICLES],
        "reject": list(access.REVIEWS_MENTIONS),
    }

    def all_records(self) -> QuerySet[Mention]:
        return Mention.objects.select_related("article", "person", "reviewed_by")

    def get_permissions(self) -> Sequence[Permission]:
        if self.action in self.action_permissions:
            return [permissions.IsAuthenticated(), TokenScope(), ActionPermission()]
        return super().get_permissions()

    @extend_schema(
        request=None,
        responses={200: MentionSerializer},
        description=_(
            "Confirm that the passage names the person, and cite the article on "
            "the person's case when it is clear which one. Confirming again "
            "changes nothing."
        ),
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        mention = self.get_object()
        reviewing.confirm_mention(mention=mention, actor=signed_in(request))
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=None,
        responses={200: MentionSerializer},
        description=_("Mark the passage as not naming the person."),
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        mention = self.get_object()
        reviewing.reject_mention(mention=mention, actor=signed_in(request))
        return Response(self.get_serializer(self.get_object()).data)


class FeedViewSet(ApiViewSet[Feed]):
    """RSS and Atom feeds polled for new articles."""

    queryset = Feed.objects.all()
    serializer_class = FeedSerializer


class ImportJobViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet[ImportJob]):
    """Batches of URLs or files being imported; POST starts one (202)."""

    serializer_class = ImportJobSerializer
    parser_classes = [JSONParser, MultiPartParser]

    def all_records(self) -> QuerySet[ImportJob]:
        counts = {
            f"progress_{state}": Count("articles", filter=Q(articles__state=state))
            for state in ArticleState
        }
        return ImportJob.objects.select_related("created_by").annotate(
            progress_total=Count("articles"), **counts
        )

    @extend_schema(
        request={
            "application/json": NewImportSerializer,
            "multipart/form-data": NewImportSerializer,
        },
        responses={
            202: OpenApiResponse(
                ImportJobSerializer, _("Accepted: follow the job's address.")
            )
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = NewImportSerializer(data=_import_data(request))
        serializer.is_valid(raise_exception=True)
        job = start_import(
            urls=serializer.validated_data.get("urls", []),
            uploads=serializer.validated_data.get("files", []),
            actor=request.user,
            label=serializer.validated_data["label"],
        )
        body = self.get_serializer(self.get_queryset().get(pk=job.pk)).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["api_url"]}
        )


def _import_data(request: Request) -> Any:
    """Return the body, with a form's repeated `urls` and `files` as lists."""
    if hasattr(request.data, "getlist"):
        data = {key: request.data.get(key) for key in request.data}
        data["urls"] = request.data.getlist("urls")
        data["files"] = request.FILES.getlist("files")
        return {key: value for key, value in data.items() if value not in ([], None)}
    return request.data
