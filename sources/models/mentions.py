"""Mentions of known persons found in articles, and names that match nobody."""

import json
from functools import cache

import psycopg
from django.conf import settings
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Person, PersonName

from .articles import Citation, SourceArticle

__all__ = ["Lead", "Mention", "MentionStatus"]


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


# A span is stored once; finding it again renews the evidence, not the review.
SPAN_FIELDS = ["article", "person", "start", "end"]
EVIDENCE_FIELDS = ["name_form", "text", "score", "explanation", "hints"]
_ROW_FIELDS = [*SPAN_FIELDS, *EVIDENCE_FIELDS, "status"]
# What store_found() reads back after the span: the row's key and its review.
_RETURNED = [
    "id",
    "status",
    "reviewed_by_id",
    "reviewed_at",
    "citation_id",
    "created_at",
]


class MentionQuerySet(models.QuerySet):
    def suggested(self) -> "MentionQuerySet":
        return self.filter(status=MentionStatus.SUGGESTED)

    def store_found(self, mentions: list["Mention"]) -> list["Mention"]:
        """Insert the mentions; where a span is stored, renew its evidence.

        A stored span keeps its review. Return the mentions as stored: each
        with its primary key and its review. On PostgreSQL one statement takes
        one array per column, sent in binary, and returns the review columns:
        bulk_create() adapts every value of every row in Python, which for the
        dozens of mentions of an article with namesakes took as long as
        finding them.
        """
        connection = connections[self.db]
        if connection.vendor != "postgresql":
            self.bulk_create(
                mentions,
                update_conflicts=True,
                unique_fields=SPAN_FIELDS,
                update_fields=EVIDENCE_FIELDS,
            )
            return self._read_back(mentions)
        if not mentions:
            return []
        with _server_binding_cursor(connection) as cursor:
            sql = _upsert_sql(connection.alias)
            cursor.execute(sql, [timezone.now(), *_columns(mentions)])
            stored = {tuple(row[:4]): row[4:] for row in cursor.fetchall()}
        for mention in mentions:
            span = (mention.article_id, mention.person_id, mention.start, mention.end)
            for attname, value in zip(_RETURNED, stored[span], strict=True):
                setattr(mention, attname, value)
            mention._state.adding, mention._state.db = False, self.db
        return mentions

    def _read_back(self, mentions: list["Mention"]) -> list["Mention"]:
        """Return the stored rows of the mentions' spans, in the same order."""
        articles = {mention.article_id for mention in mentions}
        stored = {
            (m.article_id, m.person_id, m.start, m.end): m
            for m in self.filter(article__in=articles)
        }
        return [stored[m.article_id, m.person_id, m.start, m.end] for m in mentions]


class Mention(models.Model):
    """A passage of an article that names one of our persons, for review."""

    # The unique span (article first) is the article's index.
    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.CASCADE,
        related_name="mentions",
        db_index=False,
        verbose_name=_("article"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mentions",
        verbose_name=_("person"),
    )
    name_form = models.ForeignKey(
        PersonName,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matched name form"),
    )
    text = models.CharField(_("as written"), max_length=300)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    score = models.FloatField(_("score"))
    explanation = models.TextField(_("why it matched"), blank=True)
    hints = models.JSONField(_("hints nearby"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MentionStatus,
        default=MentionStatus.SUGGESTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    citation = models.ForeignKey(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("citation"),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["article", "start"]
        # Every index costs each of the dozens of mentions an article writes.
        # Most mentions are never reviewed: the indexes of review columns hold
        # only the reviewed ones.
        indexes = [
            models.Index(fields=["status"], name="mention_status"),
            models.Index(
                fields=["citation"],
                condition=models.Q(citation__isnull=False),
                name="mention_citation",
            ),
            models.Index(
                fields=["reviewed_by"],
                condition=models.Q(reviewed_by__isnull=False),
                name="mention_reviewed_by",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "start", "end"],
                name="mention_once_per_span",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="mention_span_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.person}"


class Lead(models.Model):
    """A person's name in an article that matches nobody we know yet."""

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.CASCADE,
        related_name="leads",
        verbose_name=_("article"),
    )
    text = models.CharField(_("as written"), max_length=300)
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person created from it"),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "text"], name="lead_once_per_name"
            )
        ]

    def __str__(self) -> str:
        return self.text


@cache
def _upsert_sql(alias: str) -> str:
    """Return the INSERT ... ON CONFLICT of Mention.objects.store_found()."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = [Mention._meta.get_field(name) for name in _ROW_FIELDS]
    columns = [quote(field.column) for field in fields]
    arrays = ", ".join(f"%b::{field.db_type(connection)}[]" for field in fields)
    span = ", ".join(columns[: len(SPAN_FIELDS)])
    renewed = ", ".join(
        f"{column} = EXCLUDED.{column}"
        for column in columns[len(SPAN_FIELDS) : -1]  # not the status
    )
    table = quote(Mention._meta.db_table)
    found = quote(Mention._meta.get_field("created_at").column)
    returned = ", ".join(
        quote(Mention._meta.get_field(attname).column) for attname in _RETURNED
    )
    # Names from the model's own metadata; every value is a parameter.
    return (
        f"INSERT INTO {table} ({', '.join(columns)}, {found}) "  # noqa: S608  # nosec B608
        f"SELECT *, %s FROM unnest({arrays}) "
        f"ON CONFLICT ({span}) DO UPDATE SET {renewed} RETURNING {span}, {returned}"
    )


def _server_binding_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """Return a cursor that sends parameters apart from the SQL, as psycopg can.

    Django's psycopg cursors bind on the client: every value of every array
    is quoted into the SQL text in Python. Bound on the server, in binary
    (%b), psycopg's C dumpers write each array in one pass.
    """
    connection.ensure_connection()
    cursor = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _columns(mentions: list[Mention]) -> list[object]:
    """Return one list per column of _upsert_sql()."""
    columns: list[object] = [
        [getattr(m, Mention._meta.get_field(name).attname) for m in mentions]
        for name in _ROW_FIELDS
    ]
    encoder = Mention._meta.get_field("hints").encoder
    hints = _ROW_FIELDS.index("hints")
    columns[hints] = [json.dumps(value, cls=encoder) for value in columns[hints]]
    return columns
