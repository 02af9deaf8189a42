"""Property-based tests of the whole API against its own schema (schemathesis).

Every operation is called with generated valid and invalid input, in process,
on a small database of invented cases, with a read-and-write token: no answer
may be a 5xx, and every answer must conform to the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.models import ApiToken
from casetracker.wsgi import application
from tests.factories import DocumentedCaseFactory, MentionFactory, UserFactory


@pytest.fixture
def api_schema(db):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # As Django's test client does: a WSGI request would otherwise close the
    # connection that holds the test's transaction (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def token(db, settings) -> str:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    DocumentedCaseFactory.create_batch(2)
    MentionFactory()
    user = UserFactory(is_superuser=True)
    return ApiToken.objects.issue(user=user, read_only=False)[1]


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, token: str) -> None:
    # Left out: "schema-valid request rejected". A schema cannot say that a
    # referenced case must exist or a date must not be in the future, so such
    # requests are rightly refused with a 400.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[positive_data_acceptance],
    )
