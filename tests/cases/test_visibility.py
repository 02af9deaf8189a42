import pytest
from django.db import IntegrityError

from cases import access
from cases.models import Case, Confidentiality, Detention, Person
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    TeamFactory,
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


def test_the_visible_and_the_hidden_cases_split_the_cases_for_every_role():
    worker = user_with_role("Case worker")
    team = TeamFactory()
    team.members.add(worker)
    for level in Confidentiality.values:
        CaseFactory(confidentiality=level)
        CaseFactory(confidentiality=level, assigned_to=worker)
        CaseFactory(confidentiality=level, team=team)
        CaseFactory(confidentiality=level, assigned_to=user_with_role("Case worker"))
    every = set(Case.objects.all())

    for user in (
        worker,
        user_with_role("Researcher"),
        user_with_role("Administrator"),
        user_with_role("API reader"),
    ):
        visible = set(Case.objects.visible_to(user))
        hidden = set(Case.objects.hidden_from(user))
        assert visible | hidden == every and not visible & hidden


def test_a_detention_of_a_hidden_case_is_hidden_and_one_of_a_seen_case_is_not():
    seen = DetentionFactory(case__confidentiality=Confidentiality.RESTRICTED)
    DetentionFactory(case__confidentiality=Confidentiality.CONFIDENTIAL)

    found = access.visible(Detention.objects.all(), user=user_with_role("Researcher"))

    assert list(found) == [seen]


def test_a_case_is_at_one_of_the_levels():
    with pytest.raises(IntegrityError):
        CaseFactory(confidentiality="secret")
