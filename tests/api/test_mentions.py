"""Confirming and rejecting mentions through the API."""

import pytest

from sources.models import MentionStatus
from tests.factories import CaseFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_confirming_cites_the_article_on_the_persons_case(api) -> None:
    mention = MentionFactory()
    case = CaseFactory(subject=mention.person)

    response = api.post(f"/api/v1/mentions/{mention.pk}/confirm/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == MentionStatus.CONFIRMED
    assert body["reviewed_by"] == api.user.username
    assert case.citations.get().article == mention.article
    assert body["citation"] == case.citations.get().pk


def test_confirming_twice_changes_nothing(api) -> None:
    mention = MentionFactory()
    case = CaseFactory(subject=mention.person)

    api.post(f"/api/v1/mentions/{mention.pk}/confirm/")
    api.post(f"/api/v1/mentions/{mention.pk}/confirm/")

    assert case.citations.count() == 1


def test_rejecting_marks_the_mention(api) -> None:
    mention = MentionFactory()

    response = api.post(f"/api/v1/mentions/{mention.pk}/reject/")

    assert response.status_code == 200
    assert response.json()["status"] == MentionStatus.REJECTED


def test_lists_suggested_mentions_of_an_article(api) -> None:
    mention = MentionFactory()
    MentionFactory(status=MentionStatus.REJECTED)

    response = api.get(
        f"/api/v1/mentions/?status=suggested&article={mention.article.uid}"
    )

    assert [row["id"] for row in response.json()["results"]] == [mention.pk]
