"""Bad input gets a 4xx in the one error shape, saying what is wrong."""

import pytest

from cases.models import Case, Person
from tests.factories import CaseFactory, NamedPersonFactory

pytestmark = pytest.mark.django_db

SHAPE = {"status", "code", "message", "errors"}


def assert_error(response, status: int, code: str) -> dict:
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == SHAPE
    assert body["status"] == status
    assert body["code"] == code
    assert body["message"]
    return body


def post_person(api, body, **kwargs):
    return api.post("/api/v1/persons/", body, **kwargs)


def test_malformed_json_is_a_400_that_says_so(api) -> None:
    response = post_person(api, b'{"gender": ', content_type="application/json")

    body = assert_error(response, 400, "parse_error")
    assert "not valid JSON" in body["message"]


def test_nan_is_not_json(api) -> None:
    response = post_person(api, b'{"age_min": NaN}', content_type="application/json")

    assert_error(response, 400, "parse_error")


def test_deeply_nested_json_is_a_400(api) -> None:
    response = post_person(
        api, b"[" * 100_000 + b"]" * 100_000, content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


def test_an_unpaired_surrogate_is_refused_before_the_database(api) -> None:
    body = b'{"names": [{"text": "Ali \\ud800"}]}'

    response = post_person(api, body, content_type="application/json")

    assert_error(response, 400, "parse_error")
    assert not Person.objects.exists()


def test_wrong_types_name_the_field(api) -> None:
    response = post_person(api, {"age_min": "many", "names": "Ali"}, format="json")

    body = assert_error(response, 400, "invalid")
    assert set(body["errors"]) == {"age_min", "names"}


def test_unknown_body_fields_are_named(api) -> None:
    response = post_person(api, {"gender": "male", "nickname": "x"}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {"nickname": ["Unknown field."]}
    assert not Person.objects.exists()


def test_unknown_fields_of_nested_records_are_named(api) -> None:
    response = post_person(
        api, {"names": [{"text": "Ali", "scrip": "Latn"}]}, format="json"
    )

    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {"names[0].scrip": ["Unknown field."]}


@pytest.mark.parametrize("date", ["0000", "2018-13", "2018-02-30", "20180", "1200"])
def test_absurd_dates_are_refused(api, date: str) -> None:
    response = post_person(api, {"birth_date": date}, format="json")

    body = assert_error(response, 400, "invalid")
    assert "birth_date" in body["errors"]


def test_a_megabyte_string_is_refused_by_its_max_length(api) -> None:
    response = post_person(api, {"notes": "x" * 1_000_000}, format="json")

    body = assert_error(response, 400, "invalid")
    assert "no more than" in body["errors"]["notes"][0]


def test_a_body_over_the_upload_limit_is_a_413(api, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_person(api, {"notes": "x" * 2000}, format="json")

    assert_error(response, 413, "too_large")


def test_a_long_invalid_value_is_not_echoed_in_full(api) -> None:
    response = post_person(api, {"gender": "x" * 100_000}, format="json")

    body = assert_error(response, 400, "invalid")
    assert len(body["message"]) < 1000


def test_unknown_query_parameters_are_named(api) -> None:
    response = api.get("/api/v1/cases/?fate=camp&fatee=camp&colour=red")

    body = assert_error(response, 400, "invalid")
    assert set(body["errors"]) == {"fatee", "colour"}


def test_unknown_filter_values_are_refused(api) -> None:
    response = api.get("/api/v1/cases/?fate=on_holiday")

    body = assert_error(response, 400, "invalid")
    assert "on_holiday" in body["errors"]["fate"][0]


def test_a_duplicate_reference_is_a_conflict(api) -> None:
    case = CaseFactory()

    response = api.patch(
        f"/api/v1/cases/{CaseFactory().reference}/",
        {"reference": case.reference},
        format="json",
    )

    body = assert_error(response, 409, "conflict")
    assert "reference" in body["errors"]


def test_deleting_a_person_still_a_subject_is_a_conflict(api) -> None:
    case = CaseFactory()

    response = api.delete(f"/api/v1/persons/{case.subject.uid}/")

    assert_error(response, 409, "conflict")
    assert Case.objects.filter(pk=case.pk).exists()


def test_unknown_record_and_unknown_address_are_404s_in_the_shape(api) -> None:
    assert_error(api.get("/api/v1/cases/CT-1900-0001/"), 404, "not_found")
    assert_error(api.get("/api/v1/persons/not-a-uuid/"), 404, "not_found")
    assert_error(api.get("/api/v1/mentions/99999999999999999999/"), 404, "not_found")
    assert_error(api.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_error(api.put("/api/v1/relatives/a%0Ab.c/", {}), 404, "not_found")


def test_an_unsupported_method_is_a_405(api) -> None:
    response = api.delete("/api/v1/import-jobs/")

    assert_error(response, 405, "method_not_allowed")


def test_no_credentials_is_a_401_with_a_challenge(client, db) -> None:
    response = client.get("/api/v1/cases/")

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_throttled_requests_get_a_429_with_retry_after(make_client, settings) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute"},
    }
    api = make_client(superuser=True)
    NamedPersonFactory()
    statuses = [api.get("/api/v1/persons/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = api.get("/api/v1/persons/")
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
