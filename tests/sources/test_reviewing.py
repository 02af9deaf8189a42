import pytest

from sources.models import Citation, Mention, MentionStatus
from sources.reviewing import (
    confirm_mention,
    confirm_person_in_article,
    reject_mention,
    reject_person_in_article,
)
from tests.factories import (
    CaseFactory,
    CitationFactory,
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


def test_reject_records_the_reviewer_and_withdraws_the_citation_it_made():
    case = CaseFactory()
    mention = MentionFactory(person=case.subject)
    worker = UserFactory()
    citation = confirm_mention(mention=mention, actor=worker)

    withdrawn = reject_mention(mention=mention, actor=worker)

    assert withdrawn
    assert mention.status == MentionStatus.REJECTED
    assert (mention.reviewed_by, mention.citation) == (worker, None)
    assert not Citation.objects.filter(pk=citation.pk).exists()
    deleted = Citation.history.get(id=citation.pk, history_type="-")
    assert deleted.history_user == worker


def test_reject_keeps_a_citation_another_confirmed_mention_holds():
    case = CaseFactory()
    first = MentionFactory(person=case.subject)
    again = MentionFactory(
        article=first.article, person=case.subject, start=40, end=48, text="Testova"
    )
    worker = UserFactory()
    citation = confirm_mention(mention=first, actor=worker)
    confirm_mention(mention=again, actor=worker)

    assert not reject_mention(mention=first, actor=worker)
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_reject_keeps_a_citation_edited_since_or_made_by_hand():
    case = CaseFactory()
    worker = UserFactory()
    edited = MentionFactory(person=case.subject)
    citation = confirm_mention(mention=edited, actor=worker)
    citation.quote = "A case worker chose this passage."
    citation.save()
    by_hand = CitationFactory(case=case)
    reused = MentionFactory(article=by_hand.article, person=case.subject)
    assert confirm_mention(mention=reused, actor=worker) == by_hand

    assert not reject_mention(mention=edited, actor=worker)
    assert not reject_mention(mention=reused, actor=worker)
    assert Citation.objects.filter(pk__in=[citation.pk, by_hand.pk]).count() == 2


def test_confirms_every_suggestion_of_the_person_in_the_article_and_no_other():
    case = CaseFactory()
    first = MentionFactory(person=case.subject)
    again = MentionFactory(article=first.article, person=case.subject, start=20)
    rejected = MentionFactory(
        article=first.article, person=case.subject, start=40, status="rejected"
    )
    someone_else = MentionFactory(article=first.article)
    elsewhere = MentionFactory(person=case.subject)

    count = confirm_person_in_article(mention=first, actor=UserFactory())

    assert count == 2
    statuses = {m: m.status for m in Mention.objects.all()}
    assert statuses == {
        first: "confirmed",
        again: "confirmed",
        rejected: "rejected",
        someone_else: "suggested",
        elsewhere: "suggested",
    }
    assert Citation.objects.get().case == case


def test_rejects_every_suggestion_of_the_person_in_the_article():
    first = MentionFactory()
    again = MentionFactory(article=first.article, person=first.person, start=20)

    assert reject_person_in_article(mention=first, actor=UserFactory()) == 2

    again.refresh_from_db()
    assert again.status == MentionStatus.REJECTED


def test_the_quote_does_not_end_at_an_abbreviation():
    case = CaseFactory()
    text = "Aigerim Testova was last seen on Feb. 3 in Camp No. 4. Later news."
    mention = MentionFactory(person=case.subject, article__text=text)

    citation = confirm_mention(mention=mention, actor=UserFactory())

    assert citation.quote == "Aigerim Testova was last seen on Feb. 3 in Camp No. 4."
