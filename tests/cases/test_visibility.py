import pytest

from cases.models import Case, Confidentiality, Person
from tests.factories import (
    CaseFactory,
    NamedPersonFactory,
    RelativeFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def confidential():
    return CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)


def test_researcher_sees_public_and_restricted_cases_only(confidential):
    public = CaseFactory(confidentiality=Confidentiality.PUBLIC)
    restricted = CaseFactory(confidentiality=Confidentiality.RESTRICTED)

    visible = set(Case.objects.visible_to(user_with_role("Researcher")))

    assert visible == {public, restricted}


def test_case_worker_sees_confidential_cases_of_their_own_or_their_team(confidential):
    worker = user_with_role("Case worker")
    outsider = user_with_role("Case worker")
    confidential.assigned_to = worker
    confidential.save()

    assert confidential in Case.objects.visible_to(worker)
    assert confidential not in Case.objects.visible_to(outsider)


def test_persons_named_in_a_hidden_case_are_hidden(confidential):
    relative = RelativeFactory(case=confidential).person
    elsewhere = NamedPersonFactory()

    visible = set(Person.objects.visible_to(user_with_role("Researcher")))

    assert elsewhere in visible
    assert not {confidential.subject, relative} & visible


def test_a_duplicate_merged_into_a_hidden_person_is_hidden(confidential):
    duplicate = NamedPersonFactory(merged_into=confidential.subject)

    assert duplicate not in Person.objects.visible_to(user_with_role("Researcher"))
    assert duplicate in Person.objects.visible_to(user_with_role("Administrator"))
