"""Finding the token a secret names, with its user, in one query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiToken, hash_secret
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token_with_secret(secret: str, **fields: object) -> ApiToken:
    return ApiToken.objects.create(
        user=UserFactory(),
        prefix=secret[:8],
        secret_sha256=hash_secret(secret),
        **fields,
    )


def test_the_token_and_its_user_come_in_one_query() -> None:
    token = token_with_secret("s" * 43)

    with CaptureQueriesContext(connection) as queries:
        found = ApiToken.objects.find("s" * 43)
        username = found.user.username

    assert len(queries) == 1
    assert (found, username) == (token, token.user.username)
    assert found.expires_at is None and isinstance(found.created_at, datetime.datetime)


def test_among_tokens_sharing_a_prefix_the_usable_one_with_that_secret_is_found() -> (
    None
):
    now = timezone.now()
    token_with_secret("shared00-revoked", revoked_at=now)
    token_with_secret("shared00-expired", expires_at=now - datetime.timedelta(days=1))
    usable = token_with_secret(
        "shared00-usable", expires_at=now + datetime.timedelta(days=1)
    )

    assert ApiToken.objects.find("shared00-usable") == usable
    assert ApiToken.objects.find("shared00-revoked") is None
    assert ApiToken.objects.find("shared00-expired") is None
    assert ApiToken.objects.find("shared00-unknown") is None
