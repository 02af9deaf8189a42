"""The duplicates page's "Find duplicates now": runs the job, shows its progress."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cases import duplicate_search
from cases.models import DuplicateCandidate
from tests.factories import person_named

pytestmark = pytest.mark.django_db
PAIRS = reverse("admin:cases_duplicatecandidate_changelist")
SEARCH = reverse("admin:cases_duplicate_search")
STATUS = reverse("admin:cases_duplicate_search_status")


@pytest.fixture(autouse=True)
def no_earlier_run():
    cache.clear()
    yield
    cache.clear()


def test_find_now_runs_the_search_here_without_a_broker_and_shows_the_result(
    admin_client, django_capture_on_commit_callbacks
):
    person_named("Gulnar Serikova")
    person_named("Гүлнар Серікова")
    person_named("Rahile Dawut")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(SEARCH)

    assert response.status_code == 302
    assert DuplicateCandidate.objects.count() == 1
    page = admin_client.get(PAIRS).content.decode()
    assert "it checked 3 persons and listed 1 possible pair." in page
    assert "Гүлнар Серікова" in page


def test_the_list_offers_the_button_and_no_status_before_any_search(admin_client):
    page = admin_client.get(PAIRS).content.decode()

    assert "Find duplicates now" in page
    assert "search for duplicates" not in page


def test_a_search_under_way_is_not_started_twice(
    admin_client, django_capture_on_commit_callbacks
):
    assert duplicate_search.start_search()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(SEARCH, follow=True)

    assert callbacks == []
    assert "already under way" in response.content.decode()


def test_the_status_says_how_many_persons_were_checked(admin_client):
    run = duplicate_search.SearchRun(state="running", checked=500, total=1200)
    cache.set(duplicate_search.CACHE_KEY, vars(run))

    status = admin_client.get(STATUS).json()

    assert status["in_progress"] is True
    assert "500 of 1,200 persons checked" in status["text"]


def test_a_run_never_heard_of_again_is_called_unfinished(admin_client):
    long_ago = timezone.now() - datetime.timedelta(days=1)
    run = duplicate_search.SearchRun(
        state="running", started_at=long_ago, updated_at=long_ago
    )
    cache.set(duplicate_search.CACHE_KEY, vars(run))

    status = admin_client.get(STATUS).json()

    assert status["in_progress"] is False
    assert "did not finish" in status["text"]
    assert duplicate_search.start_search()


def test_only_a_post_starts_a_search(admin_client):
    assert admin_client.get(SEARCH).status_code == 405
    assert duplicate_search.current_run() is None
