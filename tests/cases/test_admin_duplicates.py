import pytest
from django.urls import reverse

from cases.merging import merge_persons
from cases.models import (
    DuplicateCandidate,
    DuplicateStatus,
    PersonMerge,
)
from tests.factories import CaseFactory, person_named

pytestmark = pytest.mark.django_db
PAIRS = reverse("admin:cases_duplicatecandidate_changelist")
MERGES = reverse("admin:cases_personmerge_changelist")
PERSONS = reverse("admin:cases_person_changelist")


@pytest.fixture
def pair():
    a = person_named("Gulnar Serikova")
    b = person_named("Гүлнар Серікова")
    CaseFactory(subject=b)
    return DuplicateCandidate.objects.create(
        person_a=a,
        person_b=b,
        score=0.97,
        evidence={
            "names": ["Gulnar Serikova", "Гүлнар Серікова"],
            "explanation": "Gulnar ≈ Гүлнар (transliteration): same person.",
            "same": ["gender"],
            "different": ["birth year"],
        },
    )


def test_lists_open_pairs_with_score_and_evidence(admin_client, pair):
    dismissed = DuplicateCandidate.objects.create(
        person_a=person_named("Rahile Dawut"),
        person_b=person_named("Rahile Dawut"),
        score=0.9,
        status=DuplicateStatus.DISMISSED,
    )

    response = admin_client.get(PAIRS)

    assert list(response.context["cl"].result_list) == [pair]
    page = response.content.decode()
    assert "Gulnar ≈ Гүлнар (transliteration)" in page
    assert "Different birth year (lowers the score)" in page
    shown = admin_client.get(PAIRS, {"status": "dismissed"}).context["cl"]
    assert list(shown.result_list) == [dismissed]


def test_merge_action_asks_for_confirmation_showing_both_persons(admin_client, pair):
    response = admin_client.post(
        PAIRS, {"action": "merge_into_a", "_selected_action": [pair.pk]}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Gulnar Serikova" in page and "Гүлнар Серікова" in page
    assert "cases: 1" in page
    assert not PersonMerge.objects.exists()


def test_confirmed_merge_into_b_keeps_b(admin_client, pair, case_worker):
    response = admin_client.post(
        PAIRS,
        {"action": "merge_into_b", "_selected_action": [pair.pk], "confirmed": "yes"},
    )

    assert response.status_code == 302
    merge = PersonMerge.objects.get()
    assert (merge.keep, merge.duplicate) == (pair.person_b, pair.person_a)
    assert merge.merged_by == case_worker
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.MERGED


def test_not_the_same_person_dismisses_the_pair(admin_client, pair, case_worker):
    admin_client.post(PAIRS, {"action": "dismiss", "_selected_action": [pair.pk]})

    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.DISMISSED
    assert pair.decided_by == case_worker
    assert not PersonMerge.objects.exists()


def test_a_refused_merge_is_a_message_not_an_error_page(admin_client, pair):
    third = person_named("Gulnar Serikova")
    merge_persons(keep=third, duplicate=pair.person_a, actor=None)

    response = admin_client.post(
        PAIRS,
        {"action": "merge_into_a", "_selected_action": [pair.pk], "confirmed": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert "merge into that person instead" in response.content.decode()
    assert PersonMerge.objects.count() == 1


def test_merged_persons_are_hidden_from_the_person_list_and_autocomplete(
    admin_client, pair
):
    merge_persons(keep=pair.person_a, duplicate=pair.person_b, actor=None)

    assert list(admin_client.get(PERSONS).context["cl"].result_list) == [pair.person_a]
    merged = admin_client.get(PERSONS, {"merged": "yes"}).context["cl"].result_list
    assert list(merged) == [pair.person_b]
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Gulnar",
            "app_label": "cases",
            "model_name": "case",
            "field_name": "subject",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(pair.person_a.pk)]


def test_undo_action_on_the_merge_list_restores_the_duplicate(admin_client, pair):
    merge = merge_persons(keep=pair.person_a, duplicate=pair.person_b, actor=None)

    response = admin_client.get(MERGES)
    assert list(response.context["cl"].result_list) == [merge]
    admin_client.post(MERGES, {"action": "undo", "_selected_action": [merge.pk]})

    merge.refresh_from_db()
    assert merge.undone
    pair.person_b.refresh_from_db()
    assert pair.person_b.merged_into is None
    assert pair.person_b.cases.count() == 1


def test_merge_records_cannot_be_edited_or_deleted(admin_client, pair):
    merge = merge_persons(keep=pair.person_a, duplicate=pair.person_b, actor=None)

    url = reverse("admin:cases_personmerge_change", args=[merge.pk])
    response = admin_client.post(url, {"moves": "[]"})

    assert response.status_code == 403
    merge.refresh_from_db()
    assert merge.moves


def test_a_pair_page_shows_the_score_as_the_list_does(admin_client, pair):
    url = reverse("admin:cases_duplicatecandidate_change", args=[pair.pk])

    page = admin_client.get(url).content.decode()

    assert '<div class="readonly">0.97</div>' in page
    assert "Same gender (raises the score)" in page
