import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Person, PersonName
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    FacilityFactory,
    NamedPersonFactory,
    PersonFactory,
    PersonNameFactory,
    RelativeFactory,
)

pytestmark = pytest.mark.django_db
CASES = reverse("admin:cases_case_changelist")
PERSONS = reverse("admin:cases_person_changelist")


def make_full_cases(count: int) -> None:
    for _ in range(count):
        case = CaseFactory()
        RelativeFactory(case=case)
        DetentionFactory(case=case)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        CASES,
        CASES + "?fate__exact=missing&o=-6",
        CASES + "?q=Testova",
        reverse("admin:cases_person_changelist"),
    ],
)
def test_list_page_costs_the_same_queries_for_10_and_200_rows(admin_client, url):
    make_full_cases(10)
    at_10 = count_queries(admin_client, url)
    make_full_cases(190)

    assert count_queries(admin_client, url) == at_10


def test_case_list_shows_days_missing(admin_client):
    case = CaseFactory(disappeared_on=datetime.date(2018, 3, 21))
    expected = (timezone.localdate() - case.disappeared_on).days

    response = admin_client.get(CASES)

    assert f"{expected:,}" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["Байболат", "күнболатұлы", "رەھىلە", "Kunbolatuly", "CT-2018-0001"]
)
def test_case_search_finds_any_name_form_in_any_script(admin_client, query):
    person = PersonFactory()
    for text in ("Baibolat Kunbolatuly", "Байболат Күнболатұлы", "رەھىلە داۋۇت"):
        PersonName.objects.create(person=person, text=text)
    case = CaseFactory(subject=person, reference="CT-2018-0001")
    CaseFactory()

    response = admin_client.get(CASES, {"q": query})

    assert list(response.context["cl"].result_list) == [case]


def test_case_search_finds_a_case_by_a_relatives_name(admin_client):
    relative = RelativeFactory(person__name__text="Baibolat Kunbolat")
    CaseFactory()

    response = admin_client.get(CASES, {"q": "kunbolat"})

    assert list(response.context["cl"].result_list) == [relative.case]


def test_person_autocomplete_finds_a_cyrillic_name_form(admin_client):
    person = NamedPersonFactory()
    PersonNameFactory(person=person, text="Серикжан Билаш", kind="alias")
    NamedPersonFactory()

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "билаш",
            "app_label": "cases",
            "model_name": "case",
            "field_name": "subject",
        },
    )

    assert [r["id"] for r in response.json()["results"]] == [str(person.pk)]


def test_filters_cases_by_facility_and_ethnicity(admin_client):
    detention = DetentionFactory(case__subject__ethnicity="uyghur")
    DetentionFactory()

    response = admin_client.get(
        CASES,
        {
            "detentions__facility__id__exact": detention.facility_id,
            "subject__ethnicity__exact": "uyghur",
        },
    )

    assert list(response.context["cl"].result_list) == [detention.case]


def management_form(prefix: str, total: int = 1) -> dict[str, object]:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def case_form(subject: Person, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "reference": "CT-2024-0100",
        "subject": subject.pk,
        "fate": "camp",
        "workflow": "new",
        "disappeared_on": "2018-03",
        "confidentiality": "restricted",
        **management_form("relatives", 0),
        **management_form("detentions", 0),
        **management_form("testimonies", 0),
        **management_form("citations", 0),
        **management_form("steps", 0),
        **management_form("state_claims", 0),
        **management_form("submissions", 0),
    }
    data.update(changes)
    return data


def test_adds_a_case_with_a_relative_and_a_detention_through_the_inlines(
    admin_client, case_worker
):
    subject, brother = NamedPersonFactory(), NamedPersonFactory()
    facility = FacilityFactory()
    data = case_form(
        subject,
        **management_form("relatives"),
        **{
            "relatives-0-person": brother.pk,
            "relatives-0-relationship": "brother",
            "relatives-0-reported_case": "on",
            "relatives-0-reported_on": "2021-02-02",
            "relatives-0-consent": "anonymised",
        },
        **management_form("detentions"),
        **{
            "detentions-0-kind": "camp",
            "detentions-0-facility": facility.pk,
            "detentions-0-started_on": "2018-03-21",
        },
    )

    response = admin_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 302, response.context["errors"]
    case = Case.objects.get(reference="CT-2024-0100")
    assert case.relatives.get().person == brother
    assert case.detentions.get().facility == facility
    assert case.history.get().history_user == case_worker


def test_refuses_a_detention_ending_before_it_starts_with_a_form_error(admin_client):
    data = case_form(
        NamedPersonFactory(),
        **management_form("detentions"),
        **{
            "detentions-0-kind": "prison",
            "detentions-0-started_on": "2019-05-01",
            "detentions-0-ended_on": "2019-04-01",
        },
    )

    response = admin_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert not Case.objects.exists()


def test_refuses_a_duplicate_reference_with_a_form_error(admin_client):
    CaseFactory(reference="CT-2024-0100")

    response = admin_client.post(
        reverse("admin:cases_case_add"), case_form(NamedPersonFactory())
    )

    assert response.status_code == 200
    assert "Case with this Reference already exists." in response.content.decode()


def test_refuses_a_disappearance_in_the_future_with_a_form_error(admin_client):
    next_year = str(timezone.localdate().year + 1)

    response = admin_client.post(
        reverse("admin:cases_case_add"),
        case_form(NamedPersonFactory(), disappeared_on=f"{next_year}-01-01"),
    )

    assert response.status_code == 200
    assert "This date cannot be in the future." in response.content.decode()


def person_form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "gender": "male",
        "ethnicity": "uyghur",
        **management_form("names"),
        "names-0-text": "رەھىلە داۋۇت",
        "names-0-kind": "primary",
    }
    data.update(changes)
    return data


def test_adds_a_person_with_an_arabic_script_name_form(admin_client):
    response = admin_client.post(reverse("admin:cases_person_add"), person_form())

    assert response.status_code == 302
    name = PersonName.objects.get()
    assert (name.script, name.text) == ("Arab", "رەھىلە داۋۇت")


def test_refuses_a_birth_date_in_the_future_with_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:cases_person_add"), person_form(birth_date="2999-01-01")
    )

    assert response.status_code == 200
    assert "The birth date cannot be in the future." in response.content.decode()
    assert not Person.objects.exists()


def test_name_inputs_let_the_browser_pick_the_direction(admin_client):
    response = admin_client.get(reverse("admin:cases_person_add"))

    assert 'name="names-0-text"' in response.content.decode()
    assert 'dir="auto"' in response.content.decode()


def test_refuses_deleting_the_subject_of_a_case_and_says_why(admin_client):
    case = CaseFactory()
    url = reverse("admin:cases_person_delete", args=[case.subject.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert Person.objects.filter(pk=case.subject.pk).exists()
    content = response.content.decode()
    assert "would require deleting the following protected related objects" in content
    assert case.reference in content


def test_history_page_shows_who_changed_what(admin_client, case_worker):
    case = CaseFactory(fate="missing")
    data = case_form(case.subject, reference=case.reference, fate="released")
    admin_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)

    response = admin_client.get(reverse("admin:cases_case_history", args=[case.pk]))

    content = response.content.decode()
    assert case_worker.username in content
    assert "released" in content


def test_admin_keeps_the_name_keys_of_an_added_person_current(admin_client):
    admin_client.post(reverse("admin:cases_person_add"), person_form())

    person = Person.objects.get()
    found = PersonName.objects.person_ids_matching("Rahile Dawut")
    assert list(found.values_list("person_id", flat=True)) == [person.pk]


@pytest.mark.parametrize(
    "text",
    ["!!! ... ---", "\u200f\u200d", "x" * 10_000],
)
def test_refuses_a_bad_name_with_a_form_error(admin_client, text):
    response = admin_client.post(
        reverse("admin:cases_person_add"), person_form(**{"names-0-text": text})
    )

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Ilham توختى", "Ilham Tohti"),
        ("\u200fئىلھام\u200f توختى\u200e", "Ilham Tohti"),
        ("Il\u200dham Tohti", "Ilham"),
    ],
)
def test_accepts_mixed_scripts_and_invisible_marks_with_a_sensible_key(
    admin_client, text, query
):
    response = admin_client.post(
        reverse("admin:cases_person_add"), person_form(**{"names-0-text": text})
    )

    assert response.status_code == 302
    person = Person.objects.get()
    found = PersonName.objects.person_ids_matching(query)
    assert list(found.values_list("person_id", flat=True)) == [person.pk]


def test_a_broken_byte_sequence_in_a_name_is_no_server_error(admin_client):
    body = "&".join(
        f"{key}={value}"
        for key, value in person_form(**{"names-0-text": "x"}).items()
        if key != "names-0-text"
    )
    response = admin_client.post(
        reverse("admin:cases_person_add"),
        body + "&names-0-text=Il%ED%A0%80ham",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 302)


def test_search_survives_bad_input(admin_client):
    NamedPersonFactory()
    for term in ["!!!", "\u200f", "x" * 10_000, "Ilham توختى 土赫提", "%", "_"]:
        response = admin_client.get(CASES, {"q": term})
        assert response.status_code == 200
        response = admin_client.get(PERSONS, {"q": term})
        assert response.status_code == 200
