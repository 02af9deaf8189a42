"""The access log: what goes in, what never does, and that nobody can change it."""

import pytest
from django.core.checks import run_checks
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client

from audit.logging import record_access
from audit.models import AccessAction, AccessLogEntry, AppendOnlyError, Channel
from cases.models import Case, Team
from tests.factories import UserFactory, user_with_role

from .api_helpers import (
    ADMINISTRATOR,
    CASE_WORKER,
    RESEARCHER,
    SENSITIVE_VALUES,
    case_with_records,
    client_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry() -> AccessLogEntry:
    case = case_with_records("confidential").case
    return AccessLogEntry.objects.create(
        user=UserFactory(),
        username="worker",
        action=AccessAction.VIEWED,
        object_type="cases.case",
        object_ref=case.reference,
        case_reference=case.reference,
        channel=Channel.API,
        client_address="203.0.113.7",
    )


# Append-only, in Python...
def test_saving_an_entry_again_is_refused(entry: AccessLogEntry) -> None:
    entry.username = "someone else"

    with pytest.raises(AppendOnlyError):
        entry.save()


def test_deleting_an_entry_is_refused(entry: AccessLogEntry) -> None:
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.parametrize(
    "change",
    [
        lambda entries: entries.update(username="someone else"),
        lambda entries: entries.filter(action="viewed").update(action="denied"),
        lambda entries: entries.delete(),
        lambda entries: entries.filter(pk__gt=0).delete(),
        lambda entries: entries.bulk_update(list(entries), ["username"]),
    ],
)
def test_queryset_changes_are_refused(entry: AccessLogEntry, change) -> None:
    with pytest.raises(AppendOnlyError):
        change(AccessLogEntry.objects.all())

    entry.refresh_from_db()
    assert entry.username == "worker"


# ...and in the database, whatever the code does.
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_accesslogentry SET username = 'someone else'",
        "UPDATE audit_accesslogentry SET case_reference = ''",
        "DELETE FROM audit_accesslogentry",
    ],
)
def test_the_database_refuses_to_change_entries(
    entry: AccessLogEntry, statement: str
) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert AccessLogEntry.objects.filter(pk=entry.pk, username="worker").exists()


def test_a_user_with_entries_cannot_be_deleted(entry: AccessLogEntry) -> None:
    with pytest.raises(ProtectedError):
        entry.user.delete()


# In the admin: administrators read it; nobody adds, changes or deletes.
@pytest.fixture
def staff_client():
    def make(role: str | None = None, **fields: object) -> Client:
        user = (
            user_with_role(role, is_staff=True, **fields)
            if role
            else UserFactory(is_staff=True, **fields)
        )
        client = Client()
        client.force_login(user)
        return client

    return make


def test_administrators_read_the_log_in_the_admin(entry, staff_client) -> None:
    client = staff_client(ADMINISTRATOR)

    listing = client.get("/admin/audit/accesslogentry/")
    page = client.get(f"/admin/audit/accesslogentry/{entry.pk}/change/")

    assert listing.status_code == 200
    assert entry.case_reference in listing.content.decode()
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    for term in (entry.case_reference, "worker", "203.0.113"):
        found = client.get("/admin/audit/accesslogentry/", {"q": term})
        assert found.status_code == 200
        assert entry.case_reference in found.content.decode()


@pytest.mark.parametrize("role", [CASE_WORKER, RESEARCHER])
def test_other_roles_cannot_read_the_log(entry, staff_client, role: str) -> None:
    client = staff_client(role)

    assert client.get("/admin/audit/accesslogentry/").status_code == 403
    assert (
        client.get(f"/admin/audit/accesslogentry/{entry.pk}/change/").status_code == 403
    )


@pytest.mark.parametrize("who", ["superuser", ADMINISTRATOR])
def test_nobody_adds_changes_or_deletes_entries_in_the_admin(
    entry: AccessLogEntry, staff_client, who: str
) -> None:
    client = (
        staff_client(is_superuser=True)
        if who == "superuser"
        else staff_client(ADMINISTRATOR)
    )
    base = "/admin/audit/accesslogentry/"
    change = f"{base}{entry.pk}/change/"
    delete = f"{base}{entry.pk}/delete/"

    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"username": "x"}).status_code == 403
    assert client.post(change, {"username": "someone else"}).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    listing = client.get(base)
    assert b"delete_selected" not in listing.content
    client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert AccessLogEntry.objects.filter(pk=entry.pk, username="worker").exists()


# What goes in.
def test_a_view_of_a_confidential_case_in_the_api_is_logged_without_any_value(
    staff_client,
) -> None:
    team = Team.objects.create(name="Almaty office")
    worker = user_with_role(CASE_WORKER, username="insider")
    team.members.add(worker)
    records = case_with_records("confidential", team=team)
    names = [records.subject.display_name, records.relative.person.display_name]

    response = client_for(worker).get(
        f"/api/v1/cases/{records.case.reference}/", REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.user == worker
    assert entry.username == "insider"
    assert entry.action == AccessAction.VIEWED
    assert (entry.object_type, entry.object_ref) == (
        "cases.case",
        records.case.reference,
    )
    assert entry.case_reference == records.case.reference
    assert entry.channel == Channel.API
    assert entry.client_address == "203.0.113.7"
    stored = " ".join(str(getattr(entry, f.attname)) for f in entry._meta.fields)
    assert not any(value in stored for value in [*SENSITIVE_VALUES, *names])


def test_a_view_of_a_case_that_is_not_confidential_is_not_logged() -> None:
    records = case_with_records("restricted")

    client_for(user_with_role(RESEARCHER)).get(
        f"/api/v1/cases/{records.case.reference}/"
    )

    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/relatives/{relative}/",
        "/detentions/{detention}/",
        "/citations/{citation}/",
        "/persons/{subject}/",
        "/mentions/{mention}/",
    ],
)
def test_a_view_of_a_record_of_a_confidential_case_is_logged(path: str) -> None:
    records = case_with_records("confidential")
    url = "/api/v1" + path.format(
        relative=records.relative.pk,
        detention=records.detention.uid,
        citation=records.citation.pk,
        subject=records.subject.uid,
        mention=records.mention.pk,
    )

    response = client_for(user_with_role(ADMINISTRATOR)).get(url)

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessAction.VIEWED
    assert entry.case_reference == records.case.reference


def test_every_export_is_logged_with_its_size_and_no_query() -> None:
    name = "Zhanargul Inventedkyzy"
    public = case_with_records("public", subject_name=name)
    confidential = case_with_records("confidential")
    client = client_for(user_with_role(ADMINISTRATOR, username="exporter"))

    client.get("/api/v1/cases/", {"format": "csv", "q": name})
    client.get("/api/v1/persons/", {"format": "csv"})
    client.get(f"/api/v1/cases/{public.case.reference}/bundle/")
    client.get("/api/v1/cases/bundle/")

    exports = AccessLogEntry.objects.filter(action=AccessAction.EXPORTED)
    assert {(e.object_type, e.object_ref, e.rows) for e in exports if e.rows} == {
        ("cases.case", "", 1),  # the search found the public case only
        ("cases.person", "", 4),  # two persons in each case
        ("cases.case", public.case.reference, 1),
        ("cases.case", "", 2),
    }
    # Once more for each confidential case an export held.
    assert sorted(e.case_reference for e in exports if e.case_reference) == [
        confidential.case.reference,
        confidential.case.reference,
    ]
    assert not any(name in str(vars(entry)) for entry in exports)
    assert {e.username for e in exports} == {"exporter"}


def test_a_refusal_is_logged_though_the_request_is_rolled_back(settings) -> None:
    records = case_with_records("confidential")
    client = client_for(user_with_role(RESEARCHER))
    url = f"/api/v1/cases/{records.case.reference}/"

    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(action=AccessAction.DENIED).count() == 1

    # Without the middleware the entry is written inside the request's
    # transaction, which the 404 rolls back: why the system check exists.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "audit.middleware.AccessLogMiddleware"
    ]
    client = client_for(client.user)  # a new client loads the middleware anew
    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(action=AccessAction.DENIED).count() == 1


def test_a_system_check_requires_the_middleware(settings) -> None:
    assert "audit.E001" not in {message.id for message in run_checks()}

    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "audit.middleware.AccessLogMiddleware"
    ]

    assert "audit.E001" in {message.id for message in run_checks()}


def test_the_client_address_ignores_forwarding_headers_without_a_proxy() -> None:
    records = case_with_records("confidential")

    client_for(user_with_role(ADMINISTRATOR)).get(
        f"/api/v1/cases/{records.case.reference}/",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )

    assert AccessLogEntry.objects.get().client_address == "203.0.113.7"


def test_outside_a_request_an_entry_is_written_at_once(rf) -> None:
    request = rf.get("/")
    request.user = UserFactory(username="script")

    entry = record_access(
        request=request, action=AccessAction.EXPORTED, target=Case, channel="api"
    )

    assert AccessLogEntry.objects.get() == entry
    assert (entry.username, entry.object_type, entry.object_ref) == (
        "script",
        "cases.case",
        "",
    )


# The admin of cases, through audit.admin.AccessLoggedAdminMixin.
@pytest.fixture
def team_case(staff_client):
    team = Team.objects.create(name="Almaty office")
    insider = user_with_role(CASE_WORKER, username="insider", is_staff=True)
    team.members.add(insider)
    return case_with_records("confidential", team=team).case


@pytest.mark.parametrize(
    ("page", "action"),
    [
        ("change/", AccessAction.VIEWED),
        ("history/", AccessAction.HISTORY),
        ("history/{version}/", AccessAction.HISTORY),
    ],
)
def test_admin_pages_of_a_confidential_case_are_logged(
    team_case: Case, staff_client, page: str, action: str
) -> None:
    client = staff_client(CASE_WORKER, username="insider")
    version = team_case.history.latest().history_id
    url = f"/admin/cases/case/{team_case.pk}/" + page.format(version=version)

    response = client.get(url)

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.channel) == (action, Channel.ADMIN)
    assert entry.case_reference == team_case.reference
    assert entry.username == "insider"


@pytest.mark.parametrize(
    "page", ["change/", "history/", "history/{version}/", "delete/"]
)
def test_admin_pages_of_a_hidden_case_are_a_404_and_logged(
    team_case: Case, staff_client, page: str
) -> None:
    client = staff_client(CASE_WORKER, username="outsider")
    version = team_case.history.latest().history_id
    hidden = f"/admin/cases/case/{team_case.pk}/" + page.format(version=version)
    missing = "/admin/cases/case/999999/" + page.format(version=version)

    response = client.get(hidden)
    expected = client.get(missing)

    assert response.status_code == expected.status_code == 404
    assert response.content == expected.content
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.channel) == (AccessAction.DENIED, Channel.ADMIN)
    assert entry.case_reference == team_case.reference
    assert entry.username == "outsider"
