"""The keys derived from a name form are current whatever path wrote it.

Each path writes generated names; the stored search key, sorted letters and
lookup keys (PersonNameKey) must equal those computed afresh from the text.
"""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from api.models import ApiToken
from cases.merging import merge_persons
from cases.models import Person, PersonName, PersonNameKey
from cases.models.name_keys import keys_for
from sources.bundles import FORMAT, VERSION, load_bundle
from tests.factories import NamedPersonFactory, PersonFactory

from .test_admin import person_form

pytestmark = pytest.mark.django_db

PARTS = [
    "Aidar",
    "Gulnar",
    "Kunbolatuly",
    "Ospanova",
    "Серик",
    "Тұрсын",
    "Байболат",
    "ئابدۇرەھىم",
    "تۇرسۇن",
    "阿不都",
    "古丽娜尔",
]
NAMES = st.lists(st.sampled_from(PARTS), min_size=1, max_size=3, unique=True).map(
    " ".join
)
EXAMPLES = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def assert_keys_current(person: Person) -> None:
    names = list(PersonName.objects.filter(person=person))
    assert names
    for name in names:
        fresh = PersonName(text=name.text, person_id=name.person_id)
        fresh.refresh_keys()
        assert (name.search_key, name.letters) == (fresh.search_key, fresh.letters)
        stored = PersonNameKey.objects.filter(name=name)
        assert sorted(stored.values_list("key", "person_id")) == sorted(
            (key.key, key.person_id) for key in keys_for([name])
        )


def saved(first: str, second: str) -> Person:
    person = PersonFactory()
    name = PersonName(person=person, text=first)
    name.save()
    name.text = second
    name.save()
    return person


def created(first: str, second: str) -> Person:
    person = PersonFactory()
    PersonName.objects.create(person=person, text=first)
    return person


def bulk_created(first: str, second: str) -> Person:
    person = PersonFactory()
    PersonName.objects.bulk_create(
        [PersonName(person=person, text=first), PersonName(person=person, text="X")]
    )
    PersonName.objects.filter(person=person, text="X").update(text=f"{second} Y")
    return person


def moved_by_update(first: str, second: str) -> Person:
    person, other = PersonFactory(), PersonFactory()
    PersonName.objects.create(person=other, text=first)
    PersonName.objects.filter(person=other).update(person=person)
    return person


def loaded(first: str, second: str) -> Person:
    person = PersonFactory()
    names = [{"text": first}, {"text": f"{second} Z"}]
    load_bundle(
        data={
            "format": FORMAT,
            "version": VERSION,
            "persons": [{"id": str(person.uid), "names": names}],
        }
    )
    return person


def merged(first: str, second: str) -> Person:
    keep = NamedPersonFactory()
    duplicate = PersonFactory()
    PersonName.objects.create(person=duplicate, text=first)
    merge_persons(keep=keep, duplicate=duplicate, actor=None)
    return keep


ORM_PATHS: list[Callable[[str, str], Person]] = [
    saved,
    created,
    bulk_created,
    moved_by_update,
    loaded,
    merged,
]


@pytest.mark.parametrize("write", ORM_PATHS)
@EXAMPLES
@given(first=NAMES, second=NAMES)
def test_every_orm_path_keeps_the_keys_current(write, first, second) -> None:
    assert_keys_current(write(first, second))


@EXAMPLES
@given(first=NAMES, second=NAMES)
def test_the_admin_keeps_the_keys_current(admin_client, first, second) -> None:
    # Hypothesis's examples share the database: a name entered before is no
    # duplicate to warn of here.
    seen = ",".join(str(pk) for pk in Person.objects.values_list("pk", flat=True))
    added = admin_client.post(
        reverse("admin:cases_person_add"),
        person_form(**{"names-0-text": first, "save_anyway": seen}),
    )
    assert added.status_code == 302
    person = Person.objects.latest("pk")
    name = person.names.get()
    changed = person_form(
        **{
            "names-INITIAL_FORMS": 1,
            "names-0-id": name.pk,
            "names-0-person": person.pk,
            "names-0-text": f"{second} Q",
            "save_anyway": seen,
        }
    )

    response = admin_client.post(
        reverse("admin:cases_person_change", args=[person.pk]), changed
    )

    assert response.status_code == 302
    assert person.names.get().text == f"{second} Q"
    assert_keys_current(person)


@EXAMPLES
@given(first=NAMES, second=NAMES)
def test_the_api_keeps_the_keys_current(first, second) -> None:
    user = get_user_model().objects.get_or_create(
        username="keys-api", defaults={"is_superuser": True}
    )[0]
    secret = ApiToken.objects.issue(user=user, read_only=False)[1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    created = client.post(
        "/api/v1/persons/", {"names": [{"text": first}]}, format="json"
    )
    assert created.status_code == 201, created.json()
    uid = created.json()["uid"]

    changed = client.patch(
        f"/api/v1/persons/{uid}/", {"names": [{"text": second}]}, format="json"
    )

    assert changed.status_code == 200, changed.json()
    assert_keys_current(Person.objects.get(uid=uid))
