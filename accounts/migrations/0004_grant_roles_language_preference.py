"""Bring the language preference into the roles: the Administrator holds every
permission of accounts (0005_roles of cases)."""

from importlib import import_module

from django.db import migrations

roles = import_module("cases.migrations.0005_roles")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_language_preference")]

    operations = [migrations.RunPython(roles.grant_roles, migrations.RunPython.noop)]
