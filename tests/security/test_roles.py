"""The four roles: every cell of the permission matrix in docs/security.md."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython

from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

ROLES_MIGRATION = ("cases", "0005_roles")
# The last migration that runs the roles' grant again (for models added since).
LAST_GRANT = ("cases", "0016_grant_roles_steps_submissions")
MIGRATION_APPS = {"admin", "api", "audit", "auth", "cases", "sources"}
ROLES = ["Administrator", "Case worker", "Researcher", "API reader"]
ACTIONS = ["add", "change", "delete", "view"]
ALL, READ = "acdv", "v"

# docs/security.md, "Access matrix": role -> model -> a add, c change,
# d delete, v view. A model left out of a role's column is "no access".
MATRIX = {
    "Administrator": {
        **dict.fromkeys(
            [
                "cases.case",
                "cases.person",
                "cases.personname",
                "cases.personnamekey",
                "cases.relative",
                "cases.detention",
                "cases.testimony",
                "cases.facility",
                "cases.facilityname",
                "cases.team",
                "cases.duplicatecandidate",
                "cases.personmerge",
                "cases.step",
                "cases.stateclaim",
                "cases.submission",
                "sources.sourcearticle",
                "sources.capture",
                "sources.citation",
                "sources.feed",
                "sources.importjob",
                "sources.mention",
                "sources.lead",
                "sources.namesweep",
                "sources.spreadsheetimport",
                "api.apitoken",
            ],
            ALL,
        ),
        "audit.accesslogentry": READ,
    },
    "Case worker": {
        "cases.case": "acv",
        "cases.person": "acv",
        "cases.personname": "acdv",
        "cases.relative": "acdv",
        "cases.detention": "acdv",
        "cases.testimony": "acv",
        "cases.facility": "acv",
        "cases.facilityname": "acdv",
        "cases.team": READ,
        "cases.duplicatecandidate": "cv",
        "cases.personmerge": READ,
        "cases.step": "acdv",
        "cases.stateclaim": "acdv",
        "cases.submission": "acdv",
        "sources.sourcearticle": "acv",
        "sources.capture": READ,
        "sources.citation": "acdv",
        "sources.feed": "acv",
        "sources.importjob": "acv",
        "sources.mention": "cv",
        "sources.lead": "cv",
    },
    "Researcher": dict.fromkeys(
        [
            "cases.case",
            "cases.person",
            "cases.personname",
            "cases.relative",
            "cases.detention",
            "cases.facility",
            "cases.facilityname",
            "cases.step",
            "cases.stateclaim",
            "cases.submission",
            "sources.sourcearticle",
            "sources.capture",
            "sources.citation",
        ],
        READ,
    ),
    "API reader": dict.fromkeys(
        [
            "cases.case",
            "cases.person",
            "cases.personname",
            "cases.detention",
            "cases.facility",
            "cases.facilityname",
            "cases.step",
            "cases.stateclaim",
            "cases.submission",
            "sources.sourcearticle",
            "sources.capture",
            "sources.citation",
        ],
        READ,
    ),
}
CASE_PERMISSIONS = {
    "view_restricted_case": {"Administrator", "Case worker", "Researcher"},
    "view_team_confidential_case": {"Administrator", "Case worker"},
    "view_confidential_case": {"Administrator"},
    "view_sensitive_fields": {"Administrator", "Case worker"},
}
MODELS = sorted(
    model._meta.label_lower
    for app in ("cases", "sources", "api", "audit")
    for model in apps.get_app_config(app).get_models()
    if not model._meta.label_lower.split(".")[1].startswith("historical")
)


@pytest.fixture
def roles(db):
    """Return each role's permissions as "app.codename" strings."""
    for role in ROLES:
        user_with_role(role)  # makes the groups again if a flush removed them
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.filter(name__in=ROLES)
    }


def test_every_model_has_a_row_in_the_matrix():
    # A new model needs a decision in docs/security.md and in this table.
    assert {model for column in MATRIX.values() for model in column} == set(MODELS)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_role_holds_exactly_the_documented_model_permission(roles, role, model, action):
    app_label, model_name = model.split(".")
    expected = action[0] in MATRIX[role].get(model, "")

    assert (f"{app_label}.{action}_{model_name}" in roles[role]) is expected


@pytest.mark.parametrize("permission", sorted(CASE_PERMISSIONS))
@pytest.mark.parametrize("role", ROLES)
def test_role_holds_the_documented_case_permission(roles, role, permission):
    expected = role in CASE_PERMISSIONS[permission]

    assert (f"cases.{permission}" in roles[role]) is expected


@pytest.mark.parametrize("role", ROLES)
def test_history_rows_are_readable_exactly_where_their_records_are(roles, role):
    histories = Permission.objects.filter(codename__startswith="view_historical")
    for app_label, codename in histories.values_list(
        "content_type__app_label", "codename"
    ):
        record = f"{app_label}.{codename.replace('view_historical', 'view_')}"
        history = f"{app_label}.{codename}"

        assert (history in roles[role]) is (record in roles[role]), history


def test_administrator_reads_the_access_log_and_nobody_else_does(roles):
    readers = {role for role in ROLES if "audit.view_accesslogentry" in roles[role]}

    assert readers == {"Administrator"}
    assert not any(
        p.startswith("audit.") and not p.startswith("audit.view_")
        for role in ROLES
        for p in roles[role]
    )


def test_administrator_manages_users_and_roles(roles):
    assert {
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.change_group",
    } <= roles["Administrator"]
    assert not any(p.startswith("auth.") for role in ROLES[1:] for p in roles[role])


def test_api_reader_is_not_staff_and_researcher_is():
    assert not user_with_role("API reader").is_staff
    assert user_with_role("Researcher").is_staff


def migration_state_apps():
    """Return the app registry as the roles migration sees it (historical models)."""
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(LAST_GRANT, at_end=False).apps


def test_migration_builds_the_same_roles_from_the_historical_models(roles):
    Group.objects.filter(name__in=ROLES).delete()

    import_module("cases.migrations.0005_roles").apply_roles(migration_state_apps())

    rebuilt = {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.filter(name__in=ROLES)
    }
    # Apps the migration does not depend on (login protection) may not be
    # migrated yet when it runs: compare the apps it depends on.
    for role in ROLES:
        assert of_apps(rebuilt[role], MIGRATION_APPS) == of_apps(
            roles[role], MIGRATION_APPS
        )


def of_apps(permissions: set[str], app_labels: set[str]) -> set[str]:
    return {p for p in permissions if p.split(".")[0] in app_labels}


def test_running_the_migration_again_resets_a_role_edited_by_hand(roles):
    researcher = Group.objects.get(name="Researcher")
    researcher.permissions.add(Permission.objects.get(codename="view_sensitive_fields"))

    import_module("cases.migrations.0005_roles").apply_roles(apps)
    import_module("cases.migrations.0005_roles").apply_roles(apps)

    assert Group.objects.filter(name="Researcher").count() == 1
    assert not researcher.permissions.filter(codename="view_sensitive_fields").exists()


def test_the_migration_is_applied_and_can_be_reversed():
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration(*ROLES_MIGRATION)

    assert ROLES_MIGRATION in executor.loader.applied_migrations
    assert all(operation.reversible for operation in migration.operations)


def test_roles_are_granted_again_after_the_login_apps_migrate():
    # post_migrate alone would leave the Administrator without the permissions
    # of apps whose migrations run after cases' roles migration.
    loader = MigrationExecutor(connection).loader
    graph = loader.graph
    # The last migration of accounts grants the roles again.
    [regrant] = [node for node in graph.leaf_nodes() if node[0] == "accounts"]
    assert "grant_roles" in regrant[1]
    assert all(
        isinstance(operation, RunPython)
        for operation in loader.get_migration(*regrant).operations
    )
    before = graph.forwards_plan(regrant)

    for app in ("axes", "otp_totp", "accounts"):
        leaves = [node for node in graph.leaf_nodes() if node[0] == app]
        assert leaves and all(leaf in before for leaf in leaves if leaf != regrant), app
