"""Create an API token for a user and print its secret, once."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME and print its secret (shown only once). "
        "A username that begins with '-' goes after '--': create_api_token -- -name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument(
            "--expires-in-days", type=int, default=None, help="expire after D days"
        )
        parser.add_argument(
            "--write",
            action="store_true",
            help="allow changes too (default: read-only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["expires_in_days"]
        if days is not None and days < 1:
            raise CommandError("--expires-in-days must be 1 or more.")
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user with username '{options['username']}'.")
        token, secret = ApiToken.objects.issue(
            user=user,
            name=options["name"][:100],
            expires_in_days=days,
            read_only=not options["write"],
        )
        scope = "read-only" if token.read_only else "read and write"
        self.stderr.write(
            f"Created {scope} token {token.prefix}… for {user.get_username()}. "
            "Copy the secret now: it is not stored and cannot be shown again."
        )
        self.stdout.write(secret)
