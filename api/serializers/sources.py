"""Articles, citations, mentions, feeds and import jobs."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Case, Detention, Person, StateClaim, Step
from sources.models import (
    ArticleState,
    Citation,
    Feed,
    ImportJob,
    Mention,
    SourceArticle,
)

from .base import ApiModelSerializer, StrictSerializerMixin, api_link

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_ARTICLE_TEXT = 200_000
MAX_IMPORT_ITEMS = 100
ARTICLE_FIELDS = [
    "uid",
    "api_url",
    "url",
    "canonical_url",
    "title",
    "author",
    "publisher",
    "published_on",
    "language",
    "text_sha256",
    "source_kind",
    "state",
    "failure_reason",
    "feed",
    "import_job",
    "created_at",
    "updated_at",
]


class ArticleSerializer(ApiModelSerializer[SourceArticle]):
    """An article as lists show it: everything but its text."""

    api_url = api_link("article-detail", lookup_field="uid")

    class Meta:
        model = SourceArticle
        fields = ARTICLE_FIELDS
        read_only_fields = [
            "uid",
            "canonical_url",
            "text_sha256",
            "source_kind",
            "state",
            "failure_reason",
            "feed",
            "import_job",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its text."""

    class Meta(ArticleSerializer.Meta):
        fields = [*ARTICLE_FIELDS, "text"]
        extra_kwargs = {"text": {"max_length": MAX_ARTICLE_TEXT}}


class ArticleSummarySerializer(ApiModelSerializer[SourceArticle]):
    class Meta:
        model = SourceArticle
        fields = ["uid", "url", "title", "publisher", "published_on"]


class CitationSerializer(ApiModelSerializer[Citation]):
    """A source for a case, or for one detention of the case."""

    api_url = api_link("citation-detail")
    article = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=SourceArticle.objects.all(),
        help_text=_("The uid of the cited article."),
    )
    case = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=Case.objects.all(),
        help_text=_("The reference of the case."),
    )
    detention = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Detention.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The uid of a detention of this case, or null."),
    )
    step = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Step.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The uid of a step taken in this case, or null."),
    )
    state_claim = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=StateClaim.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The uid of a state claim of this case, or null."),
    )

    class Meta:
        model = Citation
        fields = ["id", "api_url", "article", "case", "detention", "step"]
        fields += ["state_claim", "quote", "note", "created_at"]


class CitationInCaseSerializer(ApiModelSerializer[Citation]):
    """A citation as the case shows it, with the article's title and address."""

    article = ArticleSummarySerializer(
        read_only=True, help_text=_("The cited article.")
    )
    detention: serializers.SlugRelatedField[Detention] = serializers.SlugRelatedField(
        slug_field="uid",
        read_only=True,
        allow_null=True,
        help_text=_("The uid of the detention the source speaks of, or null."),
    )
    step: serializers.SlugRelatedField[Step] = serializers.SlugRelatedField(
        slug_field="uid",
        read_only=True,
        allow_null=True,
        help_text=_("The uid of the step taken the source speaks of, or null."),
    )
    state_claim: serializers.SlugRelatedField[StateClaim] = (
        serializers.SlugRelatedField(
            slug_field="uid",
            read_only=True,
            allow_null=True,
            help_text=_("The uid of the state claim the source reports, or null."),
        )
    )

    class Meta:
        model = Citation
        fields = [
            "id",
            "article",
            "detention",
            "step",
            "state_claim",
            "quote",
            "note",
            "created_at",
        ]


class MentionSerializer(ApiModelSerializer[Mention]):
    """A passage of an article naming one of our persons, for review."""

    api_url = api_link("mention-detail")
    article: serializers.SlugRelatedField[SourceArticle] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True, help_text=_("The uid of the article.")
    )
    person = serializers.SlugRelatedField(
        slug_field="uid",
        queryset=Person.objects.all(),
        help_text=_("The uid of the person named."),
    )
    reviewed_by: "serializers.SlugRelatedField[User]" = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text=_("Username of who confirmed or rejected it."),
    )

    class Meta:
        model = Mention
        fields = [
            "id",
            "api_url",
            "article",
            "person",
            "text",
            "start",
            "end",
            "score",
            "explanation",
            "hints",
            "status",
            "reviewed_by",
            "reviewed_at",
            "citation",
            "created_at",
        ]
        read_only_fields = fields


class FeedSerializer(ApiModelSerializer[Feed]):
    api_url = api_link("feed-detail")

    class Meta:
        model = Feed
        fields = ["id", "api_url", "url", "title", "active", "last_polled_at"]
        fields += ["last_error", "created_at"]
        read_only_fields = ["last_polled_at", "last_error", "created_at"]


class ProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=_("Articles in the job."))
    queued = serializers.IntegerField(help_text=_("Articles waiting to be fetched."))
    fetched = serializers.IntegerField(help_text=_("Articles fetched, not extracted."))
    extracted = serializers.IntegerField(help_text=_("Articles with text extracted."))
    matched = serializers.IntegerField(help_text=_("Articles matched to persons."))
    failed = serializers.IntegerField(help_text=_("Articles whose import failed."))


class ImportJobSerializer(ApiModelSerializer[ImportJob]):
    """A batch of URLs or files being imported, and how far it has got."""

    api_url = api_link("importjob-detail")
    created_by: "serializers.SlugRelatedField[User]" = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text=_("Who started the import."),
    )
    progress = serializers.SerializerMethodField(
        help_text=_("How many of the job's articles are in each state.")
    )

    class Meta:
        model = ImportJob
        fields = ["id", "api_url", "label", "created_by", "created_at", "progress"]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, job: ImportJob) -> dict[str, int]:
        # The list annotates the counts, so a page costs one query.
        if hasattr(job, "progress_total"):
            counts = {"total": job.progress_total}
            return counts | {s: getattr(job, f"progress_{s}") for s in ArticleState}
        return job.progress()


class NewImportSerializer(StrictSerializerMixin, serializers.Serializer):
    """What to import: URLs (JSON or form) and files (multipart form)."""

    urls = serializers.ListField(
        child=serializers.URLField(
            max_length=2000, validators=[URLValidator(schemes=["http", "https"])]
        ),
        required=False,
        max_length=MAX_IMPORT_ITEMS,
        help_text=_("Addresses of articles to fetch and archive."),
    )
    files = serializers.ListField(
        child=serializers.FileField(max_length=300),
        required=False,
        max_length=MAX_IMPORT_ITEMS,
        help_text=_("Files to import (multipart/form-data only)."),
    )
    # A declared field, which the serializer's metaclass takes out of the class:
    # it does not replace the serializer's own `label` (Field.label).
    label = serializers.CharField(  # type: ignore[assignment]  # a field: see above
        max_length=300,
        required=False,
        default="",
        help_text=_("A name for the batch."),
    )

    def validate_files(self, files: list) -> list[tuple[str, bytes]]:
        limit = settings.SOURCES_FETCH_MAX_BYTES
        for upload in files:
            if upload.size > limit:
                raise serializers.ValidationError(
                    _("Each file may have at most %(limit)d bytes.") % {"limit": limit}
                )
        return [(upload.name, upload.read()) for upload in files]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("urls") and not attrs.get("files"):
            raise serializers.ValidationError(_("Give at least one URL or file."))
        return attrs
