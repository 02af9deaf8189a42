"""Sessions end everywhere on request, after idling, and after their longest time."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client

from accounts.models import SessionGeneration
from accounts.sessions import LOGIN_AT_KEY, SEEN_AT_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-for-tests"
EVERYWHERE = "/admin/account/log-out-everywhere/"


@pytest.fixture
def worker(django_user_model):
    return django_user_model.objects.create_superuser("amina", "", PASSWORD)


def logged_in_client(user) -> Client:
    """Return a client logged in through the login page, as a person would."""
    client = Client()
    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    return client


def is_logged_out(client: Client) -> bool:
    answer = client.get("/admin/")
    return answer.status_code == 302 and answer["Location"].startswith("/admin/login/")


def shift_session(client: Client, key: str, seconds: int) -> None:
    """Move a time stamp of the client's session this many seconds into the past."""
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_logging_out_everywhere_ends_every_session_of_the_user(worker) -> None:
    laptop, phone = logged_in_client(worker), logged_in_client(worker)

    answer = laptop.post(EVERYWHERE)

    assert answer.status_code == 302
    assert answer["Location"] == "/admin/login/"
    assert is_logged_out(laptop)
    assert is_logged_out(phone)
    assert SESSION_KEY not in phone.session


def test_a_session_that_logged_in_another_way_ends_too(worker) -> None:
    # force_login records nothing in the session: it counts as generation 0.
    other = Client()
    other.force_login(worker)
    assert other.get("/admin/").status_code == 200

    logged_in_client(worker).post(EVERYWHERE)

    assert is_logged_out(other)


def test_a_new_login_after_logging_out_everywhere_works(worker) -> None:
    logged_in_client(worker).post(EVERYWHERE)
    client = Client()

    client.post("/admin/login/", {"username": "amina", "password": PASSWORD})

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_logging_out_everywhere_leaves_other_users_logged_in(
    worker, django_user_model
) -> None:
    colleague = logged_in_client(
        django_user_model.objects.create_superuser("bolat", "", PASSWORD)
    )

    logged_in_client(worker).post(EVERYWHERE)

    assert colleague.get("/admin/").status_code == 200


def test_the_page_asks_before_logging_out(worker) -> None:
    client = logged_in_client(worker)

    page = client.get(EVERYWHERE)

    assert page.status_code == 200
    assert "on any other" in page.content.decode()
    assert client.get("/admin/").status_code == 200


def test_the_user_menu_links_to_it(worker) -> None:
    page = logged_in_client(worker).get("/admin/").content.decode()

    assert f'href="{EVERYWHERE}"' in page


def test_an_administrator_logs_out_another_user_everywhere(
    worker, django_user_model
) -> None:
    victim = django_user_model.objects.create_user(
        "bolat", password=PASSWORD, is_staff=True
    )
    stolen = logged_in_client(victim)
    administrator = logged_in_client(worker)

    answer = administrator.post(
        "/admin/auth/user/",
        {"action": "log_out_everywhere", "_selected_action": [victim.pk]},
    )

    assert answer.status_code == 302
    assert is_logged_out(stolen)
    assert administrator.get("/admin/").status_code == 200
    assert SessionGeneration.objects.number_for(victim.pk) == 1


def test_a_session_idle_too_long_ends(worker, settings) -> None:
    client = logged_in_client(worker)

    shift_session(client, SEEN_AT_KEY, settings.SESSION_IDLE_TIMEOUT + 1)

    answer = client.get("/admin/")
    assert answer.status_code == 302
    (message,) = get_messages(answer.wsgi_request)
    assert "without activity" in str(message)
    assert is_logged_out(client)


def test_a_session_in_use_stays(worker, settings) -> None:
    client = logged_in_client(worker)

    shift_session(client, SEEN_AT_KEY, settings.SESSION_IDLE_TIMEOUT - 60)

    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[SEEN_AT_KEY] < 60


def test_the_time_of_the_latest_request_is_written_at_most_once_a_minute(
    worker,
) -> None:
    client = logged_in_client(worker)
    shift_session(client, SEEN_AT_KEY, 30)
    seen_at = client.session[SEEN_AT_KEY]

    client.get("/admin/")
    assert client.session[SEEN_AT_KEY] == seen_at

    shift_session(client, SEEN_AT_KEY, 31)
    client.get("/admin/")
    assert client.session[SEEN_AT_KEY] > seen_at


def test_a_session_ends_after_its_longest_time_even_in_use(worker, settings) -> None:
    client = logged_in_client(worker)

    shift_session(client, LOGIN_AT_KEY, settings.SESSION_COOKIE_AGE + 1)

    assert is_logged_out(client)


def test_the_session_cookie_is_http_only_secure_and_ends_with_the_browser(
    worker,
) -> None:
    client = Client()

    client.post("/admin/login/", {"username": "amina", "password": PASSWORD})

    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["secure"]  # tests run with DEBUG off, as production does
    assert not cookie["max-age"]
    assert cookie["samesite"] == "Lax"
