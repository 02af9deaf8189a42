"""Give the roles the permissions of the login apps, which migrate after cases."""

from importlib import import_module

from django.db import migrations

roles = import_module("cases.migrations.0005_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0005_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(roles.grant_roles, migrations.RunPython.noop)]
