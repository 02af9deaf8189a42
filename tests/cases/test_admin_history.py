"""History pages read as a case worker's words: labels, names and reasons."""

import pytest
from django.urls import reverse
from django.utils import translation
from simple_history.utils import update_change_reason

from tests.factories import CaseFactory, NamedPersonFactory, RelativeFactory

pytestmark = pytest.mark.django_db


def history_of(admin_client, case) -> str:
    response = admin_client.get(reverse("admin:cases_case_history", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_history_shows_field_and_choice_labels_with_the_reason(admin_client):
    case = CaseFactory(fate="camp")
    case.fate = "prison"
    case.save()
    update_change_reason(case, "Her brother called from Almaty.")

    content = history_of(admin_client, case)

    assert "held in a camp" in content
    assert "held in prison or sentenced" in content
    assert "camp →" not in content
    assert "Her brother called from Almaty." in content


def test_history_shows_no_none_for_a_missing_reason_or_value(admin_client):
    case = CaseFactory(place_last_seen="")
    case.place_last_seen = "the market in Ghulja"
    case.save()

    content = history_of(admin_client, case)

    assert "the market in Ghulja" in content
    assert "None" not in content


def test_history_names_a_related_person_instead_of_an_id(admin_client):
    case = CaseFactory()
    before, after = case.subject, NamedPersonFactory(name__text="Gulnar Tursun")
    case.subject = after
    case.save()

    content = history_of(admin_client, case)

    assert f'<span dir="auto">{before}</span>' in content
    assert '&nbsp;&nbsp;<span dir="auto">Gulnar Tursun</span>' in content


def test_history_names_a_deleted_record_without_its_id(admin_client):
    case = CaseFactory()
    relative = RelativeFactory(case=case)
    case.submitted_by = "relative"
    case.submitting_relative = relative
    case.save()
    case.submitting_relative = None
    case.save()
    relative.delete()

    content = history_of(admin_client, case)

    assert "a deleted record" in content
    assert "pk=" not in content


def test_a_past_version_names_the_app_and_the_model_in_the_language(admin_client):
    case = CaseFactory()
    version = case.history.first()
    url = reverse("admin:cases_case_simple_history", args=[case.pk, version.history_id])

    with translation.override(translation.get_language()):  # the page's is set here
        page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    start = page.index('<div class="breadcrumbs">')
    breadcrumbs = page[start : page.index("</div>", start)]
    assert ">Дела</a>" in breadcrumbs  # the app's name, not its code "cases"
    assert "Cases" not in breadcrumbs
    assert "historical" not in breadcrumbs.lower()


def test_a_past_version_explains_reverting_in_kazakh(admin_client):
    case = CaseFactory()
    version = case.history.first()
    url = reverse("admin:cases_case_simple_history", args=[case.pk, version.history_id])

    with translation.override(translation.get_language()):
        page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content.decode()

    assert 'value="Қайтару"' in page  # simple_history has no Kazakh catalogue
    assert "Press the" not in page
