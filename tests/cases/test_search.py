import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import PersonName
from tests.factories import PersonFactory, person_named

pytestmark = pytest.mark.django_db


def found(text: str) -> set[int]:
    return set(
        PersonName.objects.person_ids_matching(text).values_list("person_id", flat=True)
    )


@pytest.fixture
def people():
    return {
        "baibolat": person_named("Baibolat Kunbolatuly", "Байболат Күнболатұлы"),
        "rahile": person_named("Rahile Dawut"),
        "ilham": person_named("Ilham Tohti"),
    }


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("Байболат", "baibolat"),
        ("Baybolat Kunbolat", "baibolat"),
        ("Kunbol", "baibolat"),
        ("kunbolatuly baibolat", "baibolat"),
        ("Rahile", "rahile"),
        ("رەھىلە", "rahile"),
        ("رەھىلە داۋۇت", "rahile"),
        ("Рахиле Давут", "rahile"),
        ("热依拉·达吾提", "rahile"),
        ("Ilham Toxti", "ilham"),
        ("伊力哈木·土赫提", "ilham"),
    ],
)
def test_finds_a_person_by_any_variant_in_any_script(people, query, who):
    assert found(query) == {people[who].pk}


def test_every_word_of_the_query_must_match():
    person_named("Rahile Dawut")

    assert found("Rahile Kunbolat") == set()


def test_a_sound_alike_word_is_not_a_different_name():
    person_named("Dawut Abdulla")

    assert found("Tohti") == set()


def test_finds_nothing_for_text_without_letters(people):
    for text in ("", "   ", "!!!", "\u200f\u200d", "\ud800"):
        assert found(text) == set()


def test_survives_a_very_long_query(people):
    assert found("Rahile " * 2000) == {people["rahile"].pk}


def test_keys_follow_an_edited_name_once_synced():
    person = person_named("Rahile Dawut")
    name = person.names.get()
    name.text = "Gulnar Serikova"
    name.save()
    PersonName.objects.sync_keys([name])

    assert found("Rahile") == set()
    assert found("Gulnar") == {person.pk}


def test_a_one_word_search_is_one_query_on_the_key_table(people):
    with CaptureQueriesContext(connection) as queries:
        found("Kunbol")

    (query,) = queries.captured_queries
    assert "cases_personnamekey" in query["sql"]
    assert "LIKE" in query["sql"]


def test_refuses_a_name_with_a_broken_character_with_a_clear_error():
    from django.core.exceptions import ValidationError

    name = PersonName(person=PersonFactory(), text="Il\udfffham Tohti")

    with pytest.raises(ValidationError, match="broken character"):
        name.full_clean()
