"""Confidential cases in the admin: invisible, not forbidden; and the attacks
on the admin's forms and search (CSRF, script and SQL-like payloads)."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessLogEntry
from cases.models import Case, DuplicateCandidate, Person
from sources.models import Lead
from tests.factories import (
    CaseFactory,
    CitationFactory,
    DetentionFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    TeamFactory,
    TestimonyFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

CASES = reverse("admin:cases_case_changelist")
PERSONS = reverse("admin:cases_person_changelist")
SUBJECT = "Gulnara Secretova"
RELATIVE = "Yerlan Secretov"
SEEING = ["assigned", "team member", "administrator"]
NOT_SEEING = ["researcher", "outsider"]


@pytest.fixture
def people():
    """Return the users: the case's worker, a team member, and three others."""
    team = TeamFactory()
    member = user_with_role("Case worker")
    team.members.add(member)
    return {
        "team": team,
        "assigned": user_with_role("Case worker"),
        "team member": member,
        "administrator": user_with_role("Administrator"),
        "researcher": user_with_role("Researcher"),
        "outsider": user_with_role("Case worker"),
    }


@pytest.fixture
def secret(people):
    """Return a confidential case assigned to one worker and to the team."""
    case = CaseFactory(
        confidentiality="confidential",
        assigned_to=people["assigned"],
        team=people["team"],
        subject__name__text=SUBJECT,
    )
    RelativeFactory(case=case, person__name__text=RELATIVE)
    DetentionFactory(case=case)
    TestimonyFactory(case=case)
    CitationFactory(case=case)
    case.summary = "Changed once, so that the case has two versions."
    case.save()
    return case


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


def case_pages(case: Case) -> dict[str, str]:
    version = case.history.earliest("history_date")
    return {
        "change": reverse("admin:cases_case_change", args=[case.pk]),
        "history": reverse("admin:cases_case_history", args=[case.pk]),
        "version": reverse(
            "admin:cases_case_simple_history", args=[case.pk, version.pk]
        ),
        "delete": reverse("admin:cases_case_delete", args=[case.pk]),
    }


@pytest.mark.parametrize("page", ["change", "history", "version", "delete"])
@pytest.mark.parametrize("who", NOT_SEEING)
def test_confidential_case_page_is_not_found_for_others(
    client, people, secret, who, page
):
    login(client, people[who])

    response = client.get(case_pages(secret)[page])

    assert response.status_code == 404
    assert secret.reference not in response.content.decode()


@pytest.mark.parametrize("page", ["change", "history", "version"])
@pytest.mark.parametrize("who", SEEING)
def test_confidential_case_page_opens_for_its_worker_team_and_administrator(
    client, people, secret, who, page
):
    login(client, people[who])

    response = client.get(case_pages(secret)[page])

    assert response.status_code == 200


def test_a_guessed_id_is_answered_as_an_unused_one(client, people, secret):
    login(client, people["outsider"])
    unused = Case.objects.order_by("-pk").first().pk + 1000

    hidden = client.get(reverse("admin:cases_case_change", args=[secret.pk]))
    missing = client.get(reverse("admin:cases_case_change", args=[unused]))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_a_refused_look_goes_into_the_access_log(client, people, secret):
    login(client, people["outsider"])

    client.get(reverse("admin:cases_case_change", args=[secret.pk]))

    entry = AccessLogEntry.objects.get(case_reference=secret.reference)
    assert (entry.action, entry.user) == ("denied", people["outsider"])


def test_a_look_by_the_team_goes_into_the_access_log(client, people, secret):
    login(client, people["team member"])

    client.get(reverse("admin:cases_case_change", args=[secret.pk]))

    entry = AccessLogEntry.objects.get(case_reference=secret.reference)
    assert (entry.action, entry.user) == ("viewed", people["team member"])


@pytest.mark.parametrize("who", NOT_SEEING)
def test_confidential_case_is_not_listed_nor_counted_for_others(
    client, people, secret, who
):
    public = CaseFactory(confidentiality="public")
    login(client, people[who])

    response = client.get(CASES, {"_facets": "1"})

    assert list(response.context["cl"].result_list) == [public]
    content = response.content.decode()
    assert secret.reference not in content
    assert "confidential (0)" in content


@pytest.mark.parametrize("who", SEEING)
def test_confidential_case_is_listed_for_its_worker_team_and_administrator(
    client, people, secret, who
):
    login(client, people[who])

    response = client.get(CASES, {"_facets": "1"})

    assert list(response.context["cl"].result_list) == [secret]
    assert "confidential (1)" in response.content.decode()


@pytest.mark.parametrize("term", [SUBJECT, "Secretov", RELATIVE])
@pytest.mark.parametrize("who", NOT_SEEING)
def test_search_by_name_does_not_find_a_hidden_case_or_its_persons(
    client, people, secret, who, term
):
    login(client, people[who])

    cases = client.get(CASES, {"q": term})
    persons = client.get(PERSONS, {"q": term})

    assert list(cases.context["cl"].result_list) == []
    assert list(persons.context["cl"].result_list) == []


@pytest.mark.parametrize("who", NOT_SEEING)
def test_persons_named_in_a_hidden_case_are_not_found(client, people, secret, who):
    login(client, people[who])
    named = [secret.subject, secret.relatives.get().person]
    named.append(secret.testimonies.get().witness)

    for person in named:
        url = reverse("admin:cases_person_change", args=[person.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "model,field,term",
    [
        ("case", "subject", "Secretova"),
        ("relative", "person", "Secretov"),
        ("testimony", "witness", "Testova"),
        ("testimony", "case", SUBJECT),
    ],
)
def test_autocomplete_offers_nothing_from_a_hidden_case(
    client, people, secret, model, field, term
):
    login(client, people["outsider"])

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": model, "field_name": field, "term": term},
    )

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_autocomplete_offers_the_subject_to_the_team(client, people, secret):
    login(client, people["team member"])

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "cases",
            "model_name": "case",
            "field_name": "subject",
            "term": "Secretova",
        },
    )

    assert str(secret.subject.pk) in [r["id"] for r in response.json()["results"]]


def test_review_queue_leaves_out_mentions_of_hidden_persons(client, people, secret):
    hidden = MentionFactory(person=secret.subject)
    shown = MentionFactory()
    url = reverse("admin:sources_mention_changelist")

    outsider = login(Client(), people["outsider"]).get(url)
    member = login(client, people["team member"]).get(url)

    assert list(outsider.context["cl"].result_list) == [shown]
    assert set(member.context["cl"].result_list) == {hidden, shown}


def test_article_list_counts_no_mention_of_a_hidden_person(client, people, secret):
    mention = MentionFactory(person=secret.subject)
    url = reverse("admin:sources_sourcearticle_changelist")

    outsider = login(Client(), people["outsider"]).get(url)
    member = login(client, people["team member"]).get(url)

    counts = {a.pk: a.mentions_found for a in outsider.context["cl"].result_list}
    assert counts[mention.article_id] == 0
    counts = {a.pk: a.mentions_found for a in member.context["cl"].result_list}
    assert counts[mention.article_id] == 1


def test_duplicates_and_leads_of_hidden_persons_are_not_listed(client, people, secret):
    other = NamedPersonFactory()
    a, b = sorted([secret.subject, other], key=lambda p: p.pk)
    DuplicateCandidate.objects.create(person_a=a, person_b=b, score=0.9)
    lead = MentionFactory(person=other).article.leads.create(
        text=SUBJECT, start=0, end=len(SUBJECT), person=secret.subject
    )
    login(client, people["outsider"])

    pairs = client.get(reverse("admin:cases_duplicatecandidate_changelist"))
    leads = client.get(reverse("admin:sources_lead_changelist"))
    article = client.get(
        reverse("admin:sources_sourcearticle_change", args=[lead.article_id])
    )

    assert list(pairs.context["cl"].result_list) == []
    assert list(leads.context["cl"].result_list) == []
    assert SUBJECT not in article.content.decode()
    assert Lead.objects.filter(pk=lead.pk).exists()


def test_an_outsider_cannot_change_or_delete_a_hidden_case(client, people, secret):
    login(client, people["outsider"])

    changed = client.post(
        reverse("admin:cases_case_change", args=[secret.pk]), {"fate": "released"}
    )
    deleted = client.post(
        reverse("admin:cases_case_delete", args=[secret.pk]), {"post": "yes"}
    )

    assert changed.status_code == deleted.status_code == 404
    assert Case.objects.get(pk=secret.pk).fate == secret.fate


def test_a_hidden_person_cannot_be_made_the_subject_of_a_new_case(
    client, people, secret
):
    login(client, people["outsider"])
    data = {
        "reference": "CT-2024-0999",
        "subject": secret.subject.pk,
        "fate": "missing",
        "workflow": "new",
        "disappeared_on_precision": "day",
        "last_contact_on_precision": "day",
        "confidentiality": "public",
        **{
            f"{prefix}-{key}": value
            for prefix in (
                "relatives",
                "detentions",
                "steps",
                "state_claims",
                "submissions",
                "testimonies",
                "citations",
            )
            for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        },
    }

    response = client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert "subject" in response.context["adminform"].form.errors
    assert not Case.objects.filter(reference="CT-2024-0999").exists()


def form_data(response) -> dict[str, object]:
    """Return the data a browser would post back from an admin change page."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, object] = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data


def test_a_visible_case_keeps_a_relative_hidden_for_another_case(client, people):
    hidden = CaseFactory(confidentiality="confidential")
    shared = RelativeFactory(case=hidden).person
    case = CaseFactory(confidentiality="public")
    RelativeFactory(case=case, person=shared)
    login(client, people["outsider"])
    url = reverse("admin:cases_case_change", args=[case.pk])

    data = form_data(client.get(url))
    response = client.post(url, {**data, "summary": "Saved by an outsider."})

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).summary == "Saved by an outsider."
    assert case.relatives.get().person == shared


def test_admin_forms_refuse_a_post_without_a_csrf_token(people, secret):
    client = login(Client(enforce_csrf_checks=True), people["assigned"])
    url = reverse("admin:cases_case_change", args=[secret.pk])
    data = form_data(client.get(url))

    changed = client.post(url, {**data, "fate": "released"})
    added = client.post(reverse("admin:cases_person_add"), {"notes": "Invented."})

    assert changed.status_code == added.status_code == 403
    assert Case.objects.get(pk=secret.pk).fate == secret.fate
    assert not Person.objects.filter(notes="Invented.").exists()


def test_the_same_post_with_its_csrf_token_is_accepted(people, secret):
    client = login(Client(enforce_csrf_checks=True), people["assigned"])
    url = reverse("admin:cases_case_change", args=[secret.pk])
    page = client.get(url)
    token = page.context["csrf_token"]

    response = client.post(
        url, {**form_data(page), "fate": "released", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert Case.objects.get(pk=secret.pk).fate == "released"


SCRIPT = "<script>alert(1)</script>"


def test_script_in_a_name_and_notes_comes_back_escaped(client, people):
    case = CaseFactory(
        confidentiality="public",
        subject__name__text=f"Aigerim {SCRIPT}",
        subject__notes=f"Notes {SCRIPT}",
        summary=f"Summary {SCRIPT}",
    )
    login(client, people["outsider"])

    pages = [
        client.get(CASES),
        client.get(PERSONS),
        client.get(reverse("admin:cases_case_change", args=[case.pk])),
        client.get(reverse("admin:cases_person_change", args=[case.subject.pk])),
    ]

    for response in pages:
        content = response.content.decode()
        assert response.status_code == 200
        assert SCRIPT not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize(
    "term", ["' OR 1=1 --", "%' OR '1'='1", "1; DROP TABLE cases_case; --", '") OR ("']
)
def test_sql_like_search_finds_nothing_and_breaks_nothing(client, people, term):
    CaseFactory(confidentiality="public")
    login(client, people["outsider"])

    cases = client.get(CASES, {"q": term})
    persons = client.get(PERSONS, {"q": term})

    assert cases.status_code == persons.status_code == 200
    assert list(cases.context["cl"].result_list) == []
    assert list(persons.context["cl"].result_list) == []
    assert Case.objects.count() == 1


@pytest.mark.parametrize("confidentiality", ["public", "restricted"])
def test_researcher_sees_public_and_restricted_cases(
    client, people, secret, confidentiality
):
    case = CaseFactory(confidentiality=confidentiality)
    login(client, people["researcher"])

    response = client.get(CASES)
    page = client.get(reverse("admin:cases_case_change", args=[case.pk]))

    assert list(response.context["cl"].result_list) == [case]
    assert page.status_code == 200
