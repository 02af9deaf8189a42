"""exact_candidates(): the persons a text spells letter for letter, by index."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from cases.candidates import exact_candidates, lookup_candidates
from cases.models import PersonName
from cases.names import sorted_letters
from tests.factories import person_named

pytestmark = pytest.mark.django_db


def _persons(found: dict, text: str) -> list[int]:
    return [candidate.name_form.person_id for candidate in found[text]]


def test_finds_every_namesake_spelled_exactly_in_one_query():
    first = person_named("Aidos Invented Kunbolatuly", "Айдос Күнболатұлы")
    second = person_named("Aidos Invented Kunbolatuly")
    person_named("Aidos Invented Kunbolatov")

    with CaptureQueriesContext(connection) as queries:
        found, forms = exact_candidates(texts=["Aidos Invented Kunbolatuly"])

    assert len(queries) == 1
    assert _persons(found, "Aidos Invented Kunbolatuly") == [first.pk, second.pk]
    assert {c.match.score for c in found["Aidos Invented Kunbolatuly"]} == {1.0}
    # Every form of the persons found comes with them, in the same query.
    assert {form.text for form in forms[first.pk]} == {
        "Aidos Invented Kunbolatuly",
        "Айдос Күнболатұлы",
    }
    assert set(forms) == {first.pk, second.pk}


def test_leaves_out_texts_that_no_form_spells_exactly():
    person_named("Aidos Invented Kunbolatuly")

    found, _ = exact_candidates(
        texts=["Aidos Invented Kunbolatov", "Sodia Invented Kunbolatuly", "Relatives"]
    )

    # Kunbolatov is another spelling; Sodia has the letters of Aidos, in
    # another order: neither scores 1.0.
    assert found == {}


@pytest.mark.parametrize(
    "text",
    ["Aidos Invented Kunbolatuly", "KUNBOLATULY Aidos Invented", "Rahile  Testova"],
)
def test_answers_as_the_key_lookup_does_for_an_exact_spelling(text):
    person_named("Aidos Invented Kunbolatuly", "Rahile Testova")
    person_named("aidos invented kunbolatuly")
    person_named("Aidos Kunbolatuly")
    person_named("Rahile Testova", "Рахиле Тестова")

    exact, _ = exact_candidates(texts=[text], inflected=True)
    keyed = lookup_candidates(texts=[text], inflected=True, best_only=True)

    assert [(c.name_form.pk, c.match) for c in exact[text]] == [
        (c.name_form.pk, c.match) for c in keyed(text)
    ]


def test_never_offers_a_person_merged_into_another():
    keep = person_named("Ilham Tohti")
    duplicate = person_named("Ilham Tohti")
    duplicate.merged_into = keep
    duplicate.save()

    found, _ = exact_candidates(texts=["Ilham Tohti"])

    assert _persons(found, "Ilham Tohti") == [keep.pk]


def test_honours_the_limit_by_person():
    persons = [person_named("Gulnar Invented") for _ in range(4)]

    found, _ = exact_candidates(texts=["Gulnar Invented"], limit=3)

    assert _persons(found, "Gulnar Invented") == [p.pk for p in persons[:3]]


def test_every_way_of_saving_a_form_stores_its_sorted_letters():
    person = person_named("Rahile Testova")
    created = person.names.get()
    (bulk,) = PersonName.objects.bulk_create([PersonName(person=person, text="Рахиле")])
    cleaned = PersonName(person=person, text="热依拉")
    cleaned.full_clean()

    assert created.letters == "".join(sorted("rahiletestova"))
    assert PersonName.objects.get(pk=bulk.pk).letters == sorted_letters("Рахиле")
    assert cleaned.letters == sorted_letters("热依拉") != ""


@pytest.mark.django_db(transaction=True)
def test_migration_0009_fills_the_letters_of_stored_forms():
    name = "0009_personname_sorted_letters"
    migration = importlib.import_module(f"cases.migrations.{name}")
    state = MigrationExecutor(connection).loader.project_state(
        ("cases", name), at_end=True
    )
    form = person_named("Bakhyt Serikuly").names.get()
    PersonName.objects.filter(pk=form.pk).update(letters="")

    with connection.schema_editor() as schema_editor:
        migration.fill_letters(state.apps, schema_editor)

    form.refresh_from_db()
    assert form.letters == sorted_letters("Bakhyt Serikuly") != ""
