"""Per-user API tokens: hashed, revocable, expiring, read-only unless granted."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.factories import NamedPersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def create_token(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip()


def client_with(secret: str, keyword: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {secret}")
    return client


def test_command_prints_the_secret_once_and_stores_only_its_hash() -> None:
    UserFactory(username="partner", is_superuser=True)

    secret = create_token("partner", "--name", "Partner sync")

    token = ApiToken.objects.get()
    assert len(secret) >= 43  # 32 random bytes
    assert token.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(getattr(token, f.attname)) for f in token._meta.fields}
    assert token.prefix == secret[:8]
    assert token.read_only is True
    assert token.name == "Partner sync"


@pytest.mark.parametrize("keyword", ["Token", "Bearer"])
def test_a_token_authenticates_its_user(keyword: str) -> None:
    UserFactory(username="partner", is_superuser=True)
    NamedPersonFactory()

    response = client_with(create_token("partner"), keyword).get("/api/v1/persons/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_wrong_secret_with_a_right_prefix_is_refused() -> None:
    UserFactory(username="partner", is_superuser=True)
    secret = create_token("partner")

    response = client_with(secret[:-4] + "AAAA").get("/api/v1/persons/")

    assert response.status_code == 401


def test_a_revoked_token_is_a_401() -> None:
    UserFactory(username="partner", is_superuser=True)
    secret = create_token("partner")

    call_command("revoke_api_token", secret[:8], stdout=StringIO())

    response = client_with(secret).get("/api/v1/persons/")
    assert response.status_code == 401
    assert response.json()["message"] == "The token is unknown, expired or revoked."


def test_an_expired_token_is_a_401() -> None:
    UserFactory(username="partner", is_superuser=True)
    secret = create_token("partner", "--expires-in-days", "1")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert client_with(secret).get("/api/v1/persons/").status_code == 401


def test_a_read_only_token_reads_but_never_writes() -> None:
    UserFactory(username="partner", is_superuser=True)
    client = client_with(create_token("partner"))

    response = client.post("/api/v1/feeds/", {"url": "https://example.org/feed"})

    assert response.status_code == 403
    assert "read-only" in response.json()["message"]


def test_a_write_token_writes() -> None:
    UserFactory(username="partner", is_superuser=True)
    client = client_with(create_token("partner", "--write"))

    response = client.post(
        "/api/v1/feeds/", {"url": "https://example.org/feed"}, format="json"
    )

    assert response.status_code == 201


def test_last_used_is_written_at_most_once_a_minute() -> None:
    UserFactory(username="partner", is_superuser=True)
    client = client_with(create_token("partner"))

    client.get("/api/v1/feeds/")
    first = ApiToken.objects.get().last_used_at
    client.get("/api/v1/feeds/")
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=first - datetime.timedelta(minutes=2))
    client.get("/api/v1/feeds/")
    assert ApiToken.objects.get().last_used_at > first


def test_revoking_an_unknown_prefix_says_so() -> None:
    with pytest.raises(CommandError, match="No token with prefix"):
        call_command("revoke_api_token", "nothing1")


def test_admin_lists_and_revokes_tokens_but_never_shows_a_secret_again(
    admin_client,
) -> None:
    token, secret = ApiToken.objects.issue(user=UserFactory())

    listing = admin_client.get("/admin/api/apitoken/")
    assert token.prefix in listing.content.decode()
    page = admin_client.get(f"/admin/api/apitoken/{token.pk}/change/").content
    assert secret not in page.decode()

    admin_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_no_secret_begins_with_a_dash(monkeypatch) -> None:
    drawn = iter(["-dash-first-secret", "-another-dash", "plain-secret"])
    monkeypatch.setattr("api.models.secrets.token_urlsafe", lambda _: next(drawn))

    _, secret = ApiToken.objects.issue(user=UserFactory())

    assert secret == "plain-secret"


def test_revokes_a_prefix_that_begins_with_a_dash_given_after_double_dash() -> None:
    token, _ = ApiToken.objects.issue(user=UserFactory())
    ApiToken.objects.filter(pk=token.pk).update(prefix="-AbC1234")

    call_command("revoke_api_token", "--", "-AbC1234", stdout=StringIO())

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_creates_a_token_for_a_username_that_begins_with_a_dash() -> None:
    UserFactory(username="-partner")
    out = StringIO()

    call_command("create_api_token", "--write", "--", "-partner", stdout=out)

    assert ApiToken.objects.get(user__username="-partner").read_only is False
    assert not out.getvalue().startswith("-")
