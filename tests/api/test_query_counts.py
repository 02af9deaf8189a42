"""A list page costs the same number of queries for 10 rows as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    DocumentedCaseFactory,
    MentionFactory,
    NamedPersonFactory,
    SourceArticleFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the token's last use is written once, on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("cases", DocumentedCaseFactory.create_batch),
        ("persons", NamedPersonFactory.create_batch),
        ("articles", SourceArticleFactory.create_batch),
        ("mentions", MentionFactory.create_batch),
    ],
)
def test_a_list_costs_a_fixed_number_of_queries(api, path: str, make) -> None:
    make(200)

    ten = queries_for(api, f"/api/v1/{path}/?page_size=10")
    two_hundred = queries_for(api, f"/api/v1/{path}/?page_size=200")

    assert ten == two_hundred
    assert ten <= 6
