"""Mention.objects.store_found(): one write for an article's found mentions."""

import pytest

from sources.models import Mention, MentionStatus
from tests.factories import MentionFactory, NamedPersonFactory, SourceArticleFactory

pytestmark = pytest.mark.django_db


def _found(article, person, start, end, **evidence) -> Mention:
    return Mention(
        article=article,
        person=person,
        name_form=person.names.first(),
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

    stored = Mention.objects.store_found(
        [_found(article, person, 0, 15), _found(article, person, 20, 35, score=0.9)]
    )

    assert [m.pk for m in stored] == sorted(
        Mention.objects.values_list("pk", flat=True)
    )
    read = Mention.objects.get(pk=stored[1].pk)
    assert (read.start, read.end, read.score) == (20, 35, 0.9)
    assert read.hints == {"dates": [{"kind": "year", "text": "2018"}]}
    assert read.status == MentionStatus.SUGGESTED
    assert read.created_at == stored[1].created_at is not None


def test_a_span_found_again_gets_new_evidence_and_keeps_its_review() -> None:
    mention = MentionFactory(status=MentionStatus.REJECTED, score=0.85)

    again = _found(
        mention.article, mention.person, mention.start, mention.end, score=0.95
    )
    stored = Mention.objects.store_found([again])

    assert stored[0].pk == mention.pk
    assert stored[0].status == MentionStatus.REJECTED
    assert stored[0].created_at == mention.created_at
    mention.refresh_from_db()
    assert (mention.status, mention.score) == (MentionStatus.REJECTED, 0.95)
    assert Mention.objects.count() == 1


def test_storing_nothing_writes_nothing() -> None:
    assert Mention.objects.store_found([]) == []
    assert not Mention.objects.exists()
