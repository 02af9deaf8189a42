"""A bundle load never loses, declassifies or leaks (docs/case-bundle.md)."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from cases.models import Case, Person, Relative
from sources.bundles import FORMAT, VERSION, BundleError, export_bundle, load_bundle
from tests.factories import user_with_role

from .api_helpers import (
    ADMINISTRATOR,
    API_READER,
    CASE_WORKER,
    CONTACT,
    RESEARCHER,
    ROLES,
    CaseRecords,
    case_with_records,
    client_for,
)

pytestmark = pytest.mark.django_db


def documented(records: CaseRecords) -> CaseRecords:
    """Give the case and its subject the facts a partial bundle could wipe."""
    Case.objects.filter(pk=records.case.pk).update(
        summary="Invented summary", place_last_seen="Invented village"
    )
    Person.objects.filter(pk=records.subject.pk).update(
        gender="male", ethnicity="kazakh"
    )
    records.case.refresh_from_db()
    return records


def minimal_bundle(case: Case) -> dict[str, Any]:
    subject = str(case.subject.uid)
    return {
        "format": FORMAT,
        "version": VERSION,
        "persons": [{"id": subject, "names": []}],
        "cases": [{"reference": case.reference, "subject": subject}],
    }


def load_through_api(bundle: dict, tmp_path: Path) -> None:
    worker = Case.objects.get().assigned_to
    response = client_for(worker).post("/api/v1/cases/bundle/", bundle, format="json")
    assert response.status_code == 200, response.json()


def load_with_the_command(bundle: dict, tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    call_command("load_cases", str(path))


@pytest.mark.parametrize("load", [load_through_api, load_with_the_command])
def test_a_minimal_bundle_leaves_what_it_does_not_state(load, tmp_path) -> None:
    assignee = user_with_role(CASE_WORKER, username="assignee")
    case = documented(case_with_records("confidential", assigned_to=assignee)).case
    researcher = client_for(user_with_role(RESEARCHER))
    detail = f"/api/v1/cases/{case.reference}/"
    assert researcher.get(detail).status_code == 404

    load(minimal_bundle(case), tmp_path)

    case.refresh_from_db()
    assert case.confidentiality == "confidential"
    assert case.assigned_to == assignee
    assert case.summary == "Invented summary"
    assert case.place_last_seen == "Invented village"
    assert (case.subject.gender, case.subject.ethnicity) == ("male", "kazakh")
    assert researcher.get(detail).status_code == 404


def test_an_explicit_null_or_empty_string_empties_a_field() -> None:
    case = documented(case_with_records("public")).case
    bundle = minimal_bundle(case)
    bundle["cases"][0] |= {"summary": None, "place_last_seen": ""}

    load_bundle(data=bundle)

    case.refresh_from_db()
    assert (case.summary, case.place_last_seen) == ("", "")


def test_reloading_a_researchers_export_keeps_the_contact_details() -> None:
    records = case_with_records("restricted")
    researcher = client_for(user_with_role(RESEARCHER))
    export = researcher.get(f"/api/v1/cases/{records.case.reference}/bundle/").json()
    assert "contact_details" not in export["cases"][0]["relatives"][0]

    worker = client_for(user_with_role(CASE_WORKER))
    response = worker.post("/api/v1/cases/bundle/", export, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["updated"] == {}
    assert Relative.objects.get(pk=records.relative.pk).contact_details == CONTACT


def every_row() -> dict[str, list[dict[str, Any]]]:
    """Return every row of cases and sources, history included, by model."""
    models = [
        *apps.get_app_config("cases").get_models(),
        *apps.get_app_config("sources").get_models(),
    ]
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in models
    }


EXPORTERS = (ADMINISTRATOR, CASE_WORKER, RESEARCHER)


@pytest.mark.parametrize("loader", ROLES)
@pytest.mark.parametrize("exporter", EXPORTERS)
def test_loading_back_any_export_changes_nothing(exporter: str, loader: str) -> None:
    records = documented(case_with_records("restricted"))
    reference = records.case.reference
    export = client_for(user_with_role(exporter)).get(
        f"/api/v1/cases/{reference}/bundle/"
    )
    assert export.status_code == 200
    before = every_row()

    response = client_for(user_with_role(loader)).post(
        "/api/v1/cases/bundle/", export.json(), format="json"
    )

    may_load = loader in (ADMINISTRATOR, CASE_WORKER)
    assert response.status_code == (200 if may_load else 403)
    if may_load:
        assert response.json()["updated"] == {}
        assert response.json()["created"] == {}
    assert every_row() == before


def test_an_api_reader_may_not_export_a_bundle() -> None:
    records = case_with_records("public")
    reader = client_for(user_with_role(API_READER))

    response = reader.get(f"/api/v1/cases/{records.case.reference}/bundle/")

    assert response.status_code == 403


def test_a_user_who_may_not_see_a_field_may_not_set_it() -> None:
    records = case_with_records("restricted")
    bundle = export_bundle(cases=Case.objects.filter(pk=records.case.pk))
    bundle["cases"][0]["relatives"][0]["contact_details"] = "Overwritten"

    with pytest.raises(BundleError, match=r"relatives\[0\]\.contact_details: you"):
        load_bundle(data=bundle, user=user_with_role(RESEARCHER))
    assert Relative.objects.get(pk=records.relative.pk).contact_details == CONTACT


def test_lowering_confidentiality_needs_the_permission_to_change_cases() -> None:
    case = case_with_records("restricted").case
    bundle = minimal_bundle(case)
    bundle["cases"][0]["confidentiality"] = "public"

    with pytest.raises(BundleError, match=r"confidentiality: lowering 'restricted'"):
        load_bundle(data=bundle, user=user_with_role(RESEARCHER))
    load_bundle(data=bundle, user=user_with_role(CASE_WORKER))

    case.refresh_from_db()
    assert case.confidentiality == "public"
