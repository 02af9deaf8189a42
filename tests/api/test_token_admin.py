"""Staff create and revoke their own API tokens in the admin; the secret shows once."""

import pytest

from api.models import ApiToken, hash_secret
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

TOKENS = "/admin/api/apitoken/"


def create(client, **data: object):
    form = {"name": "invented partner script", "expires_in_days": "30", **data}
    return client.post(TOKENS + "add/", form)


def test_a_case_worker_creates_a_token_and_sees_its_secret_once(client) -> None:
    worker = user_with_role("Case worker")
    client.force_login(worker)

    response = create(client, read_only="on")

    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert (token.user, token.name, token.read_only) == (
        worker,
        "invented partner script",
        True,
    )
    assert token.expires_at is not None
    assert token.secret_sha256 == hash_secret(secret)
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    for page in (TOKENS, f"{TOKENS}{token.pk}/change/", f"{TOKENS}{token.pk}/history/"):
        assert secret not in client.get(page).content.decode()
    api = client.get("/api/v1/cases/", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200


def test_a_token_that_may_write_and_never_expires(client) -> None:
    client.force_login(user_with_role("Case worker"))

    create(client, expires_in_days="")

    token = ApiToken.objects.get()
    assert (token.read_only, token.expires_at) == (False, None)


def test_a_token_needs_a_name(client) -> None:
    client.force_login(user_with_role("Case worker"))

    response = create(client, name="")

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_a_case_worker_sees_and_revokes_only_their_own_tokens(client) -> None:
    worker = user_with_role("Case worker")
    own, _ = ApiToken.objects.issue(user=worker, name="mine")
    other, _ = ApiToken.objects.issue(user=UserFactory(), name="someone else's")
    client.force_login(worker)

    listing = client.get(TOKENS).content.decode()
    client.post(TOKENS, {"action": "revoke", "_selected_action": [own.pk, other.pk]})

    assert own.prefix in listing and other.prefix not in listing
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.revoked_at is not None
    assert other.revoked_at is None


def test_an_administrator_sees_and_revokes_every_token(client) -> None:
    other, _ = ApiToken.objects.issue(user=UserFactory(), name="leaked")
    client.force_login(user_with_role("Administrator"))

    assert other.prefix in client.get(TOKENS).content.decode()
    client.post(TOKENS, {"action": "revoke", "_selected_action": [other.pk]})

    other.refresh_from_db()
    assert other.revoked_at is not None


def test_an_administrator_creates_tokens_for_themselves_only(client) -> None:
    administrator = user_with_role("Administrator")
    client.force_login(administrator)

    create(client, user=UserFactory().pk)

    assert ApiToken.objects.get().user == administrator
