"""The name forms an exported bundle gives each person: read by range or by list."""

import pytest

from cases.models import Person
from sources.bundles.exporting import bundle_persons, rows_of
from tests.factories import NamedPersonFactory, PersonNameFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "every",
    [
        pytest.param(2, id="dense: read by range, skipping the persons between"),
        pytest.param(3, id="sparse: read by a list of ids"),
    ],
)
def test_each_person_gets_its_own_names_in_order(every: int) -> None:
    persons = [NamedPersonFactory() for _ in range(9)]
    for person in persons:
        PersonNameFactory(person=person, text=f"Second form {person.pk}")
    chosen = persons[::every]
    rows = rows_of(Person.objects.filter(pk__in=[person.pk for person in chosen]))

    exported = bundle_persons(list(rows))

    assert [record["id"] for record in exported] == [str(p.uid) for p in chosen]
    for person, record in zip(chosen, exported, strict=True):
        texts = person.names.order_by("pk").values_list("text", flat=True)
        assert [name["text"] for name in record["names"]] == list(texts)
        assert len(record["names"]) == 2
