"""Find the token a request gives, with a query compiled once.

The lookup runs before every API request, and Django compiling it each time
cost more than the database answering it. Its shape never changes, only the
prefix, so it is compiled once per database and run with the prefix given.
"""

import functools
import hmac

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from .models import PREFIX_LENGTH, ApiToken, hash_secret

# Stands for the prefix while compiling; a real prefix is PREFIX_LENGTH long.
SLOT = "prefix"


def find_token(secret: str, using: str = "default") -> ApiToken | None:
    """Return the usable token whose secret this is, with its user, or None."""
    digest, now = hash_secret(secret), timezone.now()
    for token in _with_prefix(secret[:PREFIX_LENGTH], using):
        if token.is_usable(now) and hmac.compare_digest(token.secret_sha256, digest):
            return token
    return None


def _with_prefix(prefix: str, using: str) -> list[ApiToken]:
    connection = connections[using]
    compiler, sql, token_columns, user_columns = _compiled(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix])
        fetched = cursor.fetchall()
    user_model, split = get_user_model(), len(token_columns)
    tokens = []
    # results_iter() converts values as Django would (SQLite's times, say).
    for row in compiler.results_iter(results=[fetched]):
        token = ApiToken.from_db(using, token_columns, row[:split])
        token.user = user_model.from_db(using, user_columns, row[split:])
        tokens.append(token)
    return tokens


# Per connection, and so per thread: the compiler converts values with its own.
@functools.lru_cache(maxsize=64)
def _compiled(connection: BaseDatabaseWrapper) -> tuple[SQLCompiler, str, list, list]:
    """Compile the lookup: the token's columns, then its user's, by prefix."""
    using = connection.alias
    token_columns = [field.attname for field in ApiToken._meta.concrete_fields]
    user_fields = get_user_model()._meta.concrete_fields
    user_columns = [field.attname for field in user_fields]
    query = (
        ApiToken.objects.using(using)
        .filter(prefix=SLOT)
        .order_by()
        .values_list(*token_columns, *(f"user__{name}" for name in user_columns))
    ).query
    compiler = query.get_compiler(using)
    sql, params = compiler.as_sql()
    if list(params) != [SLOT]:
        raise RuntimeError("The token lookup must take the prefix alone.")
    return compiler, sql, token_columns, user_columns
