"""Clients of the API: with a token, with a session, with chosen permissions."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttling counts requests in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_client(db) -> Callable[..., APIClient]:
    """Return a factory of clients with a token of a user holding these perms.

    make_client("cases.view_case", write=True); make_client(superuser=True).
    """

    def make(*perms: str, write: bool = False, superuser: bool = False) -> APIClient:
        user = UserFactory(is_superuser=superuser)
        for perm in perms:
            app_label, codename = perm.split(".")
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        _token, secret = ApiToken.objects.issue(user=user, read_only=not write)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        client.user = user
        return client

    return make


@pytest.fixture
def api(make_client) -> APIClient:
    """Return a client of a superuser with a read-and-write token."""
    return make_client(superuser=True, write=True)
