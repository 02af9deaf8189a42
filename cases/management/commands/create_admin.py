"""Create the first administrator account, once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Create an administrator account unless one exists. The password comes from "
        "DJANGO_SUPERUSER_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--username",
            default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin"),
            help="Username of the account (default: admin).",
        )

    def handle(self, *args: object, username: str, **options: object) -> None:
        users = get_user_model().objects
        existing = users.filter(is_superuser=True).first()
        if existing is not None:
            self.stdout.write(f"An administrator account exists: {existing.username}")
            return
        given = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        # A generated password is shown only now: it is stored hashed.
        password = given or secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        if given:
            self.stdout.write(f"Created administrator {username} (password from env).")
        else:
            self.stdout.write(
                f"Created administrator {username} with password: {password}\n"
                "Write it down: it will not be shown again."
            )
