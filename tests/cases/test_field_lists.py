"""Every field of a record is in the API, the case bundle and the admin, or is
listed here as left out, with why: a new model field cannot silently drop out
of exports and forms."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from api.fields import PrecisionDateField
from api.serializers.case_records import (
    StateClaimInCaseSerializer,
    StepInCaseSerializer,
    SubmissionInCaseSerializer,
)
from api.serializers.cases import CaseDetailSerializer
from api.serializers.facilities import (
    DetentionSerializer,
    FacilityNameSerializer,
    FacilitySerializer,
)
from api.serializers.persons import PersonNameSerializer, PersonSerializer
from api.serializers.relatives import RelativeSerializer
from api.serializers.sources import ArticleDetailSerializer, CitationSerializer
from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
    StateClaim,
    Step,
    Submission,
)
from sources.bundles import fields as shapes
from sources.models import Citation, SourceArticle

pytestmark = pytest.mark.django_db

BOOKKEEPING = "local bookkeeping of this installation"
DERIVED = "derived from other fields, computed anew where it is stored"
SENSITIVE = "sensitive: bundles go to researchers and partners (docs/case-bundle.md)"
IMPORT = "what the import pipeline records about an article"

# Model, its API serializer, its bundle shape, its admin (or the parent's inline).
RECORDS = [
    (Person, PersonSerializer, shapes.PERSON),
    (PersonName, PersonNameSerializer, shapes.PERSON_NAME),
    (Case, CaseDetailSerializer, shapes.CASE),
    (Relative, RelativeSerializer, shapes.RELATIVE),
    (Detention, DetentionSerializer, shapes.DETENTION),
    (Facility, FacilitySerializer, shapes.FACILITY),
    (FacilityName, FacilityNameSerializer, shapes.FACILITY_NAME),
    (SourceArticle, ArticleDetailSerializer, shapes.ARTICLE),
    (Citation, CitationSerializer, shapes.CITATION),
    (Step, StepInCaseSerializer, shapes.STEP),
    (StateClaim, StateClaimInCaseSerializer, shapes.STATE_CLAIM),
    (Submission, SubmissionInCaseSerializer, shapes.SUBMISSION),
]
# (model, field, listing) -> why the field is not in that listing.
LEFT_OUT: dict[tuple[type[models.Model], str, str], str] = {}


def left_out(model: type[models.Model], reason: str, listing: str, *names: str) -> None:
    for name in names:
        LEFT_OUT[model, name, listing] = reason


for _model in (Person, Facility, SourceArticle):
    left_out(_model, "the bundle's `id` is the uid; numbers are local", "bundle", "id")
    left_out(_model, "a number of this installation; the uid is shown", "api", "id")
left_out(Person, BOOKKEEPING, "bundle", "created_at", "updated_at", "merged_into")
left_out(Person, "shown on the page of the person kept", "api", "merged_into")
left_out(Person, SENSITIVE, "bundle", "id_document_number", "home_address")
left_out(Person, "a file; bundles carry its provenance", "bundle", "photo")
left_out(Person, BOOKKEEPING, "admin", "created_at", "updated_at")
UID = "the id other systems know; the admin's pages are numbered"
for _model in (Person, Facility, Detention, SourceArticle):
    left_out(_model, UID, "admin", "uid")
left_out(PersonName, "the inline's person", "admin", "person")
left_out(FacilityName, "the inline's facility", "admin", "facility")
for _model in (Relative, Detention, Citation):
    left_out(_model, "the inline's case", "admin", "case")
left_out(Citation, BOOKKEEPING, "admin", "created_at")
for _model in (PersonName, FacilityName):
    left_out(_model, DERIVED, "api", "search_key")
    left_out(_model, DERIVED, "bundle", "search_key")
    left_out(_model, DERIVED, "admin", "search_key")
    left_out(_model, "nested in its owner", "api", "id")
    left_out(_model, "nested in its owner", "bundle", "id")
left_out(PersonName, DERIVED, "api", "letters")
left_out(PersonName, DERIVED, "bundle", "letters")
left_out(PersonName, DERIVED, "admin", "letters")
left_out(PersonName, "nested in its person", "api", "person")
left_out(PersonName, "nested in its person", "bundle", "person")
left_out(FacilityName, "nested in its facility", "api", "facility")
left_out(FacilityName, "nested in its facility", "bundle", "facility")
left_out(Case, "the reference names a case", "api", "id")
left_out(Case, "the reference names a case", "bundle", "id")
left_out(Case, "teams belong to one installation", "api", "team")
left_out(Case, "teams belong to one installation", "bundle", "team")
left_out(Case, BOOKKEEPING, "bundle", "created_at", "updated_at")
for _model in (Relative, Citation):
    left_out(_model, "nested in its case", "bundle", "id", "case")
left_out(Relative, SENSITIVE, "bundle", "address")
left_out(Citation, BOOKKEEPING, "bundle", "created_at")
left_out(Detention, "nested in its case", "bundle", "case")
left_out(Detention, "the bundle's `id` is the uid", "bundle", "id")
left_out(Detention, "a number of this installation; the uid is shown", "api", "id")
for _date in ("started_on", "ended_on"):
    left_out(
        Detention, "given with the date, as one value", "api", f"{_date}_precision"
    )
for _model, _dates in (
    (Case, ("disappeared_on", "last_contact_on", "missing_until")),
    (Detention, ("started_on", "ended_on")),
    (Person, ("birth_date",)),
):
    for _date in _dates:
        left_out(
            _model, "typed with the date, in one field", "admin", f"{_date}_precision"
        )
left_out(
    SourceArticle,
    IMPORT,
    "bundle",
    *("canonical_url", "text_sha256", "source_kind", "state", "failure_reason"),
    *("attempts", "duplicate_of", "feed", "feed_entry_id", "import_job"),
    *("created_at", "updated_at"),
)
left_out(SourceArticle, IMPORT, "api", "attempts", "duplicate_of", "feed_entry_id")


for _model in (Step, StateClaim, Submission):
    left_out(_model, "nested in its case", "api", "id", "case")
    left_out(_model, "nested in its case", "bundle", "case")
    left_out(_model, "the bundle's `id` is the uid", "bundle", "id")
    left_out(_model, "the inline's case", "admin", "case")
    left_out(_model, UID, "admin", "uid")
for _model, _date in ((Step, "taken_on"), (StateClaim, "claimed_on")):
    left_out(_model, "typed with the date, in one field", "admin", f"{_date}_precision")


def api_fields(serializer: type) -> set[str]:
    shown = set()
    for name, field in serializer().fields.items():
        if isinstance(field, PrecisionDateField):  # a date and its precision
            shown |= {field.attname, f"{field.attname}_precision"}
        shown.add((field.source or name).split(".")[0])
    return shown


def bundle_fields(shape: shapes.Shape) -> set[str]:
    return set(shape.bundle_keys) | set(shape.links)


def admin_fields(model: type[models.Model], request: object) -> set[str]:
    """Return the fields the admin shows for the model, on its page or inlines."""
    shown: set[str] = set()
    registered_admins = [
        admin.site.get_model_admin(each)
        for each in apps.get_models()
        if admin.site.is_registered(each)
    ]
    for registered in registered_admins:
        candidates = [registered] if registered.model is model else []
        candidates += [
            inline(registered.model, admin.site)
            for inline in registered.inlines
            if inline.model is model
        ]
        for candidate in candidates:
            for line in candidate.get_fields(request):
                shown |= set(line) if isinstance(line, list | tuple) else {line}
            shown |= set(candidate.get_readonly_fields(request))
    return shown


def missing_from(model: type[models.Model], listing: str, shown: set[str]) -> list:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in shown
        and field.attname not in shown
        and (model, field.name, listing) not in LEFT_OUT
        and not (listing == "admin" and field.primary_key)  # the page's address
    ]


@pytest.mark.parametrize(
    ("model", "serializer", "shape"), RECORDS, ids=[r[0].__name__ for r in RECORDS]
)
def test_every_field_is_listed_or_said_to_be_left_out(
    model, serializer, shape, case_worker
) -> None:
    request = RequestFactory().get("/admin/")
    request.user = case_worker
    admin_shown = admin_fields(model, request)
    assert admin_shown, f"{model.__name__} has no admin page or inline"

    missing = {
        "api": missing_from(model, "api", api_fields(serializer)),
        "bundle": missing_from(model, "bundle", bundle_fields(shape)),
        "admin": missing_from(model, "admin", admin_shown),
    }

    assert missing == {"api": [], "bundle": [], "admin": []}


def test_every_reason_names_a_field_that_exists() -> None:
    for model, name, _listing in LEFT_OUT:
        assert model._meta.get_field(name)
