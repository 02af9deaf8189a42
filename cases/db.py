"""What the database does faster on PostgreSQL, with a portable way everywhere else.

The matcher runs a few small queries and one bulk write for every article it
reads, so at import speed two things measured as costly: compiling the same
query again and again, and adapting every value of a bulk write in Python.
On PostgreSQL, which takes a list as one array parameter, both are done once;
on any other database the plain ORM runs. Everything that depends on the
database's vendor lives here, and models and workflows call it.
"""

import json
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any, cast
from weakref import WeakKeyDictionary

import psycopg
from django.apps import apps
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models.sql.compiler import SQLCompiler

__all__ = ["CompiledValuesQuery", "bulk_insert", "bulk_upsert"]

# Stands for the values while the query compiles.
_SLOT = "\x00values of a CompiledValuesQuery"

_Compiled = tuple[SQLCompiler, str, list[Any], int | None]


class CompiledValuesQuery:
    """A values_list() query over one list of values, compiled once.

    Django compiles a queryset each time it runs: for the few small queries
    that matching an article makes, that took longer than PostgreSQL took to
    answer them. build(values) returns the queryset, filtering with OneOf
    (or on no values at all). On PostgreSQL its SQL is compiled once per
    connection and run with each new list; other databases take a parameter
    per value, so there the queryset is built and run every time.
    """

    def __init__(self, build: Callable[[list[Any]], models.QuerySet[Any]]) -> None:
        self.build = build
        self.compiled: WeakKeyDictionary[BaseDatabaseWrapper, _Compiled] = (
            WeakKeyDictionary()
        )

    def rows(self, values: Sequence[Any] = (), using: str = "default") -> list[tuple]:
        """Return the rows of the query for these values."""
        connection = connections[using]
        if connection.vendor != "postgresql":
            return list(self.build(list(values)).using(using))
        if connection not in self.compiled:
            self.compiled[connection] = self.compile(connection)
        compiler, sql, params, slot = self.compiled[connection]
        if slot is not None:
            params = [*params[:slot], list(values), *params[slot + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched: list[Sequence[Any]] = cursor.fetchall()
        # As values_list() does: the same converters, rows as tuples.
        rows = compiler.results_iter(results=[fetched], tuple_expected=True)
        return cast("list[tuple[Any, ...]]", list(rows))  # tuple_expected

    def compile(self, connection: BaseDatabaseWrapper) -> _Compiled:
        """Compile the query, with a slot where each run's values go."""
        query = self.build([_SLOT]).using(connection.alias).query
        compiler = query.get_compiler(connection.alias)
        sql, params = compiler.as_sql()
        slots = [i for i, param in enumerate(params) if param == [_SLOT]]
        if len(slots) > 1 or _SLOT in params:
            raise ValueError("The values must reach the query as one array.")
        return compiler, sql, list(params), (slots[0] if slots else None)


def bulk_upsert(
    queryset: models.QuerySet[Any],
    columns: Mapping[str, Sequence[Any]],
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> dict[tuple, int]:
    """Insert the rows, or update update_fields of the rows stored already.

    columns maps each field's name (attname for a foreign key: "person_id")
    to its values, one per row; fields left out take no default. Return the
    primary key of every row by the values of its unique_fields. On
    PostgreSQL one statement takes one array per column, sent in binary:
    bulk_create() builds a model and adapts every value of every row in
    Python, which for the dozens of mentions of an article with namesakes
    took as long as finding them.
    """
    if not len(next(iter(columns.values()), ())):
        return {}
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return _upsert_with_bulk_create(queryset, columns, unique_fields, update_fields)
    model = queryset.model
    sql = _upsert_sql(
        model._meta.label,
        connection.alias,
        tuple(columns),
        tuple(unique_fields),
        tuple(update_fields),
    )
    arrays = [_array(model, name, values) for name, values in columns.items()]
    with _server_binding_cursor(connection) as cursor:
        cursor.execute(sql, arrays)
        return {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}


def bulk_insert(
    queryset: models.QuerySet[Any], columns: Mapping[str, Sequence[Any]]
) -> None:
    """Insert the rows, given as bulk_upsert() takes them: one list per column.

    For rows that cannot be stored already (such as the keys of name forms
    just written), without the cost of building and adapting a model per row.
    """
    if not len(next(iter(columns.values()), ())):
        return
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        rows = zip(*columns.values(), strict=True)
        model = queryset.model
        queryset.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows]
        )
        return
    sql = _insert_sql(queryset.model._meta.label, connection.alias, tuple(columns))
    arrays = [_array(queryset.model, name, values) for name, values in columns.items()]
    with _server_binding_cursor(connection) as cursor:
        cursor.execute(sql, arrays)


def _upsert_with_bulk_create(
    queryset: models.QuerySet[Any],
    columns: Mapping[str, Sequence[Any]],
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> dict[tuple, int]:
    rows = zip(*columns.values(), strict=True)
    queryset.bulk_create(
        [queryset.model(**dict(zip(columns, row, strict=True))) for row in rows],
        update_conflicts=True,
        unique_fields=unique_fields,
        update_fields=update_fields,
    )
    first = unique_fields[0]
    stored = queryset.filter(**{f"{first}__in": set(columns[first])}).values_list(
        *unique_fields, "pk"
    )
    return {tuple(row[:-1]): row[-1] for row in stored}


def _array(model: type[models.Model], name: str, values: Sequence[Any]) -> list[Any]:
    """Return the values as PostgreSQL takes them for this field's array."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.JSONField):
        return list(values)
    # Rows often share one value (namesakes share a span's hints): each
    # distinct object is written out once.
    shared = {id(value): value for value in values}
    encoded = {
        key: json.dumps(value, cls=field.encoder) for key, value in shared.items()
    }
    return [encoded[id(value)] for value in values]


@cache
def _upsert_sql(
    label: str,
    alias: str,
    names: tuple[str, ...],
    unique_fields: tuple[str, ...],
    update_fields: tuple[str, ...],
) -> str:
    """Return the INSERT ... SELECT FROM unnest(...) ON CONFLICT of bulk_upsert()."""
    insert, column, key = _insert_parts(label, alias, names)
    renewed = ", ".join(f"{column[n]} = EXCLUDED.{column[n]}" for n in update_fields)
    unique = ", ".join(column[name] for name in unique_fields)
    # Names from the model's own metadata; every value is a parameter.
    return (
        f"{insert} ON CONFLICT ({unique}) DO UPDATE SET {renewed} "  # nosec B608
        f"RETURNING {unique}, {key}"
    )


@cache
def _insert_sql(label: str, alias: str, names: tuple[str, ...]) -> str:
    """Return the INSERT ... SELECT FROM unnest(...) of bulk_insert()."""
    return _insert_parts(label, alias, names)[0]


def _insert_parts(
    label: str, alias: str, names: tuple[str, ...]
) -> tuple[str, dict[str, str], str]:
    """Return the INSERT ... SELECT FROM unnest(...) of these fields' values,
    the quoted column of each field, and the quoted primary key column."""
    model = apps.get_model(label)
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    if not all(isinstance(field, models.Field) for field in fields):
        raise ValueError("Only a model's own fields take values.")
    concrete = cast("list[models.Field[Any, Any]]", fields)
    column = {
        name: quote(field.column) for name, field in zip(names, concrete, strict=True)
    }
    arrays = ", ".join(f"%b::{field.db_type(connection)}[]" for field in concrete)
    # Names from the model's own metadata; every value is a parameter.
    insert = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(column.values())}) "  # noqa: S608  # nosec B608
        f"SELECT * FROM unnest({arrays})"
    )
    return insert, column, quote(model._meta.pk.column)


def _server_binding_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """Return a cursor that sends parameters apart from the SQL, as psycopg can.

    Django's psycopg cursors bind on the client: every value of every array
    is escaped and quoted into the SQL text. Bound on the server, in binary
    (%b), each value is packed as it is, with no escaping.
    """
    connection.ensure_connection()
    cursor = psycopg.Cursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)  # type: ignore[arg-type]  # a driver's cursor, as Django's own create_cursor() gives it
    return connection.make_cursor(cursor)  # type: ignore[arg-type]  # as above
