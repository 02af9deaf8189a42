"""The API access matrix: every role x endpoint x action, and the sensitive fields.

The roles are the real groups. Each cell below is one test; docs/security.md
("API") gives the same matrix in words.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from api.urls import router
from cases.encryption import (
    reaches_sensitive_field,
    sensitive_fields,
)
from cases.models import Person, Relative
from tests.factories import FacilityFactory, UserFactory, user_with_role

from .api_helpers import (
    ADMINISTRATOR,
    API_READER,
    CASE_WORKER,
    CONTACT,
    HOME_ADDRESS,
    ID_NUMBER,
    RELATIVE_ADDRESS,
    RESEARCHER,
    ROLES,
    SENSITIVE_VALUES,
    TESTIMONY,
    case_with_records,
    client_for,
    standalone_records,
)

pytestmark = pytest.mark.django_db

# What each role may do on each endpoint: v view (list, retrieve, CSV export),
# a add, c change, d delete. Anything else is a 403.
EVERYTHING = "vacd"
MATRIX = {
    ADMINISTRATOR: {
        "cases": EVERYTHING,
        "persons": EVERYTHING,
        "relatives": EVERYTHING,
        "detentions": EVERYTHING,
        "facilities": EVERYTHING,
        "articles": EVERYTHING,
        "citations": EVERYTHING,
        "mentions": EVERYTHING,
        "feeds": EVERYTHING,
        "import-jobs": EVERYTHING,
    },
    CASE_WORKER: {
        "cases": "vac",
        "persons": "vac",
        "relatives": "vacd",
        "detentions": "vacd",
        "facilities": "vac",
        "articles": "vac",
        "citations": "vacd",
        "mentions": "vc",
        "feeds": "vac",
        "import-jobs": "va",
    },
    RESEARCHER: {
        "cases": "v",
        "persons": "v",
        "relatives": "v",
        "detentions": "v",
        "facilities": "v",
        "articles": "v",
        "citations": "v",
        "mentions": "",
        "feeds": "",
        "import-jobs": "",
    },
    API_READER: {
        "cases": "v",
        "persons": "v",
        "relatives": "",
        "detentions": "v",
        "facilities": "v",
        "articles": "v",
        "citations": "v",
        "mentions": "",
        "feeds": "",
        "import-jobs": "",
    },
}
# The permission letter each action needs, and the status when it is granted.
ACTIONS = {
    "list": ("v", 200),
    "retrieve": ("v", 200),
    "export": ("v", 200),
    "create": ("a", 201),
    "update": ("c", 200),
    "delete": ("d", 204),
}
# Endpoints without some actions (405 for everyone).
MISSING = {
    "mentions": {"create", "update", "delete"},
    "import-jobs": {"update", "delete"},
}
CELLS = [
    (role, endpoint, action)
    for role in ROLES
    for endpoint in MATRIX[role]
    for action in ACTIONS
    if action not in MISSING.get(endpoint, set())
]


def detail_key(endpoint: str, public, alone) -> str:
    facility = FacilityFactory()
    return {
        "cases": public.case.reference,
        "persons": alone.person.uid,
        "relatives": public.relative.pk,
        "detentions": public.detention.uid,
        "facilities": facility.uid,
        "articles": alone.article.uid,
        "citations": public.citation.pk,
        "mentions": public.mention.pk,
        "feeds": alone.feed.pk,
        "import-jobs": alone.import_job.pk,
    }[endpoint]


def new_record(endpoint: str, public, alone) -> dict:
    reference = public.case.reference
    return {
        "cases": {
            "confidentiality": "public",
            "subject": {"names": [{"text": "Invented Newperson"}]},
        },
        "persons": {"names": [{"text": "Invented Newperson"}]},
        "relatives": {
            "case": reference,
            "person": str(alone.person.uid),
            "relationship": "sister",
        },
        "detentions": {"case": reference, "kind": "camp"},
        "facilities": {"name": "Invented Camp Newly Added"},
        "articles": {"url": "https://news.example.org/new", "title": "Invented"},
        "citations": {"article": str(alone.article.uid), "case": reference},
        "feeds": {"url": "https://news.example.org/another-feed.xml"},
        # Starting a real import would fetch: a job with nothing to import is
        # refused as invalid (400), which only who may add gets to hear.
        "import-jobs": {"label": "Nothing to import"},
    }.get(endpoint, {})


CHANGES = {
    "cases": {"fate": "released"},
    "persons": {"occupation": "teacher"},
    "relatives": {"notes": "Called back"},
    "detentions": {"notes": "Transferred"},
    "facilities": {"county": "Invented county"},
    "articles": {"title": "Retitled"},
    "citations": {"note": "Checked"},
    "feeds": {"title": "Renamed"},
}


def ask(client, endpoint: str, action: str, public, alone):
    base = f"/api/v1/{endpoint}/"
    if action == "list":
        return client.get(base)
    if action == "export":
        return client.get(base, {"format": "csv"})
    if action == "create":
        return client.post(base, new_record(endpoint, public, alone), format="json")
    url = f"{base}{detail_key(endpoint, public, alone)}/"
    if action == "retrieve":
        return client.get(url)
    if action == "update":
        return client.patch(url, CHANGES.get(endpoint, {}), format="json")
    return client.delete(url)


@pytest.mark.parametrize(("role", "endpoint", "action"), CELLS)
def test_access_matrix(role: str, endpoint: str, action: str) -> None:
    public, alone = case_with_records("public"), standalone_records()
    client = client_for(user_with_role(role))
    letter, granted = ACTIONS[action]
    if endpoint == "import-jobs" and action == "create":
        granted = 400

    response = ask(client, endpoint, action, public, alone)

    allowed = letter in MATRIX[role][endpoint]
    assert response.status_code == (granted if allowed else 403), response.content


@pytest.mark.parametrize(
    ("endpoint", "action"),
    [(endpoint, action) for endpoint, missing in MISSING.items() for action in missing],
)
def test_missing_actions_are_a_405_even_for_administrators(
    endpoint: str, action: str
) -> None:
    public, alone = case_with_records("public"), standalone_records()
    client = client_for(user_with_role(ADMINISTRATOR))

    response = ask(client, endpoint, action, public, alone)

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (ADMINISTRATOR, True),
        (CASE_WORKER, True),
        (RESEARCHER, False),
        (API_READER, False),
    ],
)
@pytest.mark.parametrize("verb", ["confirm", "reject"])
def test_reviewing_mentions(role: str, allowed: bool, verb: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    response = client.post(f"/api/v1/mentions/{public.mention.pk}/{verb}/")

    assert response.status_code == (200 if allowed else 403)


BUNDLE_READERS = {ADMINISTRATOR: True, CASE_WORKER: True, RESEARCHER: True}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["one", "filtered"])
def test_exporting_bundles(role: str, which: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))
    url = "/api/v1/cases/bundle/"
    if which == "one":
        url = f"/api/v1/cases/{public.case.reference}/bundle/"

    response = client.get(url)

    # A bundle holds relatives: the API reader, who may not view them, may not.
    assert response.status_code == (200 if BUNDLE_READERS.get(role) else 403)


@pytest.mark.parametrize(
    ("role", "status"),
    [(ADMINISTRATOR, 200), (CASE_WORKER, 200), (RESEARCHER, 403), (API_READER, 403)],
)
def test_loading_bundles(role: str, status: int) -> None:
    public = case_with_records("public")
    exported = client_for(user_with_role(ADMINISTRATOR)).get(
        f"/api/v1/cases/{public.case.reference}/bundle/"
    )
    client = client_for(user_with_role(role))

    response = client.post("/api/v1/cases/bundle/", exported.json(), format="json")

    assert response.status_code == status, response.content


def test_a_read_only_token_of_an_administrator_cannot_write() -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(ADMINISTRATOR), write=False)
    url = f"/api/v1/cases/{public.case.reference}/"

    assert client.get(url).status_code == 200
    assert client.patch(url, {"fate": "released"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403


# Sensitive fields, role by role.
SEES_SENSITIVE = {ADMINISTRATOR: True, CASE_WORKER: True}


@pytest.mark.parametrize("role", ROLES)
def test_sensitive_fields_in_the_case_record(role: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    body = client.get(f"/api/v1/cases/{public.case.reference}/").json()

    text = str(body)
    if SEES_SENSITIVE.get(role):
        assert body["subject"]["id_document_number"] == ID_NUMBER
        assert body["subject"]["home_address"] == HOME_ADDRESS
        assert body["relatives"][0]["contact_details"] == CONTACT
        assert body["relatives"][0]["address"] == RELATIVE_ADDRESS
        assert body["testimonies"][0]["text"] == TESTIMONY
    else:
        assert not any(value in text for value in SENSITIVE_VALUES)
        assert "id_document_number" not in body["subject"]
        assert "home_address" not in body["subject"]
        for relative in body.get("relatives", []):
            assert {"contact_details", "address"}.isdisjoint(relative)


@pytest.mark.parametrize(
    ("role", "nested"),
    [
        (ADMINISTRATOR, {"relatives", "testimonies"}),
        (CASE_WORKER, {"relatives", "testimonies"}),
        (RESEARCHER, {"relatives"}),
        (API_READER, set()),
    ],
)
def test_the_case_record_nests_only_records_the_role_may_view(
    role: str, nested: set[str]
) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    body = client.get(f"/api/v1/cases/{public.case.reference}/").json()

    assert {"relatives", "testimonies"} & set(body) == nested


@pytest.mark.parametrize("role", ROLES)
def test_sensitive_fields_of_a_person(role: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    body = client.get(f"/api/v1/persons/{public.subject.uid}/").json()

    shown = {"id_document_number", "home_address"} & set(body)
    assert shown == (
        {"id_document_number", "home_address"} if SEES_SENSITIVE.get(role) else set()
    )


@pytest.mark.parametrize("role", [ADMINISTRATOR, CASE_WORKER, RESEARCHER])
def test_sensitive_fields_of_a_relative(role: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    body = client.get(f"/api/v1/relatives/{public.relative.pk}/").json()

    shown = {"contact_details", "address"} & set(body)
    assert shown == (
        {"contact_details", "address"} if SEES_SENSITIVE.get(role) else set()
    )


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", [ADMINISTRATOR, CASE_WORKER, RESEARCHER])
@pytest.mark.parametrize("endpoint", ["persons", "relatives"])
def test_sensitive_fields_in_csv_exports(role: str, endpoint: str) -> None:
    case_with_records("public")
    client = client_for(user_with_role(role))

    response = client.get(f"/api/v1/{endpoint}/", {"format": "csv"})

    assert response.status_code == 200
    text = response.content.decode()
    shown = [value for value in SENSITIVE_VALUES if value in text]
    assert bool(shown) == bool(SEES_SENSITIVE.get(role))
    assert read_csv(response)


@pytest.mark.parametrize("role", [ADMINISTRATOR, CASE_WORKER, RESEARCHER])
def test_sensitive_fields_in_bundles(role: str) -> None:
    public = case_with_records("public")
    client = client_for(user_with_role(role))

    bundle = client.get(f"/api/v1/cases/{public.case.reference}/bundle/").json()

    relative = bundle["cases"][0]["relatives"][0]
    assert ("contact_details" in relative) == bool(SEES_SENSITIVE.get(role))
    if not SEES_SENSITIVE.get(role):
        assert CONTACT not in str(bundle)


def test_a_sensitive_field_cannot_be_written_without_the_permission(
    make_editor,
) -> None:
    public = case_with_records("public")
    editor = make_editor()
    url = f"/api/v1/persons/{public.subject.uid}/"

    response = editor.patch(url, {"id_document_number": "X-1"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"id_document_number": ["Unknown field."]}
    public.subject.refresh_from_db()
    assert public.subject.id_document_number == ID_NUMBER


def test_a_sensitive_field_cannot_be_given_in_a_new_case_without_the_permission(
    make_editor,
) -> None:
    editor = make_editor()
    body = {
        "confidentiality": "public",
        "subject": {"names": [{"text": "Invented Newperson"}], "home_address": "x"},
    }

    response = editor.post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"subject.home_address": ["Unknown field."]}


@pytest.fixture
def make_editor():
    """Return a factory of clients who may change cases and persons, but not
    see sensitive fields (no role is like that; a custom one could be)."""

    def make():
        user = UserFactory()
        codenames = [
            f"{verb}_{model}"
            for verb in ("view", "add", "change")
            for model in ("case", "person", "personname")
        ]
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="cases", codename__in=codenames
            )
        )
        return client_for(user)

    return make


# Naming a sensitive field in a query, beside a made-up name ("shoe_size").
@pytest.mark.parametrize(
    ("endpoint", "parameter", "value", "made_up_parameter", "made_up_value"),
    [
        ("persons", "fields", "id_document_number", "fields", "shoe_size"),
        ("persons", "ordering", "id_document_number", "ordering", "shoe_size"),
        ("persons", "ordering", "-home_address", "ordering", "-shoe_size"),
        ("persons", "id_document_number", ID_NUMBER, "shoe_size", ID_NUMBER),
        ("persons", "home_address__icontains", "Street", "shoe_size", "Street"),
        ("relatives", "contact_details", CONTACT, "shoe_size", CONTACT),
        ("relatives", "ordering", "address", "ordering", "shoe_size"),
        ("cases", "testimonies__text", "night", "shoe_size", "night"),
    ],
)
def test_naming_a_sensitive_field_is_answered_as_an_unknown_one(
    endpoint: str,
    parameter: str,
    value: str,
    made_up_parameter: str,
    made_up_value: str,
) -> None:
    case_with_records("public")
    client = client_for(user_with_role(RESEARCHER))
    url = f"/api/v1/{endpoint}/"

    response = client.get(url, {parameter: value})
    made_up = client.get(url, {made_up_parameter: made_up_value})

    assert response.status_code == made_up.status_code == 400
    # Word for word what a made-up name gets: nothing says the field exists.
    errors, made_up_errors = response.json()["errors"], made_up.json()["errors"]
    assert list(errors) == [parameter]
    assert errors[parameter] == made_up_errors[made_up_parameter]
    assert not any(value in response.content.decode() for value in SENSITIVE_VALUES)


@pytest.mark.parametrize("role", [ADMINISTRATOR, CASE_WORKER])
def test_nobody_orders_by_a_sensitive_field(role: str) -> None:
    case_with_records("public")
    client = client_for(user_with_role(role))

    response = client.get("/api/v1/persons/", {"ordering": "id_document_number"})

    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


@pytest.mark.parametrize(
    "viewset", [viewset for _prefix, viewset, _name in router.registry]
)
def test_no_endpoint_orders_or_filters_on_an_encrypted_field(viewset) -> None:
    model = viewset.serializer_class.Meta.model
    paths = list(getattr(viewset, "ordering_fields", {}).values())
    filterset = getattr(viewset, "filterset_class", None)
    if filterset is not None:
        paths += [f.field_name for f in filterset.base_filters.values() if f.field_name]

    assert [path for path in paths if reaches_sensitive_field(model, path)] == []


def test_the_sensitive_fields_are_the_encrypted_ones() -> None:
    assert sensitive_fields(Person) == {"id_document_number", "home_address"}
    assert sensitive_fields(Relative) == {"contact_details", "address"}
