import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Person
from sources.matching import match_article
from sources.models import Lead, Mention, MentionStatus
from tests.factories import LeadFactory, person_named

pytestmark = pytest.mark.django_db


def resolve(client, lead, **data):
    url = reverse("admin:sources_lead_resolve", args=[lead.pk])
    return client.post(url, data)


def test_lead_page_shows_the_passage_and_the_three_choices(admin_client):
    lead = LeadFactory()

    url = reverse("admin:sources_lead_change", args=[lead.pk])
    content = admin_client.get(url).content.decode()

    assert (
        '<p class="passage" dir="ltr">On Feb. 3 police took '
        "<mark>Aigerim Inventedova</mark> from her home.</p>"
    ) in content
    for label in ("Same as the chosen person", "A new person", "Not a person"):
        assert label in content
    assert "offset" not in content.replace("utc-offset", "")


def test_a_lead_that_is_a_known_person_becomes_their_name_and_a_mention(
    admin_client,
):
    person = person_named("Aigerim Inventedkyzy")
    lead = LeadFactory()

    response = resolve(admin_client, lead, verdict="same", person=person.pk)

    assert list(person.names.values_list("text", flat=True)) == [
        "Aigerim Inventedkyzy",
        "Aigerim Inventedova",
    ]
    mention = Mention.objects.get()
    assert (mention.person, mention.article, mention.text) == (
        person,
        lead.article,
        "Aigerim Inventedova",
    )
    assert mention.status == MentionStatus.SUGGESTED
    assert response.url == reverse("admin:sources_mention_change", args=[mention.pk])
    lead.refresh_from_db()
    assert lead.person == person


def test_same_as_without_a_person_says_what_to_do(admin_client):
    lead = LeadFactory()

    response = resolve(admin_client, lead, verdict="same")

    assert response.url == reverse("admin:sources_lead_change", args=[lead.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Type a name and choose the person first."]
    assert not Mention.objects.exists()


def test_a_lead_that_is_a_new_person_creates_them_with_its_name(admin_client):
    lead = LeadFactory()

    response = resolve(admin_client, lead, verdict="new")

    person = Person.objects.get()
    assert person.display_name == "Aigerim Inventedova"
    assert Mention.objects.get().person == person
    assert response.url == reverse("admin:cases_person_change", args=[person.pk])


def test_a_lead_that_is_not_a_person_stays_dismissed_when_matched_again(
    admin_client,
):
    lead = LeadFactory()

    resolve(admin_client, lead, verdict="dismiss")
    match_article(article=lead.article)

    lead.refresh_from_db()
    assert lead.dismissed
    assert Lead.objects.count() == 1
    listed = admin_client.get(
        reverse("admin:sources_lead_changelist"), {"status": "open"}
    )
    assert reverse("admin:sources_lead_change", args=[lead.pk]) not in (
        listed.content.decode()
    )


def test_the_bulk_action_skips_leads_already_resolved(admin_client):
    open_lead = LeadFactory()
    dismissed = LeadFactory(article=open_lead.article, text="Nobody", dismissed=True)

    admin_client.post(
        reverse("admin:sources_lead_changelist"),
        {"action": "create_persons", "_selected_action": [open_lead.pk, dismissed.pk]},
    )

    assert [p.display_name for p in Person.objects.all()] == ["Aigerim Inventedova"]
