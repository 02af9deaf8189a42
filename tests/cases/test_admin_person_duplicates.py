"""Entering a person who may be recorded already: warned before the save."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cases.duplicates import find_duplicate_persons
from cases.evidence import score_label
from cases.models import DuplicateCandidate, Person
from tests.cases.test_admin import management_form
from tests.factories import person_named

pytestmark = pytest.mark.django_db
ADD = reverse("admin:cases_person_add")


def new_person(text: str, **changes: object) -> dict[str, object]:
    return {
        "gender": "male",
        "ethnicity": "kazakh",
        **management_form("names"),
        "names-0-text": text,
        "names-0-kind": "primary",
        **changes,
    }


def changed_person(person: Person, **changes: object) -> dict[str, object]:
    name = person.names.get()
    return {
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "names-TOTAL_FORMS": "1",
        "names-INITIAL_FORMS": "1",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
        "names-0-id": str(name.pk),
        "names-0-person": str(person.pk),
        "names-0-text": name.text,
        "names-0-kind": name.kind,
        "names-0-script": name.script,
        **changes,
    }


@pytest.fixture
def baibolat():
    return person_named("Baibolat Kunbolat", gender="male", ethnicity="kazakh")


def test_adding_a_person_named_like_a_recorded_one_shows_them_before_saving(
    admin_client, baibolat
):
    response = admin_client.post(ADD, new_person("Байболат Кунболатов"))

    assert response.status_code == 200
    assert Person.objects.count() == 1
    page = response.content.decode()
    assert "This person may already be recorded." in page
    assert "Baibolat Kunbolat" in page
    assert reverse("admin:cases_person_change", args=[baibolat.pk]) in page
    assert "Same ethnicity, gender (raises the score)" in page
    assert "Save anyway" in page


def test_the_warning_shows_the_score_the_duplicates_list_shows(admin_client, baibolat):
    warning = admin_client.post(ADD, new_person("Байболат Кунболатов"))
    admin_client.post(
        ADD, new_person("Байболат Кунболатов", save_anyway=str(baibolat.pk))
    )

    find_duplicate_persons()

    score = score_label(DuplicateCandidate.objects.get().score)
    assert f"<td>{score}</td>" in warning.content.decode()
    listed = admin_client.get(reverse("admin:cases_duplicatecandidate_changelist"))
    assert f'<td class="field-score_shown">{score}</td>' in listed.content.decode()


def test_save_anyway_saves_the_person(admin_client, baibolat):
    data = new_person("Байболат Кунболатов", save_anyway=str(baibolat.pk))

    response = admin_client.post(ADD, data)

    assert response.status_code == 302
    assert Person.objects.filter(names__text="Байболат Кунболатов").exists()


def test_a_name_changed_to_match_someone_else_warns_again(admin_client, baibolat):
    person_named("Gulnar Serikova")
    data = new_person("Gulnar Serikova", save_anyway=str(baibolat.pk))

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert "Gulnar Serikova" in response.content.decode()
    assert Person.objects.count() == 2


def test_a_name_like_nobody_recorded_saves_at_once(admin_client, baibolat):
    response = admin_client.post(ADD, new_person("Rahile Dawut"))

    assert response.status_code == 302


def test_changing_a_person_without_changing_the_names_does_not_warn(
    admin_client, baibolat
):
    twin = person_named("Baibolat Kunbolat", gender="male", ethnicity="kazakh")
    url = reverse("admin:cases_person_change", args=[twin.pk])

    response = admin_client.post(url, changed_person(twin, occupation="herder"))

    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.occupation == "herder"


def test_renaming_a_person_like_another_warns(admin_client, baibolat):
    other = person_named("Rahile Dawut")
    url = reverse("admin:cases_person_change", args=[other.pk])

    response = admin_client.post(
        url, changed_person(other, **{"names-0-text": "Baibolat Kunbolat"})
    )

    assert response.status_code == 200
    assert "This person may already be recorded." in response.content.decode()
    assert other.names.get().text == "Rahile Dawut"


def test_persons_called_different_before_are_not_named_again(admin_client, baibolat):
    other = person_named("Rahile Dawut")
    pair = DuplicateCandidate.objects.create(
        person_a=baibolat, person_b=other, score=0.9
    )
    pair.dismiss(actor=None)
    url = reverse("admin:cases_person_change", args=[other.pk])

    response = admin_client.post(
        url, changed_person(other, **{"names-0-text": "Baibolat Kunbolat"})
    )

    assert response.status_code == 302


def test_the_warning_names_nobody_the_user_may_not_see(
    client, django_user_model, baibolat
):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename="add_person"))
    client.force_login(clerk)

    response = client.post(ADD, new_person("Байболат Кунболатов"))

    assert response.status_code == 302
    assert "Baibolat Kunbolat" not in response.content.decode()
