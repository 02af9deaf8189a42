import pytest

from sources.models import Citation, MentionStatus
from sources.reviewing import confirm_mention, reject_mention
from tests.factories import (
    CaseFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_confirm_cites_the_article_on_the_persons_case():
    case = CaseFactory()
    mention = MentionFactory(person=case.subject)
    worker = UserFactory()

    citation = confirm_mention(mention=mention, actor=worker)

    assert (citation.case, citation.article) == (case, mention.article)
    assert citation.quote == "Aigerim Testova was last seen in 2018."
    assert mention.status == MentionStatus.CONFIRMED
    assert (mention.reviewed_by, mention.citation) == (worker, citation)
    assert mention.reviewed_at is not None
    assert citation.history.get().history_user == worker


def test_confirming_twice_creates_one_citation():
    case = CaseFactory()
    mention = MentionFactory(person=case.subject)
    worker = UserFactory()

    first = confirm_mention(mention=mention, actor=worker)
    second = confirm_mention(mention=mention, actor=worker)

    assert first == second
    assert Citation.objects.filter(case=case).count() == 1


def test_two_mentions_in_one_article_share_the_citation():
    case = CaseFactory()
    first = MentionFactory(person=case.subject)
    again = MentionFactory(
        article=first.article, person=case.subject, start=40, end=48, text="Testova"
    )

    cited = {confirm_mention(mention=m, actor=UserFactory()) for m in (first, again)}

    assert len(cited) == 1
    assert Citation.objects.filter(case=case).count() == 1


def test_confirm_cites_the_case_of_a_relative():
    relative = RelativeFactory()
    mention = MentionFactory(person=relative.person)

    citation = confirm_mention(mention=mention, actor=UserFactory())

    assert citation.case == relative.case


def test_confirm_without_a_clear_case_confirms_without_citation():
    person = NamedPersonFactory()
    RelativeFactory(person=person)
    RelativeFactory(person=person)
    on_two_cases = MentionFactory(person=person)
    on_no_case = MentionFactory(person=NamedPersonFactory())

    for mention in (on_two_cases, on_no_case):
        assert confirm_mention(mention=mention, actor=UserFactory()) is None
        assert mention.status == MentionStatus.CONFIRMED
    assert not Citation.objects.exists()


def test_reject_records_the_reviewer_and_keeps_an_earlier_citation():
    case = CaseFactory()
    mention = MentionFactory(person=case.subject)
    worker = UserFactory()
    citation = confirm_mention(mention=mention, actor=worker)

    reject_mention(mention=mention, actor=worker)

    assert mention.status == MentionStatus.REJECTED
    assert (mention.reviewed_by, mention.citation) == (worker, None)
    assert Citation.objects.filter(pk=citation.pk).exists()
