"""`GET /api/v1/cases/pfif/`: the case list's filters, as PFIF 1.4."""

import pytest

from audit.models import AccessLogEntry
from cases.models import Confidentiality, Fate
from tests.factories import CaseFactory
from tests.pfif.validator import check_pfif
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db
URL = "/api/v1/cases/pfif/"


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    require_postgresql()


def published(**fields):
    return CaseFactory(
        confidentiality=Confidentiality.PUBLIC, consents_to_publication=True, **fields
    )


def test_gives_the_filtered_cases_as_pfif(api) -> None:
    published(fate=Fate.CAMP)
    published(fate=Fate.RELEASED)

    response = api.get(URL, {"fate": "camp"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.count(b"<pfif:person>") == 1
    assert check_pfif(response.content) == []


def test_is_in_the_access_log(api) -> None:
    published()

    api.get(URL)

    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.rows) == (
        "exported",
        "cases.case",
        1,
    )


def test_a_client_may_ask_for_xml(api) -> None:
    published()

    response = api.get(URL, HTTP_ACCEPT="application/xml")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"fate": "lost"}, "fate"),
        ({"disappeared_from": "2018-13"}, "disappeared_from"),
        ({"colour": "red"}, "colour"),
        ({"cursor": "x"}, "cursor"),
    ],
)
def test_bad_filters_are_a_400_per_field(api, query, field) -> None:
    response = api.get(URL, query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_bad_filters_are_a_400_when_xml_is_asked_for(api) -> None:
    response = api.get(URL, {"fate": "lost"}, HTTP_ACCEPT="application/xml")

    assert response.status_code == 400
    assert "fate" in response.json()["errors"]


def test_needs_the_view_permissions(make_client) -> None:
    published()

    response = make_client("cases.view_case").get(URL)

    assert response.status_code == 403


def test_only_cases_the_user_sees(make_client) -> None:
    published()
    client = make_client(
        "cases.view_case", "cases.view_person", "cases.view_personname"
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response.content.count(b"<pfif:person>") == 1


def test_is_in_the_schema(api) -> None:
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/v1/cases/pfif/"]["get"]
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    assert "application/xml" in operation["responses"]["200"]["content"]
    assert {"fate", "disappeared_from", "q"} <= names
