"""Queries compiled once per database connection and run with new values."""

from collections.abc import Callable, Sequence
from weakref import WeakKeyDictionary

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

__all__ = ["CompiledValuesQuery"]

# Stands for the values while the query compiles.
_SLOT = "\x00values of a CompiledValuesQuery"

_Compiled = tuple[SQLCompiler, str, list, int | None]


class CompiledValuesQuery:
    """A values_list() query over one list of values, compiled once.

    Django compiles a queryset each time it runs: for the few small queries
    that matching an article makes, that took longer than PostgreSQL took to
    answer them. build(values) returns the queryset, filtering with OneOf
    (or on no values at all). On PostgreSQL, which takes the list as one
    array parameter, its SQL is compiled once per connection and run with
    each new list; other databases take a parameter per value, so there the
    queryset is built and run every time.
    """

    def __init__(self, build: Callable[[list], QuerySet]) -> None:
        self._build = build
        self._compiled: WeakKeyDictionary[BaseDatabaseWrapper, _Compiled] = (
            WeakKeyDictionary()
        )

    def rows(self, values: Sequence = (), using: str = "default") -> list[tuple]:
        """Return the rows of the query for these values."""
        connection = connections[using]
        if connection.vendor != "postgresql":
            return list(self._build(list(values)).using(using))
        if connection not in self._compiled:
            self._compiled[connection] = self._compile(connection)
        compiler, sql, params, slot = self._compiled[connection]
        if slot is not None:
            params = [*params[:slot], list(values), *params[slot + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        # As values_list() does: the same converters, rows as tuples.
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def _compile(self, connection: BaseDatabaseWrapper) -> _Compiled:
        query = self._build([_SLOT]).using(connection.alias).query
        compiler = query.get_compiler(connection.alias)
        sql, params = compiler.as_sql()
        slots = [i for i, param in enumerate(params) if param == [_SLOT]]
        if len(slots) > 1 or _SLOT in params:
            raise ValueError("The values must reach the query as one array.")
        return compiler, sql, list(params), (slots[0] if slots else None)
