"""`manage.py rotate_keys`: re-encrypt every sensitive value with the first key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from cases.key_rotation import _batches, _rotate_batch, encrypted_tables, rotate_keys
from cases.models import Person, Relative
from tests.factories import NamedPersonFactory, RelativeFactory, TestimonyFactory

NEW_KEY = Fernet.generate_key().decode()

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Create one of each sensitive record, each changed once (two history rows)."""
    person = NamedPersonFactory(
        id_document_number="INVENTED-ID-650101300123",
        home_address="Invented Street 12, Almaty",
    )
    relative = RelativeFactory(
        person=person, contact_details="+7 700 000 0000 (invented)", address="Inv. 7"
    )
    testimony = TestimonyFactory(text="Invented: they took him at night.")
    for obj, name in [
        (person, "home_address"),
        (relative, "address"),
        (testimony, "text"),
    ]:
        setattr(obj, name, getattr(obj, name) + " (changed)")
        obj.save()
    return person, relative, testimony


def stored_tokens() -> dict[tuple[str, str, object], str]:
    """Return every non-empty encrypted value as stored, by (table, column, pk)."""
    tokens = {}
    quote = connection.ops.quote_name
    for table in encrypted_tables():
        for column in table.columns:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(table.pk)}, {quote(column)} "  # noqa: S608
                    f"FROM {quote(table.name)} WHERE {quote(column)} <> ''"
                )
                for pk, token in cursor.fetchall():
                    tokens[table.name, column, pk] = token
    return tokens


def history_counts() -> dict[str, int]:
    return {table.name: _count(table.name) for table in encrypted_tables()}


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def decrypts(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def test_walks_every_table_with_encrypted_fields_including_history():
    tables = {table.name: set(table.columns) for table in encrypted_tables()}

    assert tables == {
        "cases_person": {"id_document_number", "home_address"},
        "cases_historicalperson": {"id_document_number", "home_address"},
        "cases_relative": {"contact_details", "address"},
        "cases_historicalrelative": {"contact_details", "address"},
        "cases_testimony": {"text"},
        "cases_historicaltestimony": {"text"},
    }


def test_reencrypts_every_value_with_the_new_first_key(records, settings, capsys):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    before = stored_tokens()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, old_key]

    call_command("rotate_keys")

    after = stored_tokens()
    assert after.keys() == before.keys()
    assert len(after) == 15  # 5 values, each also in 2 history rows
    for token in after.values():
        assert decrypts(NEW_KEY, token)
        assert not decrypts(old_key, token)
    assert capsys.readouterr().out == (
        "Re-encrypted 15 values in 6 of 6 tables with encrypted fields.\n"
    )


def test_values_read_the_same_after_rotation(records, settings):
    person, relative, testimony = records
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *settings.FIELD_ENCRYPTION_KEYS]

    rotate_keys()

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key can go now
    person_after = Person.objects.get(pk=person.pk)
    assert person_after.id_document_number == "INVENTED-ID-650101300123"
    assert person_after.home_address == "Invented Street 12, Almaty (changed)"
    relative_after = Relative.objects.get(pk=relative.pk)
    assert relative_after.contact_details == "+7 700 000 0000 (invented)"
    assert testimony.history.earliest().text == "Invented: they took him at night."
    assert person.history.earliest().home_address == "Invented Street 12, Almaty"


def test_second_run_changes_nothing(records, settings):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *settings.FIELD_ENCRYPTION_KEYS]
    first = rotate_keys()
    rotated = stored_tokens()

    second = rotate_keys()

    assert first.values == len(rotated)
    assert (second.values, second.tables, second.tables_checked) == (0, 0, 6)
    assert stored_tokens() == rotated


def test_with_one_key_there_is_nothing_to_do(records):
    before = stored_tokens()

    assert rotate_keys().values == 0
    assert stored_tokens() == before


def test_leaves_updated_at_and_history_untouched(records, settings):
    person = records[0]
    updated_at = Person.objects.get(pk=person.pk).updated_at
    counts = history_counts()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *settings.FIELD_ENCRYPTION_KEYS]

    rotate_keys()

    assert Person.objects.get(pk=person.pk).updated_at == updated_at
    assert history_counts() == counts


def test_small_batches_reach_every_row(records, settings):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *settings.FIELD_ENCRYPTION_KEYS]

    call_command("rotate_keys", "--batch-size", "1", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert all(decrypts(NEW_KEY, token) for token in stored_tokens().values())


def test_never_overwrites_a_value_changed_during_the_rotation(records, settings):
    relative = records[1]
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *settings.FIELD_ENCRYPTION_KEYS]
    table = next(t for t in encrypted_tables() if t.name == "cases_relative")
    rows = next(_batches(table, 100))
    # A case worker saves a new value after the batch was read.
    relative.contact_details = "+7 701 000 0000 (invented, new)"
    relative.save()

    _rotate_batch(table, rows)

    relative.refresh_from_db()
    assert relative.contact_details == "+7 701 000 0000 (invented, new)"


@pytest.mark.parametrize("keys", [[], ["not-a-key"]], ids=["missing", "invalid"])
def test_bad_keys_exit_2_with_a_message(settings, keys):
    settings.FIELD_ENCRYPTION_KEYS = keys

    with pytest.raises(CommandError, match="FIELD_ENCRYPTION_KEYS") as error:
        call_command("rotate_keys")

    assert error.value.returncode == 2


def test_a_value_no_key_decrypts_exits_2_naming_the_row_not_the_value(records):
    relative = records[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_relative SET address = %s WHERE id = %s",
            ["Invented plaintext address", relative.pk],
        )

    with pytest.raises(CommandError) as error:
        call_command("rotate_keys")

    assert error.value.returncode == 2
    assert f"cases_relative.address of row {relative.pk}" in str(error.value)
    assert "Invented plaintext" not in str(error.value)


def test_batch_size_below_one_exits_2():
    with pytest.raises(CommandError, match="batch-size") as error:
        call_command("rotate_keys", "--batch-size", "0")

    assert error.value.returncode == 2


def test_command_line_exits_2_on_an_invalid_key():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "true",
        "READ_DOT_ENV": "false",
        "FIELD_ENCRYPTION_KEYS": "not-a-key",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "rotate_keys"],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key" in (
        result.stderr
    )
    assert "not-a-key" not in result.stderr
