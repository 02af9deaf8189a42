"""Bring steps, state claims and submissions into the roles (0005_roles' matrix)."""

from importlib import import_module

from django.db import migrations

roles = import_module("cases.migrations.0005_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_grant_roles"),
        ("cases", "0015_remove_case_state_claim"),
        ("sources", "0009_citation_steps_state_claims"),
    ]

    operations = [migrations.RunPython(roles.grant_roles, migrations.RunPython.noop)]
