"""A write is all or nothing; a read opens no transaction of its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import ApiToken
from cases.models import Case
from tests.factories import CaseFactory

TRANSACTION_STATEMENTS = {"BEGIN", "COMMIT", "ROLLBACK"}


@pytest.mark.django_db(transaction=True)
def test_a_refused_write_rolls_back_everything_the_request_wrote(make_client) -> None:
    client = make_client(superuser=True, write=True)

    response = client.post("/api/v1/cases/", {"fate": "unheard-of"}, format="json")

    assert response.status_code == 400
    # Authentication wrote the token's first use in the request's transaction.
    assert ApiToken.objects.get().last_used_at is None


@pytest.mark.django_db(transaction=True)
def test_an_accepted_write_is_committed(make_client) -> None:
    case = CaseFactory(fate="missing")
    client = make_client(superuser=True, write=True)

    response = client.patch(
        f"/api/v1/cases/{case.reference}/", {"fate": "camp"}, format="json"
    )

    assert response.status_code == 200
    assert Case.objects.get().fate == "camp"
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_read_runs_without_begin_or_commit(make_client) -> None:
    CaseFactory()
    client = make_client(superuser=True)
    client.get("/api/v1/cases/")  # the token's first use is written once

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/cases/")

    assert response.status_code == 200
    assert not [q["sql"] for q in queries if q["sql"] in TRANSACTION_STATEMENTS]


def test_a_refused_read_leaves_the_callers_transaction_usable(api) -> None:
    CaseFactory()

    assert api.get("/api/v1/cases/NO-SUCH-CASE/").status_code == 404
    assert api.get("/api/v1/cases/?fate=unheard-of").status_code == 400

    # A rollback marked on the test's own transaction would make this raise.
    assert Case.objects.count() == 1
