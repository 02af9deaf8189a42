"""Entering a case in the admin: partial dates in one field, a new subject inline."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cases.admin.partial_dates import PartialDateField, parse_typed_date
from cases.models import Case, Person, PersonName
from tests.cases.test_admin import case_form, management_form, person_form
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    FacilityFactory,
    FacilityNameFactory,
    NamedPersonFactory,
    PersonNameFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db
ADD_CASE = reverse("admin:cases_case_add")


def new_subject_form(**changes: object) -> dict[str, object]:
    """Return a case form with no subject chosen (one other person exists)."""
    data = case_form(NamedPersonFactory(), **changes)
    data["subject"] = ""
    return data


@pytest.mark.parametrize(
    ("typed", "day", "precision"),
    [
        ("2019", datetime.date(2019, 1, 1), "year"),
        ("2019-04", datetime.date(2019, 4, 1), "month"),
        ("2019-04-21", datetime.date(2019, 4, 21), "day"),
        ("2019-4-7", datetime.date(2019, 4, 7), "day"),
        (" April 2019 ", datetime.date(2019, 4, 1), "month"),
        ("apr 2019", datetime.date(2019, 4, 1), "month"),
        ("21 April 2019", datetime.date(2019, 4, 21), "day"),
        ("April 21, 2019", datetime.date(2019, 4, 21), "day"),
    ],
)
def test_reads_the_precision_from_what_was_typed(typed, day, precision):
    assert parse_typed_date(typed) == (day, precision)


@pytest.mark.parametrize("typed", ["апрель 2019", "апреля 2019", "Апрель 2019"])
def test_reads_a_month_named_in_the_active_language(typed):
    with translation.override("ru"):
        assert parse_typed_date(typed) == (datetime.date(2019, 4, 1), "month")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("2021-13", "There is no such day in the calendar."),
        ("2019-02-30", "There is no such day in the calendar."),
        ("31 April 2019", "There is no such day in the calendar."),
        ("not a date", "This is not a date."),
        ("April", "This is not a date."),
        ("19-04", "This is not a date."),
    ],
)
def test_a_bad_date_says_what_is_wrong_and_names_the_accepted_forms(typed, problem):
    with pytest.raises(ValidationError) as error:
        PartialDateField().clean(typed)

    message = error.value.messages[0]
    assert message.startswith(problem)
    assert "2019, 2019-04 or 2019-04-21" in message
    assert "April 2019" in message


def test_saves_dates_typed_as_a_month_and_a_year_with_their_precision(admin_client):
    data = case_form(
        NamedPersonFactory(),
        disappeared_on="2019-04",
        last_contact_on="2019",
        **management_form("detentions"),
        **{
            "detentions-0-kind": "camp",
            "detentions-0-started_on": "May 2019",
            "detentions-0-ended_on": "2020",
        },
    )

    response = admin_client.post(ADD_CASE, data)

    assert response.status_code == 302, response.context["errors"]
    case = Case.objects.get()
    assert (case.disappeared_on, case.disappeared_on_precision) == (
        datetime.date(2019, 4, 1),
        "month",
    )
    assert (case.last_contact_on, case.last_contact_on_precision) == (
        datetime.date(2019, 1, 1),
        "year",
    )
    detention = case.detentions.get()
    assert (detention.started_display(), detention.ended_display()) == (
        "2019-05",
        "2020",
    )


def test_the_case_page_shows_each_date_as_precisely_as_it_is_known(admin_client):
    case = CaseFactory(
        disappeared_on=datetime.date(2019, 4, 1), disappeared_on_precision="month"
    )
    DetentionFactory(
        case=case, started_on=datetime.date(2019, 1, 1), started_on_precision="year"
    )

    response = admin_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    page = response.content.decode()
    assert 'name="disappeared_on" value="2019-04"' in page
    assert 'name="detentions-0-started_on" value="2019"' in page
    assert "2019-04-01" not in page
    assert 'name="disappeared_on_precision"' not in page
    assert "known to the" not in page


def test_a_bad_date_is_a_form_error_naming_the_forms(admin_client):
    response = admin_client.post(
        ADD_CASE, case_form(NamedPersonFactory(), disappeared_on="2021-13")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["disappeared_on"]
    assert "There is no such day in the calendar." in errors[0]
    assert "2019, 2019-04 or 2019-04-21" in errors[0]
    assert not Case.objects.exists()


def test_a_month_in_the_future_is_refused(admin_client):
    next_year = timezone.localdate().year + 1

    response = admin_client.post(
        ADD_CASE, case_form(NamedPersonFactory(), disappeared_on=f"{next_year}-01")
    )

    assert response.status_code == 200
    assert "This date cannot be in the future." in response.content.decode()


def test_changing_only_the_precision_is_saved(admin_client):
    case = CaseFactory(disappeared_on=datetime.date(2019, 4, 1))
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = case_form(case.subject, reference=case.reference, disappeared_on="2019-04")

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    case.refresh_from_db()
    assert case.disappeared_on_precision == "month"


def test_saves_a_birth_year_and_keeps_the_age_range_working(admin_client):
    response = admin_client.post(
        reverse("admin:cases_person_add"),
        person_form(
            birth_date="1975", age_min="40", age_max="45", age_as_of="2019-01-01"
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    person = Person.objects.get()
    assert (person.birth_date, person.birth_date_precision) == (
        datetime.date(1975, 1, 1),
        "year",
    )
    assert (person.age_min, person.age_max) == (40, 45)
    page = admin_client.get(
        reverse("admin:cases_person_change", args=[person.pk])
    ).content.decode()
    assert 'name="birth_date" value="1975"' in page


def test_adds_a_case_and_its_new_subject_with_two_name_forms(admin_client):
    data = new_subject_form(
        subject_name="ئايگۈل تۇرسۇن",
        subject_other_name="Aygul Tursun",
        subject_ethnicity="uyghur",
        subject_gender="female",
    )

    response = admin_client.post(ADD_CASE, data)

    assert response.status_code == 302, response.context["errors"]
    subject = Case.objects.get().subject
    assert (subject.ethnicity, subject.gender) == ("uyghur", "female")
    names = list(subject.names.order_by("id").values_list("text", "script", "kind"))
    assert names == [
        ("ئايگۈل تۇرسۇن", "Arab", "primary"),
        ("Aygul Tursun", "Latn", "transliteration"),
    ]
    found = PersonName.objects.person_ids_matching("Tursun")
    assert {row["person_id"] for row in found} == {subject.pk}


def test_adds_a_case_whose_new_subject_is_known_only_by_a_description(admin_client):
    description = "younger brother of Baibolat Kunbolat, name not known"

    response = admin_client.post(
        ADD_CASE, new_subject_form(subject_description=description)
    )

    assert response.status_code == 302, response.context["errors"]
    subject = Case.objects.get().subject
    assert subject.description == description
    assert not subject.names.exists()


def test_the_add_page_offers_the_new_subject_and_an_empty_relative_and_detention(
    admin_client,
):
    page = admin_client.get(ADD_CASE).content.decode()

    assert 'name="subject_name"' in page
    assert 'name="relatives-0-person"' in page
    assert 'name="detentions-0-kind"' in page


def test_the_change_page_has_no_new_subject_fields(admin_client):
    case = CaseFactory()

    page = admin_client.get(
        reverse("admin:cases_case_change", args=[case.pk])
    ).content.decode()

    assert 'name="subject_name"' not in page


def test_asks_for_a_subject_when_none_is_chosen_or_typed(admin_client):
    response = admin_client.post(ADD_CASE, new_subject_form())

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["subject"]
    assert errors == [
        "Choose the person, or type the name or a description of a new person below."
    ]
    assert not Case.objects.exists()


def test_refuses_a_chosen_subject_and_a_typed_one_together(admin_client):
    response = admin_client.post(
        ADD_CASE, case_form(NamedPersonFactory(), subject_name="Aygul Tursun")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["subject_name"]
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("first", "other"),
    [("!!! ...", ""), ("Aygul Tursun", "aygul  tursun")],
)
def test_a_bad_new_subject_name_is_a_form_error_and_saves_nothing(
    admin_client, first, other
):
    data = new_subject_form(subject_name=first, subject_other_name=other)

    response = admin_client.post(ADD_CASE, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Case.objects.exists()
    assert Person.objects.count() == 1


def test_a_refused_case_leaves_no_new_subject_behind(admin_client):
    data = new_subject_form(
        subject_name="Aygul Tursun",
        **management_form("detentions"),
        **{
            "detentions-0-kind": "prison",
            "detentions-0-started_on": "2019-05",
            "detentions-0-ended_on": "2019-04",
        },
    )

    response = admin_client.post(ADD_CASE, data)

    assert response.status_code == 200
    assert Person.objects.count() == 1


@pytest.mark.parametrize("typed", ["Күнболат", "Kunbolat", "كۇنبولات"])
def test_person_autocomplete_finds_a_name_typed_in_any_script(admin_client, typed):
    person = NamedPersonFactory(name__text="Baibolat Kunbolat")
    for text in ("Байболат Күнболат", "بايبولات كۇنبولات"):
        PersonNameFactory(person=person, text=text)

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": typed,
            "app_label": "cases",
            "model_name": "case",
            "field_name": "subject",
        },
    )

    assert [r["id"] for r in response.json()["results"]] == [str(person.pk)]


@pytest.mark.parametrize("typed", ["Даба", "Dabancheng", "داۋان"])
def test_facility_autocomplete_finds_a_name_typed_in_any_script(admin_client, typed):
    facility = FacilityFactory(name="Dabancheng Detention Centre")
    for text in ("Дабаньчэн", "داۋانچىڭ"):
        FacilityNameFactory(facility=facility, text=text)
    FacilityFactory(name="Urumqi No. 3")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": typed,
            "app_label": "cases",
            "model_name": "detention",
            "field_name": "facility",
        },
    )

    assert [r["id"] for r in response.json()["results"]] == [str(facility.pk)]


def test_a_user_who_may_not_add_persons_cannot_type_a_new_subject(client):
    worker = user_with_role("Case worker")
    without_persons = Group.objects.create(name="Enters cases only")
    without_persons.permissions.set(
        worker.groups.get().permissions.exclude(codename="add_person")
    )
    worker.groups.set([without_persons])
    client.force_login(worker)

    page = client.get(ADD_CASE).content.decode()
    response = client.post(ADD_CASE, new_subject_form(subject_name="Aygul Tursun"))

    assert 'name="subject_name"' not in page
    assert response.status_code == 200
    assert not Person.objects.filter(names__text="Aygul Tursun").exists()
