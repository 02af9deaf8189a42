"""display_name_of(): the name a queryset built once gives in every copy."""

import pytest

from cases.models import Case, NameKind, Person, PersonName
from cases.models.persons import display_name_of
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases() -> list[Case]:
    first, second = CaseFactory(), CaseFactory(subject=PersonFactory())
    PersonName.objects.create(person=second.subject, text="Zz", kind=NameKind.PRIMARY)
    return [first, second]


def test_copies_of_a_queryset_give_each_case_its_subjects_name(cases) -> None:
    built = Case.objects.annotate(name=display_name_of("subject")).order_by("pk")

    once = list(built.all().values_list("pk", "name"))
    again = list(built.filter(pk=cases[1].pk).values_list("pk", "name"))

    assert once == [(case.pk, case.subject.display_name) for case in cases]
    assert again == [(cases[1].pk, "Zz")]


def test_gives_the_name_inside_another_query(cases) -> None:
    built = Case.objects.annotate(name=display_name_of("subject"))

    # Inside another query the cases' table is renamed: the SQL must follow.
    subjects = built.filter(name="Zz").values("subject")
    assert list(Person.objects.filter(pk__in=subjects)) == [cases[1].subject]
