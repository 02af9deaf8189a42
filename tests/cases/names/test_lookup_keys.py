"""Candidate lookup meets the spellings the name matcher calls the same."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.candidates import find_candidates, find_candidates_many
from cases.models import FacilityName, PersonName, PersonNameKey
from cases.names import search_key, sorted_letters
from cases.names.keys import name_keys
from tests.factories import FacilityNameFactory, person_named

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Бақыт Серікұлы", "Bakhyt Serikuly"),
        ("Bakhyt Serikuly", "Бақыт Серікұлы"),
        ("Бақыт Серікұлы", "Бахыт Сериков"),
    ],
)
def test_finds_kazakh_q_spelled_kh_by_its_keys(stored, query):
    person = person_named(stored)
    person_named("Bolat Serikuly")

    (candidate,) = find_candidates(text=query)
    # The keys meet: the lookup without the per-part fallback finds it too.
    (same,) = find_candidates_many(texts=[query])[query]

    assert candidate.name_form.person_id == same.name_form.person_id == person.pk
    assert candidate.match.same


@pytest.mark.django_db(transaction=True)
def test_migration_0007_rewrites_keys_written_by_the_old_rules():
    migration = importlib.import_module(
        "cases.migrations.0007_rekey_names_spelled_with_kh"
    )
    state = MigrationExecutor(connection).loader.project_state(
        ("cases", "0007_rekey_names_spelled_with_kh"), at_end=True
    )
    person = person_named("Bakhyt Serikuly")
    form = person.names.get()
    # The rules before: no code with h read as k.
    PersonNameKey.objects.filter(name=form, key__contains="pk").delete()
    assert not find_candidates_many(texts=["Бақыт Серікұлы"])["Бақыт Серікұлы"]

    with connection.schema_editor() as schema_editor:
        migration.rewrite_keys(state.apps, schema_editor)

    stored = set(PersonNameKey.objects.filter(name=form).values_list("key", flat=True))
    assert stored == set(name_keys("Bakhyt Serikuly"))
    (found,) = find_candidates_many(texts=["Бақыт Серікұлы"])["Бақыт Серікұлы"]
    assert found.name_form.person_id == person.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("stored", "old_key", "query"),
    [
        ("Pyotr Invented Testov", "piotr invented testov", "Petr Invented Testov"),
        ("Abdul Rahim Testov", "abdul rahim testov", "Abdurehim Testov"),
        ("Abd al-Rahim Testov", "abd al rahim testov", "Abdurehim Testov"),
    ],
)
def test_migration_0010_rewrites_the_keys_of_names_folded_anew(stored, old_key, query):
    migration = importlib.import_module("cases.migrations.0010_rekey_names_folded_anew")
    state = MigrationExecutor(connection).loader.project_state(
        ("cases", "0010_rekey_names_folded_anew"), at_end=True
    )
    person = person_named(stored)
    facility = FacilityNameFactory(text="Invented Fyodorov Camp")
    # The keys as the rules before wrote them.
    PersonName.objects.filter(person=person).update(search_key=old_key, letters="")
    FacilityName.objects.filter(pk=facility.pk).update(
        search_key="invented fiodorov kamp"
    )
    PersonNameKey.objects.filter(person=person).delete()
    assert not find_candidates_many(texts=[query])[query]

    with connection.schema_editor() as schema_editor:
        migration.rewrite_keys(state.apps, schema_editor)

    form = PersonName.objects.get(person=person)
    assert form.search_key == search_key(stored)
    assert form.letters == sorted_letters(stored)
    assert FacilityName.objects.get(pk=facility.pk).search_key == search_key(
        "Invented Fedorov Camp"
    )
    stored_keys = set(
        PersonNameKey.objects.filter(name=form).values_list("key", flat=True)
    )
    assert stored_keys == set(name_keys(stored))
    (found,) = find_candidates_many(texts=[query])[query]
    assert found.name_form.person_id == person.pk
