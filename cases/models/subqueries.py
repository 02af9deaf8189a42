"""A subquery that compiles its SQL once, for querysets built once and copied."""

from typing import Any

from django.db import models


class CompiledOnceSubquery(models.Subquery):
    """A Subquery whose SQL is worked out once per database.

    Once resolved into an outer query, a subquery's SQL depends only on the
    database. A queryset built once and copied per request (.all()) shares
    its resolved expressions, so the copies need not compile the inner query
    again: half the compiling of the API's case list. Every copy of the
    expression itself, such as a relabelled one, compiles anew.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.compiled: dict[tuple[str, str], tuple[str, tuple]] = {}

    def copy(self) -> "CompiledOnceSubquery":
        clone = super().copy()
        clone.compiled = {}
        return clone

    def as_sql(
        self, compiler: Any, connection: Any, template: str | None = None, **extra: Any
    ) -> tuple[str, tuple]:
        if template is not None or extra:
            return super().as_sql(compiler, connection, template, **extra)
        key = (connection.alias, connection.vendor)
        if key not in self.compiled:
            sql, params = super().as_sql(compiler, connection)
            self.compiled[key] = sql, tuple(params)
        return self.compiled[key]
