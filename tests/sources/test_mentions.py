"""Mention.objects.store_found(): one write for an article's found mentions."""

import pytest

from sources.matching import FoundMention
from sources.models import Mention, MentionStatus
from tests.factories import MentionFactory, NamedPersonFactory, SourceArticleFactory

pytestmark = pytest.mark.django_db


def _found(article, person, start, end, **evidence) -> FoundMention:
    return FoundMention(
        person_id=person.pk,
        name_form_id=person.names.first().pk,
        text=article.text[start:end],
        start=start,
        end=end,
        score=evidence.get("score", 1.0),
        explanation=evidence.get("explanation", "same"),
        hints=evidence.get("hints", {"dates": [{"kind": "year", "text": "2018"}]}),
    )


def test_stores_new_mentions_with_their_evidence_and_keys() -> None:
    article = SourceArticleFactory(text="Aigerim Testova and Aigerim Testova")
    person = NamedPersonFactory()

    ids = Mention.objects.store_found(
        article.pk,
        [_found(article, person, 0, 15), _found(article, person, 20, 35, score=0.9)],
    )

    assert ids == sorted(Mention.objects.values_list("pk", flat=True))
    read = Mention.objects.get(pk=ids[1])
    assert (read.article, read.person) == (article, person)
    assert (read.start, read.end, read.score) == (20, 35, 0.9)
    assert read.text == "Aigerim Testova"
    assert read.name_form == person.names.first()
    assert read.explanation == "same"
    assert read.hints == {"dates": [{"kind": "year", "text": "2018"}]}
    assert read.status == MentionStatus.SUGGESTED
    assert read.created_at is not None


def test_a_span_found_again_gets_new_evidence_and_keeps_its_review() -> None:
    mention = MentionFactory(status=MentionStatus.REJECTED, score=0.85)

    again = _found(
        mention.article, mention.person, mention.start, mention.end, score=0.95
    )
    ids = Mention.objects.store_found(mention.article_id, [again])

    assert ids == [mention.pk]
    created_at = mention.created_at
    mention.refresh_from_db()
    assert (mention.status, mention.score) == (MentionStatus.REJECTED, 0.95)
    assert mention.created_at == created_at
    assert Mention.objects.count() == 1


def test_storing_nothing_writes_nothing() -> None:
    article = SourceArticleFactory()

    assert Mention.objects.store_found(article.pk, []) == []
    assert not Mention.objects.exists()
