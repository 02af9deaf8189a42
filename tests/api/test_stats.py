"""GET /api/v1/stats/: the dashboard's figures, over what the token's user sees."""

import pytest

from cases.models import Confidentiality
from tests.factories import (
    CaseFactory,
    CitationFactory,
    DetentionFactory,
    FacilityFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    camp = FacilityFactory(latitude=43.9, longitude=81.3)
    public = CaseFactory(confidentiality=Confidentiality.PUBLIC, fate="camp")
    hidden = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL, fate="prison")
    DetentionFactory(case=public, facility=camp)
    DetentionFactory(case=hidden, facility=camp)
    for publisher in ("Example News", "Other Daily"):
        CitationFactory(case=hidden, article__publisher=publisher)
    return public, hidden


def stats_of(make_client, user):
    client = make_client()
    client.force_authenticate(user)
    answer = client.get("/api/v1/stats/")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_an_administrator_counts_every_case(make_client, cases):
    stats = stats_of(make_client, user_with_role("Administrator"))

    assert stats["cases"] == 2
    assert {t["key"]: t["count"] for t in stats["by_fate"]} == {"camp": 1, "prison": 1}
    assert [f["cases"] for f in stats["by_facility"]] == [2]
    assert stats["cases_with_two_publishers"] == 1
    assert stats["work_waiting"]["mentions_to_review"] == 0
    assert stats["by_month"] == [{"key": "2018-03", "label": "March 2018", "count": 2}]


def test_a_researcher_counts_no_confidential_case(make_client, cases):
    stats = stats_of(make_client, user_with_role("Researcher"))

    assert stats["cases"] == 1
    assert [t["key"] for t in stats["by_fate"]] == ["camp"]
    assert [f["cases"] for f in stats["by_facility"]] == [1]
    assert stats["cases_with_two_publishers"] == 0
    assert stats["work_waiting"]["mentions_to_review"] is None


def test_a_token_reads_the_figures_and_unknown_parameters_are_refused(api, cases):
    assert api.get("/api/v1/stats/").json()["cases"] == 2
    refused = api.get("/api/v1/stats/?fate=camp")
    assert refused.status_code == 400


def test_without_credentials_the_figures_are_refused(client, cases):
    assert client.get("/api/v1/stats/").status_code == 401
