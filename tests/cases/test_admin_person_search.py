"""Finding persons in the admin's person list."""

import pytest
from django.urls import reverse

from tests.factories import NamedPersonFactory, PersonFactory

pytestmark = pytest.mark.django_db
PERSONS = reverse("admin:cases_person_changelist")


def test_finds_a_nameless_person_by_words_of_the_description(admin_client):
    brother = PersonFactory(description="younger brother of Invented Testov")
    NamedPersonFactory()

    page = admin_client.get(PERSONS, {"q": "younger brother"})

    assert list(page.context["cl"].result_list) == [brother]


def test_description_input_is_wide_and_follows_its_script(admin_client):
    page = admin_client.get(reverse("admin:cases_person_add"))

    widget = page.context["adminform"].form.fields["description"].widget
    assert widget.attrs["size"] == 60 and widget.attrs["dir"] == "auto"
