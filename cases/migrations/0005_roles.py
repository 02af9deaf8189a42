"""Create the four roles as Django groups with their permissions.

The matrix and the reasons for it are in docs/security.md. Running it again is
safe: each group's permissions are set, not added to. A later migration that
adds models or apps brings their permissions into the roles by running the
same function again:

    RunPython(import_module("cases.migrations.0005_roles").grant_roles,
              RunPython.noop)
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Administrator"
CASE_WORKER = "Case worker"
RESEARCHER = "Researcher"
API_READER = "API reader"

# The Administrator holds every permission of these apps (those installed)...
ADMINISTRATOR_APPS = {
    "auth",
    "cases",
    "sources",
    "api",
    "accounts",
    "axes",
    "otp_static",
    "otp_totp",
}
# ...and may only read these: the access log is append-only for everyone.
ADMINISTRATOR_READS = {"audit", "admin"}

# The other roles, model by model: a add, c change, d delete, v view. Who may
# view a model may view its history rows too (simple_history's models).
MODEL_PERMISSIONS = {
    CASE_WORKER: {
        "cases": {
            "case": "acv",
            "person": "acv",
            "personname": "acvd",  # a misspelt name form
            "relative": "acvd",  # a wrong person linked as a relative
            "detention": "acvd",  # an episode entered twice
            "testimony": "acv",
            "facility": "acv",
            "facilityname": "acvd",
            "team": "v",
            "duplicatecandidate": "cv",  # merge or dismiss
            "personmerge": "v",  # undone with change_person
            "step": "acvd",  # a step entered twice
            "stateclaim": "acvd",
            "submission": "acvd",
        },
        "sources": {
            "sourcearticle": "acv",
            "capture": "v",
            "citation": "acvd",  # a wrong source cited
            "feed": "acv",
            "importjob": "acv",
            "mention": "cv",  # confirm or reject
            "lead": "cv",
        },
    },
    RESEARCHER: {
        "cases": {
            "case": "v",
            "person": "v",
            "personname": "v",
            "relative": "v",
            "detention": "v",
            "facility": "v",
            "facilityname": "v",
            "step": "v",
            "stateclaim": "v",
            "submission": "v",
        },
        "sources": {"sourcearticle": "v", "capture": "v", "citation": "v"},
    },
    API_READER: {
        "cases": {
            "case": "v",
            "person": "v",
            "personname": "v",
            "detention": "v",
            "facility": "v",
            "facilityname": "v",
            "step": "v",
            "stateclaim": "v",
            "submission": "v",
        },
        "sources": {"sourcearticle": "v", "capture": "v", "citation": "v"},
    },
}
CUSTOM_PERMISSIONS = {
    CASE_WORKER: [
        "cases.view_restricted_case",
        "cases.view_team_confidential_case",
        "cases.view_sensitive_fields",
    ],
    RESEARCHER: ["cases.view_restricted_case"],
    API_READER: [],
}
ACTIONS = {"a": "add", "c": "change", "d": "delete", "v": "view"}


def grant_roles(apps, schema_editor):
    """Create or update the four groups, with exactly their permissions."""
    apply_roles(apps, using=schema_editor.connection.alias)


def apply_roles(apps, *, using="default"):
    """Do grant_roles' work with an app registry (historical, or the real one)."""
    _create_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    every = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for name, wanted in _wanted(every).items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([every[permission] for permission in wanted])


def _create_permissions(apps, using):
    # post_migrate creates permissions only after every migration has run.
    for app_config in apps.get_app_configs():
        # A historical app has no models_module, which create_permissions wants.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = models_module


def _wanted(every):
    """Return each role's permissions ("app.codename"), given all that exist."""
    wanted = {
        ADMINISTRATOR: {
            permission
            for permission in every
            if permission.split(".")[0] in ADMINISTRATOR_APPS
            or (
                permission.split(".")[0] in ADMINISTRATOR_READS
                and permission.split(".")[1].startswith("view_")
            )
        }
    }
    existing = _models_of(every)
    for role, apps_models in MODEL_PERMISSIONS.items():
        granted = set(CUSTOM_PERMISSIONS[role])
        for app_label, models in apps_models.items():
            for model, actions in models.items():
                if f"{app_label}.{model}" not in existing:
                    continue  # created by a later migration, which grants it
                granted |= {f"{app_label}.{ACTIONS[a]}_{model}" for a in actions}
                history = f"{app_label}.view_historical{model}"
                if "v" in actions and history in every:
                    granted.add(history)
        unknown = granted - set(every)
        if unknown:
            raise LookupError(f"No such permissions for {role}: {sorted(unknown)}")
        wanted[role] = granted
    return wanted


def _models_of(every):
    """Return the models ("app.model") that exist at this point of the history.

    A model a later migration creates (a step, a submission) has no permissions
    yet when this runs from its own place: that migration grants them.
    """
    return {
        f"{p.split('.')[0]}.{p.split('.')[1].removeprefix('view_')}"
        for p in every
        if p.split(".")[1].startswith("view_")
    }


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("api", "0001_initial"),
        ("audit", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cases", "0004_case_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0003_index_source_kind"),
    ]

    # Going back leaves the groups: removing them would strip users' roles.
    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
