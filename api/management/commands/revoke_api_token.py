"""Revoke an API token by the prefix its owner sees."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Revoke the API token whose secret starts with PREFIX. A prefix that "
        "begins with '-' goes after '--': revoke_api_token -- -AbC1234."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", help="the first 8 characters of the secret")

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = list(ApiToken.objects.filter(prefix=options["prefix"]))
        if not tokens:
            raise CommandError(f"No token with prefix '{options['prefix']}'.")
        if len(tokens) > 1:
            raise CommandError(
                f"{len(tokens)} tokens share prefix '{options['prefix']}': "
                "revoke them in the admin."
            )
        tokens[0].revoke()
        self.stdout.write(f"Revoked token {tokens[0].prefix}… of {tokens[0].user}.")
