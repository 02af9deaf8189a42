"""The person's page: names first, a description when no name is known, and
the cases that name the person; days missing with the day they run to."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.dates import readable_date
from cases.models import Fate, Person
from tests.cases.test_admin import person_form
from tests.factories import (
    CaseFactory,
    PersonFactory,
    RelativeFactory,
    TestimonyFactory,
    person_named,
    user_with_role,
)

pytestmark = pytest.mark.django_db
ADD = reverse("admin:cases_person_add")
BROTHER = "younger brother of Baibolat Kunbolat, name not known"


def person_page(client, person: Person) -> str:
    response = client.get(reverse("admin:cases_person_change", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_refuses_a_person_with_neither_name_nor_description(admin_client):
    response = admin_client.post(ADD, person_form(**{"names-0-text": ""}))

    assert response.status_code == 200
    assert "Give at least one name form, or a description" in response.text
    assert not Person.objects.exists()


def test_saves_a_nameless_person_with_a_description(admin_client):
    form = person_form(**{"names-0-text": "", "description": BROTHER})

    response = admin_client.post(ADD, form)

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.display_name, person.names.count()) == (BROTHER, 0)


def test_refuses_deleting_the_last_name_of_an_undescribed_person(admin_client):
    person = person_named("Aigerim Testova")
    name = person.names.get()
    form = person_form(
        **{
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "1",
            "names-0-id": str(name.pk),
            "names-0-person": str(person.pk),
            "names-0-text": name.text,
            "names-0-DELETE": "on",
        }
    )

    response = admin_client.post(
        reverse("admin:cases_person_change", args=[person.pk]), form
    )

    assert response.status_code == 200
    assert "Give at least one name form, or a description" in response.text
    assert person.names.exists()


def test_lists_show_a_nameless_person_by_description(admin_client):
    CaseFactory(reference="CT-2021-0001", subject=PersonFactory(description=BROTHER))

    persons = admin_client.get(reverse("admin:cases_person_changelist")).text
    cases = admin_client.get(reverse("admin:cases_case_changelist")).text

    assert BROTHER in persons
    assert BROTHER in cases


def test_autocomplete_offers_a_nameless_person_by_description(admin_client):
    person = PersonFactory(description=BROTHER)
    url = reverse("admin:autocomplete")
    query = "?app_label=cases&model_name=case&field_name=subject"

    found = admin_client.get(url + query).json()["results"]

    assert {"id": str(person.pk), "text": BROTHER} in found


def test_the_page_opens_with_the_names(admin_client):
    person = person_named("Aigerim Testova", notes="An invented note.")

    page = person_page(admin_client, person)

    assert page.index('id="names-group"') < page.index('name="description"')
    assert page.index('name="description"') < page.index('name="notes"')


def test_the_page_lists_the_cases_naming_the_person_in_each_role(admin_client):
    person = person_named("Aigerim Testova")
    own = CaseFactory(reference="CT-2019-0001", subject=person)
    brothers = CaseFactory(reference="CT-2019-0002")
    RelativeFactory(case=brothers, person=person, relationship="sister")
    heard = TestimonyFactory(case__reference="CT-2019-0003", witness=person).case

    page = person_page(admin_client, person)

    for case in (own, brothers, heard):
        link = reverse("admin:cases_case_change", args=[case.pk])
        assert f'href="{link}"><bdi>{case.reference}</bdi>' in page
    assert "sister of" in page
    assert "testimony of 2019-05-14" in page


def test_the_page_lists_a_role_only_to_those_who_may_view_it(client):
    person = person_named("Aigerim Testova")
    CaseFactory(reference="CT-2019-0001", subject=person, confidentiality="public")
    client.force_login(user_with_role("Researcher"))  # may not view testimonies

    page = person_page(client, person)

    assert "CT-2019-0001" in page
    assert "Relative in" in page
    assert "Witness in" not in page


def test_a_new_person_page_lists_no_cases(admin_client):
    page = admin_client.get(ADD).text

    assert "Cases about this person" not in page


def test_case_list_shows_days_missing_as_of_today(admin_client):
    CaseFactory(disappeared_on=datetime.date(2018, 3, 21))

    page = admin_client.get(reverse("admin:cases_case_changelist")).text

    assert f"days as of {readable_date(timezone.localdate(), 'day')}" in page


def test_case_page_shows_how_long_a_released_person_was_held(admin_client):
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 2, 1),
        disappeared_on_precision="month",
        missing_until=datetime.date(2019, 12, 1),
        missing_until_precision="month",
        fate=Fate.RELEASED,
    )

    page = admin_client.get(reverse("admin:cases_case_change", args=[case.pk])).text

    assert "held 641–698 days, released December 2019" in page
    assert "released, found or died on" in page.lower()
