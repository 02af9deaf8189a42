"""Security headers on the admin's login and change pages, the API and its docs."""

import re

import pytest
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value for name, value in pairs}


def assert_security_headers(response) -> None:
    found = directives(response)
    for name, value in POLICY.items():
        assert found[name] == value, name
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


@pytest.fixture
def api(django_user_model) -> APIClient:
    user = django_user_model.objects.create_superuser("amina", "", "pw-for-tests")
    _token, secret = ApiToken.objects.issue(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_admin_login_page(client) -> None:
    response = client.get("/admin/login/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_change_page(admin_client) -> None:
    case = CaseFactory()

    response = admin_client.get(f"/admin/cases/case/{case.pk}/change/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_api_answer(api) -> None:
    CaseFactory()

    response = api.get("/api/v1/cases/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)


def test_api_error_answer(api) -> None:
    response = api.get("/api/v1/cases/999999/", secure=True)

    assert response.status_code == 404
    assert_security_headers(response)


def test_lockout_answer(client, django_user_model, settings) -> None:
    django_user_model.objects.create_user("amina", password="x" * 20, is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/", {"username": "amina", "password": f"no-{n}"}, secure=True
        )

    assert response.status_code == 429
    assert_security_headers(response)


def test_swagger_ui_runs_only_its_nonced_inline_code(admin_client) -> None:
    response = admin_client.get("/api/v1/docs/", secure=True)

    assert response.status_code == 200
    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", directives(response)["script-src"])
    assert nonce, "no nonce in script-src"
    assert f"'nonce-{nonce.group(1)}'" in directives(response)["style-src"]
    inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline, "the page has no inline code: is the override still needed?"
    for tag, attributes in inline:
        assert f'nonce="{nonce.group(1)}"' in attributes, tag
    # Its files come from our own static files, not a CDN.
    assert re.findall(r'src="(/static/[^"]+)"', page)
    assert "cdn" not in page.lower()


def test_each_answer_has_its_own_nonce(admin_client) -> None:
    first = directives(admin_client.get("/api/v1/docs/", secure=True))["script-src"]
    second = directives(admin_client.get("/api/v1/docs/", secure=True))["script-src"]

    assert first != second


def test_a_view_that_sets_its_own_cache_control_keeps_it(admin_client) -> None:
    # The admin marks its pages never_cache itself; our default does not double it.
    response = admin_client.get("/admin/", secure=True)

    assert response["Cache-Control"].count("no-store") == 1
