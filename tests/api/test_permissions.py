"""Django's model permissions decide who reads and writes; some fields are hidden."""

import pytest

from tests.factories import CaseFactory, MentionFactory, RelativeFactory

pytestmark = pytest.mark.django_db


def test_reading_needs_the_view_permission(make_client) -> None:
    CaseFactory()

    assert make_client().get("/api/v1/cases/").status_code == 403
    assert make_client("cases.view_case").get("/api/v1/cases/").status_code == 200


def test_writing_needs_the_change_permission(make_client) -> None:
    case = CaseFactory(confidentiality="public")
    url = f"/api/v1/cases/{case.reference}/"

    viewer = make_client("cases.view_case", write=True)
    assert viewer.patch(url, {"fate": "released"}, format="json").status_code == 403
    editor = make_client("cases.view_case", "cases.change_case", write=True)
    assert editor.patch(url, {"fate": "released"}, format="json").status_code == 200


def test_contact_details_are_hidden_from_who_may_not_see_sensitive_fields(
    make_client,
) -> None:
    relative = RelativeFactory(
        case__confidentiality="public", contact_details="+7 700 000 0000 (invented)"
    )
    url = f"/api/v1/relatives/{relative.pk}/"
    viewer = ("cases.view_case", "cases.view_relative")

    reader = make_client(*viewer, "cases.change_relative")
    body = reader.get(url).json()
    assert "contact_details" not in body
    assert body["relationship"] == "brother"

    worker = make_client(*viewer, "cases.view_sensitive_fields")
    assert worker.get(url).json()["contact_details"] == "+7 700 000 0000 (invented)"


def test_contact_details_are_hidden_inside_the_case_and_its_bundle(
    make_client,
) -> None:
    relative = RelativeFactory(
        case__confidentiality="public", contact_details="+7 700 000 0000 (invented)"
    )
    reference = relative.case.reference
    reader = make_client(
        *[
            f"cases.view_{model}"
            for model in ("case", "person", "personname", "relative", "detention")
        ],
        "cases.view_facility",
        "cases.view_facilityname",
        "sources.view_sourcearticle",
        "sources.view_citation",
    )

    case = reader.get(f"/api/v1/cases/{reference}/").json()
    bundle = reader.get(f"/api/v1/cases/{reference}/bundle/").json()

    assert "contact_details" not in case["relatives"][0]
    assert "contact_details" not in bundle["cases"][0]["relatives"][0]
    assert "+7 700" not in str(case) + str(bundle)


def test_confirming_a_mention_needs_the_change_permission(make_client) -> None:
    mention = MentionFactory()
    url = f"/api/v1/mentions/{mention.pk}/confirm/"

    viewer = make_client("sources.view_mention", write=True)
    assert viewer.post(url).status_code == 403
