"""cases.db: queries compiled once, run with new values, same rows."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from cases.db import CompiledValuesQuery
from cases.models import PersonName
from cases.models.lookups import OneOf
from tests.factories import person_named
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db


def _by_person(persons: list) -> object:
    return PersonName.objects.filter(OneOf(F("person_id"), persons)).values_list(
        "person_id", "text"
    )


def test_returns_the_rows_of_the_queryset_for_each_list_of_values():
    first = person_named("Aigerim Testova", "Айгерим Тестова")
    second = person_named("Nurbol Inventov")
    query = CompiledValuesQuery(_by_person)

    for persons in ([first.pk], [second.pk, first.pk], [], [first.pk]):
        assert sorted(query.rows(persons)) == sorted(_by_person(persons))


def test_compiles_once_and_runs_one_query_each_time():
    person = person_named("Aigerim Testova")
    built = []
    query = CompiledValuesQuery(lambda persons: built.append(1) or _by_person(persons))

    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert query.rows([person.pk]) == [(person.pk, "Aigerim Testova")]

    assert len(queries) == 3
    # PostgreSQL takes the values as one array: compiled once. Elsewhere
    # the queryset is built each time.
    assert len(built) == (1 if connection.vendor == "postgresql" else 3)


def test_a_query_of_no_values_runs_as_it_is():
    person_named("Aigerim Testova")
    query = CompiledValuesQuery(lambda _: PersonName.objects.values_list("text"))

    assert query.rows() == query.rows() == [("Aigerim Testova",)]


def test_refuses_values_that_do_not_reach_the_query_as_one_array():
    require_postgresql()  # only PostgreSQL compiles once
    query = CompiledValuesQuery(
        lambda texts: PersonName.objects.filter(text__in=texts).values_list("pk")
    )

    with pytest.raises(ValueError, match="one array"):
        query.rows(["Aigerim Testova", "Nurbol Inventov"])
