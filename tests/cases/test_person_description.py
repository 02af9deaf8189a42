"""A person is named, or described when no name is known."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, Person
from cases.models.persons import display_name_of
from tests.factories import CaseFactory, PersonFactory, person_named

pytestmark = pytest.mark.django_db

BROTHER = "younger brother of Baibolat Kunbolat, name not known"


def test_a_nameless_person_is_shown_by_description():
    person = PersonFactory(description=BROTHER)

    assert person.display_name == BROTHER
    assert str(person) == BROTHER


def test_a_name_form_comes_before_the_description():
    person = person_named("Aigerim Testova", description="his sister")

    assert person.display_name == "Aigerim Testova"


def test_a_case_title_names_its_subject_by_description():
    case = CaseFactory(
        reference="CT-2021-0001", subject=PersonFactory(description=BROTHER)
    )

    assert str(case) == f"CT-2021-0001: \u2068{BROTHER}\u2069"


def test_a_person_with_neither_is_never_shown_by_number():
    person = PersonFactory()

    assert str(person.pk) not in str(person)
    assert str(person) == "a person with no name or description"


def test_the_list_annotation_falls_back_to_the_description():
    CaseFactory(subject=PersonFactory(description=BROTHER))

    case = Case.objects.annotate(subject_name=display_name_of("subject")).get()

    assert case.subject_name == BROTHER


def test_a_person_needs_a_name_form_or_a_description():
    with pytest.raises(ValidationError) as raised:
        Person(description="  ").require_name_or_description(has_names=False)

    assert "name form" in raised.value.messages[0]
    Person(description=BROTHER).require_name_or_description(has_names=False)
    Person().require_name_or_description(has_names=True)
