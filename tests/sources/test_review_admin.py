import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sources.models import Citation, MentionStatus
from tests.factories import (
    CaseFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    SourceArticleFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db
QUEUE = "admin:sources_mention_changelist"
TEXT = (
    "Police came on Feb. 10. Relatives of Aigerim Testova protested on Feb. 11 "
    "outside the consulate. Aigerim Testova has not been heard from since."
)


def mention_on_case(text: str = TEXT, **fields: object):
    """Create a case and a suggested mention of its subject in an article."""
    case = CaseFactory()
    article = SourceArticleFactory(text=text)
    start = text.index("Aigerim Testova")
    mention = MentionFactory(article=article, person=case.subject, start=start)
    return case, mention


def confirm_url(mention) -> str:
    return reverse("admin:sources_mention_confirm", args=[mention.pk])


def reject_url(mention) -> str:
    return reverse("admin:sources_mention_reject", args=[mention.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_queue_row_says_which_case_a_confirmation_cites(admin_client):
    case, mention = mention_on_case()

    content = admin_client.get(reverse(QUEUE)).content.decode()

    assert f"Confirm: cites {case.reference}" in content
    assert f'formaction="{confirm_url(mention)}?next=' in content
    assert f'formaction="{reject_url(mention)}?next=' in content


def test_queue_shows_the_passage_as_a_sentence_with_the_name_marked(admin_client):
    mention_on_case()

    content = admin_client.get(reverse(QUEUE)).content.decode()

    assert (
        '<p class="passage" dir="ltr">Relatives of <mark>Aigerim Testova</mark>'
        " protested on Feb. 11 outside the consulate.</p>"
    ) in content


def test_a_row_whose_person_has_no_case_says_what_confirming_does(admin_client):
    MentionFactory(person=NamedPersonFactory())

    content = admin_client.get(reverse(QUEUE)).content.decode()

    assert "Confirm: no case to cite" in content
    assert "This person has no case yet" in content
    assert "on no case" in content


def test_confirms_a_mention_in_one_click_and_returns_to_the_queue(admin_client):
    case, mention = mention_on_case()
    back = reverse(QUEUE) + "?status__exact=suggested"

    response = admin_client.post(f"{confirm_url(mention)}?next={back}")

    assert response.status_code == 302
    assert response.url == back
    mention.refresh_from_db()
    assert mention.status == MentionStatus.CONFIRMED
    assert mention.citation.case == case
    name = case.subject.display_name
    assert messages_of(response) == [
        f"Confirmed: the article names {name}; {case.reference} now cites it."
    ]


def test_rejects_a_mention_in_one_click(admin_client):
    case, mention = mention_on_case()

    response = admin_client.post(reject_url(mention))

    mention.refresh_from_db()
    assert mention.status == MentionStatus.REJECTED
    assert not Citation.objects.exists()
    assert response.url == reverse("admin:sources_mention_change", args=[mention.pk])
    name = case.subject.display_name
    assert messages_of(response) == [f"Rejected: {name} is not named there."]


def test_confirms_every_suggestion_of_the_person_in_the_article(admin_client):
    case, first = mention_on_case()
    again = MentionFactory(
        article=first.article, person=case.subject, start=TEXT.rindex("Aigerim")
    )
    other = MentionFactory(article=first.article, start=TEXT.index("Police"))

    content = admin_client.get(reverse(QUEUE)).content.decode()
    response = admin_client.post(confirm_url(first), {"scope": "article"})

    assert "Confirm all 2 here" in content
    statuses = {m.pk: m.status for m in type(first).objects.all()}
    assert statuses == {
        first.pk: "confirmed",
        again.pk: "confirmed",
        other.pk: "suggested",
    }
    assert Citation.objects.get().case == case
    assert messages_of(response)[0].startswith("Confirmed 2 passages naming ")


def test_rejects_every_suggestion_of_the_person_in_the_article(admin_client):
    case, first = mention_on_case()
    again = MentionFactory(
        article=first.article, person=case.subject, start=TEXT.rindex("Aigerim")
    )

    admin_client.post(reject_url(first), {"scope": "article"})

    again.refresh_from_db()
    assert again.status == MentionStatus.REJECTED


def test_a_link_to_another_site_is_not_followed_back(admin_client):
    _, mention = mention_on_case()

    response = admin_client.post(f"{confirm_url(mention)}?next=https://evil.example")

    assert response.url == reverse("admin:sources_mention_change", args=[mention.pk])


def test_who_may_not_review_cannot_confirm(client):
    _, mention = mention_on_case()
    client.force_login(user_with_role("Researcher"))

    response = client.post(confirm_url(mention))

    assert response.status_code == 403
    mention.refresh_from_db()
    assert mention.status == MentionStatus.SUGGESTED


def test_confirming_needs_a_post(admin_client):
    _, mention = mention_on_case()

    assert admin_client.get(confirm_url(mention)).status_code == 405


def test_mention_page_shows_the_sentence_buttons_and_readable_hints(admin_client):
    case, mention = mention_on_case()
    mention.hints = {"facilities": [{"id": 1, "name": "Invented Camp No. 3"}]}
    mention.save()

    url = reverse("admin:sources_mention_change", args=[mention.pk])
    content = admin_client.get(url).content.decode()

    assert "<mark>Aigerim Testova</mark>" in content
    assert f"Confirm: cites {case.reference}" in content
    assert '<li dir="auto">facilities nearby: Invented Camp No. 3</li>' in content
    for programmer_text in ("Start offset", "{&quot;", '"id":', 'name="_save"'):
        assert programmer_text not in content


def test_case_page_lists_the_suggestions_for_its_persons(admin_client):
    case, mention = mention_on_case()
    relative = RelativeFactory(case=case)
    about_relative = MentionFactory(person=relative.person)
    elsewhere = MentionFactory()

    url = reverse("admin:cases_case_change", args=[case.pk])
    content = admin_client.get(url).content.decode()

    assert "Suggested in articles" in content
    assert f'formaction="{confirm_url(mention)}?next=' in content
    assert f'formaction="{confirm_url(about_relative)}?next=' in content
    assert confirm_url(elsewhere) not in content
