"""The record of merges names persons and rows, never ids or raw data."""

import pytest
from django.urls import reverse

from cases.merging import merge_persons
from tests.factories import CaseFactory, UserFactory, person_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def merge():
    keep = person_named("Baibolat Kunbolat")
    duplicate = person_named("Байболат Кунболатов", "Baibolat Kunbolat")
    CaseFactory(subject=duplicate, reference="CT-2021-0009")
    return merge_persons(keep=keep, duplicate=duplicate, actor=UserFactory())


def test_merge_list_names_both_persons(admin_client, merge):
    response = admin_client.get(reverse("admin:cases_personmerge_changelist"))

    content = response.content.decode()
    assert "Байболат Кунболатов merged into Baibolat Kunbolat" in content
    assert f"{merge.duplicate_id} → {merge.keep_id}" not in content


def test_merge_page_lists_moved_and_kept_rows_in_words(admin_client, merge):
    url = reverse("admin:cases_personmerge_change", args=[merge.pk])

    content = admin_client.get(url).content.decode()

    assert "Case (missing or detained person): CT-2021-0009" in content
    assert "Name form: Baibolat Kunbolat — " in content
    assert '{"' not in content and "[{" not in content


def test_merge_history_reason_names_the_persons(merge):
    latest = merge.duplicate.history.latest()

    assert latest.history_change_reason == (
        "merged person “Байболат Кунболатов” into “Baibolat Kunbolat”"
    )
