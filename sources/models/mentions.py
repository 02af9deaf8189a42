"""Mentions of known persons found in articles, and names that match nobody."""

import json
from collections.abc import Sequence
from functools import cache
from typing import Protocol

import psycopg
from django.conf import settings
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Person, PersonName

from .articles import Citation, SourceArticle

__all__ = ["FoundSpan", "Lead", "Mention", "MentionStatus"]


class MentionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


# A span is stored once; finding it again renews the evidence, not the review.
SPAN_FIELDS = ["article", "person", "start", "end"]
EVIDENCE_FIELDS = ["name_form", "text", "score", "explanation", "hints"]
_ROW_FIELDS = [*SPAN_FIELDS, *EVIDENCE_FIELDS, "status"]
# What a FoundSpan gives of each stored row, in _ROW_FIELDS order.
_FOUND = [
    "person_id", "start", "end", "name_form_id", "text", "score", "explanation", "hints"
]  # fmt: skip


class MentionQuerySet(models.QuerySet):
    def suggested(self) -> "MentionQuerySet":
        return self.filter(status=MentionStatus.SUGGESTED)

    def store_found(self, article_id: int, found: Sequence["FoundSpan"]) -> list[int]:
        """Store the spans found in the article; renew the evidence of those stored.

        A stored span keeps its review. Return the mentions' ids, in the order
        found. On PostgreSQL one statement takes one array per column, sent in
        binary: bulk_create() builds a model and adapts every value of every
        row in Python, which for the dozens of mentions of an article with
        namesakes took as long as finding them.
        """
        connection = connections[self.db]
        if connection.vendor != "postgresql":
            return self._store_with_bulk_create(article_id, found)
        if not found:
            return []
        with _server_binding_cursor(connection) as cursor:
            sql = _upsert_sql(connection.alias)
            cursor.execute(sql, [timezone.now(), *_columns(article_id, found)])
            ids = {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}
        return [ids[span.person_id, span.start, span.end] for span in found]

    def _store_with_bulk_create(
        self, article_id: int, found: Sequence["FoundSpan"]
    ) -> list[int]:
        self.bulk_create(
            [
                Mention(
                    article_id=article_id,
                    **{name: getattr(span, name) for name in _FOUND},
                )
                for span in found
            ],
            update_conflicts=True,
            unique_fields=SPAN_FIELDS,
            update_fields=EVIDENCE_FIELDS,
        )
        stored = self.filter(article_id=article_id).values_list(
            "person_id", "start", "end", "pk"
        )
        ids = {tuple(row[:-1]): row[-1] for row in stored}
        return [ids[span.person_id, span.start, span.end] for span in found]


class FoundSpan(Protocol):
    """A span of an article's text found to name a person, with the evidence."""

    person_id: int
    start: int
    end: int
    name_form_id: int | None
    text: str
    score: float
    explanation: str
    hints: dict


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
            # A new mention is suggested, as nearly all are: filtering on
            # "suggested" reads most of the table and needs no index.
            models.Index(
                fields=["status"],
                condition=~models.Q(status=MentionStatus.SUGGESTED),
                name="mention_reviewed_status",
            ),
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
    key = quote(Mention._meta.pk.column)
    # Names from the model's own metadata; every value is a parameter.
    return (
        f"INSERT INTO {table} ({', '.join(columns)}, {found}) "  # noqa: S608  # nosec B608
        f"SELECT *, %s FROM unnest({arrays}) "
        f"ON CONFLICT ({span}) DO UPDATE SET {renewed} "
        f"RETURNING {', '.join(columns[1 : len(SPAN_FIELDS)])}, {key}"
    )


def _server_binding_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """Return a cursor that sends parameters apart from the SQL, as psycopg can.

    Django's psycopg cursors bind on the client: every value of every array
    is escaped and quoted into the SQL text. Bound on the server, in binary
    (%b), each value is packed as it is, with no escaping.
    """
    connection.ensure_connection()
    cursor = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _columns(article_id: int, found: Sequence[FoundSpan]) -> list[list[object]]:
    """Return one list per column of _upsert_sql()."""
    encoder = Mention._meta.get_field("hints").encoder
    # Namesakes share a span's hints: each is written out once.
    shared = {id(span.hints): span.hints for span in found}
    hints = {key: json.dumps(value, cls=encoder) for key, value in shared.items()}
    values = [[getattr(span, name) for span in found] for name in _FOUND[:-1]]
    return [
        [article_id] * len(found),
        *values,
        [hints[id(span.hints)] for span in found],
        [MentionStatus.SUGGESTED.value] * len(found),
    ]
