"""Sensitive fields are Fernet tokens in the database, history rows included."""

import importlib

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases import models as cases_models
from cases.encryption import EncryptedTextField, check_keys, fernet
from cases.models import Case, Person, Relative
from sources.bundles import export_bundle
from tests.factories import (
    CaseFactory,
    NamedPersonFactory,
    RelativeFactory,
    TestimonyFactory,
)

# Invented values, each easy to find in a raw row if it leaked.
SECRETS = {
    Person: {
        "id_document_number": "INVENTED-ID-650101300123",
        "home_address": "Invented Street 12, flat 3, Almaty",
    },
    Relative: {
        "contact_details": "+7 700 000 0000 (invented)",
        "address": "Invented Avenue 7, Istanbul",
    },
    cases_models.Testimony: {
        "text": "Invented: they took my brother at night, April 2018."
    },
}
UPDATES = {
    Person: {"id_document_number": "INVENTED-ID-NEW-777", "home_address": "Invented 9"},
    Relative: {"contact_details": "invented@example.org", "address": "Invented 8"},
    cases_models.Testimony: {"text": "Invented: the second telling, with more detail."},
}
FACTORIES = {
    Person: NamedPersonFactory,
    Relative: RelativeFactory,
    cases_models.Testimony: TestimonyFactory,
}
TEXTS = [
    "Байболат Күнболатұлы, Алматы, Абай даңғылы 10",
    "رەھىلە داۋۇت، ئۈرۈمچى",
    "热依拉·达吾提，乌鲁木齐",
    "x" * 10_000,
    "Ә" * 10_000,
]
OTHER_KEY = Fernet.generate_key().decode()

pytestmark = pytest.mark.django_db


def raw_rows(model: type) -> list[tuple]:
    """Return every row of the model's table and of its history table, as stored."""
    rows = []
    for table in (model._meta.db_table, model.history.model._meta.db_table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += cursor.fetchall()
    return rows


def raw_value(obj: object, column: str) -> str:
    quote = connection.ops.quote_name
    meta = obj._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)} FROM {quote(meta.db_table)} "  # noqa: S608
            f"WHERE {quote(meta.pk.column)} = %s",
            [obj.pk],
        )
        return cursor.fetchone()[0]


def assert_nowhere(values: object, model: type) -> None:
    stored = repr(raw_rows(model))
    for value in values:
        assert value not in stored


@pytest.mark.parametrize("model", list(SECRETS), ids=lambda m: m.__name__)
def test_raw_rows_hold_no_plaintext_after_create_and_update(model):
    obj = FACTORIES[model](**SECRETS[model])
    assert_nowhere(SECRETS[model].values(), model)

    for name, value in UPDATES[model].items():
        setattr(obj, name, value)
    obj.save()

    assert obj.history.count() == 2
    assert_nowhere([*SECRETS[model].values(), *UPDATES[model].values()], model)


@pytest.mark.parametrize("model", list(SECRETS), ids=lambda m: m.__name__)
def test_history_rows_keep_the_fields_encrypted_and_readable(model):
    obj = FACTORIES[model](**SECRETS[model])
    for name, value in UPDATES[model].items():
        setattr(obj, name, value)
    obj.save()

    historical = model.history.model
    oldest, newest = obj.history.order_by("history_id")
    for name in SECRETS[model]:
        assert isinstance(historical._meta.get_field(name), EncryptedTextField)
        assert getattr(oldest, name) == SECRETS[model][name]
        assert getattr(newest, name) == UPDATES[model][name]
        assert raw_value(oldest, name).startswith("gAAAAA")


@pytest.mark.parametrize(
    "text", TEXTS, ids=["cyrillic", "arabic", "chinese", "long", "long-kazakh"]
)
def test_values_in_any_script_round_trip(text):
    relative = RelativeFactory(contact_details=text, address=text)
    testimony = TestimonyFactory(text=text)

    relative.refresh_from_db()
    testimony.refresh_from_db()

    assert relative.contact_details == relative.address == testimony.text == text
    assert text[:20] not in repr(raw_rows(Relative)) + repr(
        raw_rows(cases_models.Testimony)
    )


@hypothesis_settings(max_examples=200)
@given(st.text(min_size=1))
def test_any_text_round_trips_through_the_field(text):
    field = Relative._meta.get_field("contact_details")

    token = field.get_prep_value(text)

    assert token != text
    assert field.from_db_value(token, None, connection) == text


def test_two_encryptions_of_the_same_text_differ():
    first = RelativeFactory(contact_details="+7 700 000 0000 (invented)")
    second = RelativeFactory(contact_details="+7 700 000 0000 (invented)")

    assert raw_value(first, "contact_details") != raw_value(second, "contact_details")


def test_empty_values_stay_empty():
    person = NamedPersonFactory()
    relative = RelativeFactory(person=person)

    assert raw_value(person, "id_document_number") == ""
    assert raw_value(person, "home_address") == ""
    assert raw_value(relative, "contact_details") == ""
    relative.refresh_from_db()
    assert relative.contact_details == ""


@pytest.mark.parametrize(
    "stored",
    [
        "plaintext that leaked in (invented)",
        "Байболат (invented)",
        "gAAAAA-not-really-a-token",
        "tampered",  # replaced below by a real token with one character changed
    ],
)
def test_undecryptable_value_raises_a_clear_error_without_the_value(stored):
    relative = RelativeFactory(contact_details="+7 700 000 0000 (invented)")
    if stored == "tampered":
        token = raw_value(relative, "contact_details")
        flipped = "A" if token[50] != "A" else "B"
        stored = token[:50] + flipped + token[51:]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_relative SET contact_details = %s WHERE id = %s",
            [stored, relative.pk],
        )

    with pytest.raises(ImproperlyConfigured) as error:
        Relative.objects.get(pk=relative.pk)

    message = str(error.value)
    assert "Relative.contact_details" in message
    assert "FIELD_ENCRYPTION_KEYS" in message
    assert stored not in message
    assert "+7 700" not in message
    assert error.value.__cause__ is None
    assert error.value.__suppress_context__


def test_values_need_the_key_that_encrypted_them(settings):
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    relative = RelativeFactory(contact_details="+7 700 000 0000 (invented)")

    settings.FIELD_ENCRYPTION_KEYS = [OTHER_KEY]
    with pytest.raises(ImproperlyConfigured, match=r"Relative\.contact_details"):
        Relative.objects.get(pk=relative.pk)

    # An old key kept after the new one still decrypts.
    settings.FIELD_ENCRYPTION_KEYS = [OTHER_KEY, *old_keys]
    assert Relative.objects.get(pk=relative.pk).contact_details.startswith("+7 700")


@pytest.mark.parametrize(
    "lookup",
    [
        {"contact_details": "+7 700 000 0000 (invented)"},
        {"contact_details__icontains": "+7 700"},
        {"contact_details__startswith": "+7"},
        {"contact_details__in": ["+7 700 000 0000 (invented)"]},
    ],
    ids=["exact", "icontains", "startswith", "in"],
)
def test_filtering_on_an_encrypted_value_is_refused(lookup):
    RelativeFactory(contact_details="+7 700 000 0000 (invented)")

    with pytest.raises(FieldError) as error:
        list(Relative.objects.filter(**lookup))

    assert "+7 700" not in str(error.value)


def test_whether_anything_is_recorded_can_be_asked():
    with_contact = RelativeFactory(contact_details="+7 700 000 0000 (invented)")
    RelativeFactory()

    assert list(Relative.objects.exclude(contact_details="")) == [with_contact]
    assert Relative.objects.filter(contact_details="").count() == 1
    assert not Relative.objects.filter(contact_details__isnull=True).exists()


@pytest.mark.parametrize("keys", [[], ["not-a-key"], [OTHER_KEY, "short"]])
def test_system_check_refuses_bad_keys_without_quoting_them(settings, keys):
    settings.FIELD_ENCRYPTION_KEYS = keys

    errors = check_keys()

    assert [error.id for error in errors] == ["cases.E001"]
    assert all(key not in errors[0].msg for key in keys)


def test_system_check_accepts_the_configured_keys():
    assert check_keys() == []


def test_encrypting_with_bad_keys_names_the_setting(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]

    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        RelativeFactory(contact_details="+7 700 000 0000 (invented)")


def test_bundles_leave_out_id_numbers_addresses_and_testimonies():
    case = CaseFactory(subject=NamedPersonFactory(**SECRETS[Person]))
    RelativeFactory(case=case, address=SECRETS[Relative]["address"])
    TestimonyFactory(case=case, text=SECRETS[cases_models.Testimony]["text"])

    bundle = repr(export_bundle(cases=Case.objects.all()))

    assert case.reference in bundle
    for value in [*SECRETS[Person].values(), *SECRETS[cases_models.Testimony].values()]:
        assert value not in bundle
    assert SECRETS[Relative]["address"] not in bundle


@pytest.mark.django_db(transaction=True)
def test_migration_0003_encrypts_contact_details_written_in_plain_text():
    migration = importlib.import_module(
        "cases.migrations.0003_teams_testimonies_encrypted_fields"
    )
    state = MigrationExecutor(connection).loader.project_state(
        ("cases", "0003_teams_testimonies_encrypted_fields"), at_end=True
    )
    written = RelativeFactory()
    empty = RelativeFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_relative SET contact_details = %s WHERE id = %s",
            ["+7 700 000 0000 (invented)", written.pk],
        )

    with connection.schema_editor() as schema_editor:
        migration.encrypt_contact_details(state.apps, schema_editor)

    token = raw_value(written, "contact_details")
    assert token.startswith("gAAAAA")
    assert fernet().decrypt(token).decode() == "+7 700 000 0000 (invented)"
    assert Relative.objects.get(pk=written.pk).contact_details.startswith("+7 700")
    assert raw_value(empty, "contact_details") == ""
