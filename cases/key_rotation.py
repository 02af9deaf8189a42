"""Re-encrypt every sensitive value with the first of FIELD_ENCRYPTION_KEYS."""

from collections.abc import Iterator
from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from cases.encryption import EncryptedTextField, current_key_fernet, fernet

__all__ = ["Rotation", "encrypted_tables", "rotate_keys"]

BATCH_SIZE = 500


@dataclass(frozen=True)
class Rotation:
    """What one run of rotate_keys() did."""

    values: int
    tables: int
    tables_checked: int

    def __str__(self) -> str:
        return (
            f"Re-encrypted {self.values:,} values in {self.tables} of "
            f"{self.tables_checked} tables with encrypted fields."
        )


@dataclass(frozen=True)
class Table:
    """A table with encrypted columns: its name, primary key and those columns."""

    name: str
    pk: str
    columns: tuple[str, ...]


def encrypted_tables() -> list[Table]:
    """Return every table holding an EncryptedTextField, history tables included."""
    tables = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        columns = tuple(
            field.column
            for field in meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        )
        if columns:
            tables.append(Table(meta.db_table, meta.pk.column, columns))
    return tables


def rotate_keys(*, batch_size: int = BATCH_SIZE) -> Rotation:
    """Re-encrypt with the first key every value another key encrypted.

    Values are rewritten in raw SQL, column by column, so that no save() runs: no
    auto_now date moves and no history row is added. Each batch is one
    transaction, and a value is only replaced if it has not changed since it was
    read, so a case worker's edit during the rotation is never lost. Values the
    first key already encrypted are left alone, so running it again does nothing.
    Raise ImproperlyConfigured, naming the table, column and row but never the
    value, when no key decrypts a value.
    """
    fernet()  # fail on missing or malformed keys before reading any row
    values = tables = 0
    checked = encrypted_tables()
    for table in checked:
        count = sum(_rotate_batch(table, rows) for rows in _batches(table, batch_size))
        values += count
        tables += bool(count)
    return Rotation(values=values, tables=tables, tables_checked=len(checked))


def _batches(table: Table, batch_size: int) -> Iterator[list[tuple]]:
    """Yield the rows with anything recorded, by primary key, batch_size at a time."""
    last = None
    while True:
        with connection.cursor() as cursor:
            if last is None:
                cursor.execute(_select(table, after=False), [batch_size])
            else:
                cursor.execute(_select(table, after=True), [last, batch_size])
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _select(table: Table, *, after: bool) -> str:
    quote = connection.ops.quote_name
    pk = quote(table.pk)
    columns = ", ".join(quote(column) for column in table.columns)
    recorded = " OR ".join(f"{quote(column)} <> ''" for column in table.columns)
    where = f"{pk} > %s AND ({recorded})" if after else f"({recorded})"
    return (
        f"SELECT {pk}, {columns} FROM {quote(table.name)} "  # noqa: S608 - quoted model names  # nosec B608
        f"WHERE {where} ORDER BY {pk} LIMIT %s"
    )


def _rotate_batch(table: Table, rows: list[tuple]) -> int:
    """Rewrite one batch of rows in one transaction; return the values rewritten."""
    quote = connection.ops.quote_name
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for index, column in enumerate(table.columns, start=1):
            changes = [
                (_rotated(table, column, row[0], row[index]), row[0], row[index])
                for row in rows
                if row[index] and not _is_current(row[index])
            ]
            if not changes:
                continue
            # Compare and set: skip a value someone changed since it was read.
            cursor.executemany(
                f"UPDATE {quote(table.name)} SET {quote(column)} = %s "  # noqa: S608 - quoted model names  # nosec B608
                f"WHERE {quote(table.pk)} = %s AND {quote(column)} = %s",
                changes,
            )
            count += cursor.rowcount
    return count


def _is_current(token: str) -> bool:
    try:
        current_key_fernet().decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def _rotated(table: Table, column: str, pk: object, token: str) -> str:
    try:
        return fernet().rotate(token.encode()).decode("ascii")
    except InvalidToken:
        raise ImproperlyConfigured(
            f"{table.name}.{column} of row {pk} holds a value none of "
            "FIELD_ENCRYPTION_KEYS can decrypt: add the missing key, or fix the row."
        ) from None
