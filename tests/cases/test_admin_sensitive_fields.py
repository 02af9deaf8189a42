"""Case workers enter the sensitive fields in the admin, and no log repeats them."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, Person
from tests.factories import NamedPersonFactory

pytestmark = pytest.mark.django_db

CONTACT = "+7 700 000 0000 (invented)"
ADDRESS = "Invented Street 12, flat 3, Almaty"
TESTIMONY = "Ағамды түнде алып кетті (invented testimony)."


def inline_management(client, url: str, **totals: int) -> dict[str, object]:
    """Return the management form of every inline on the page, `totals` forms each."""
    page = client.get(url)
    data: dict[str, object] = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {
            f"{prefix}-TOTAL_FORMS": totals.get(prefix, 0),
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data


def new_case_with_a_relative_and_a_testimony(client) -> dict[str, object]:
    url = reverse("admin:cases_case_add")
    subject, sister = NamedPersonFactory(), NamedPersonFactory()
    return {
        "reference": "CT-2024-0200",
        "subject": subject.pk,
        "fate": "camp",
        "workflow": "new",
        "disappeared_on_precision": "day",
        "last_contact_on_precision": "day",
        "confidentiality": "restricted",
        **inline_management(client, url, relatives=1, testimonies=1),
        "relatives-0-person": sister.pk,
        "relatives-0-relationship": "sister",
        "relatives-0-consent": "none",
        "relatives-0-contact_details": CONTACT,
        "relatives-0-address": ADDRESS,
        "testimonies-0-witness": sister.pk,
        "testimonies-0-given_on": "2019-05-14",
        "testimonies-0-language": "kk",
        "testimonies-0-consent": "none",
        "testimonies-0-text": TESTIMONY,
    }


def test_case_page_has_a_testimony_inline_with_witness_autocomplete(admin_client):
    page = admin_client.get(reverse("admin:cases_case_add"))

    inlines = {i.formset.prefix: i for i in page.context["inline_admin_formsets"]}
    testimony_form = inlines["testimonies"].formset.empty_form
    assert {"witness", "given_on", "language", "consent", "text"} <= set(
        testimony_form.fields
    )
    assert "admin-autocomplete" in str(testimony_form["witness"])
    assert "address" in inlines["relatives"].formset.empty_form.fields


def test_saves_a_relative_and_a_testimony_through_the_case_inlines(admin_client):
    data = new_case_with_a_relative_and_a_testimony(admin_client)

    response = admin_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 302, response.context["errors"]
    case = Case.objects.get(reference="CT-2024-0200")
    relative = case.relatives.get()
    assert (relative.contact_details, relative.address) == (CONTACT, ADDRESS)
    testimony = case.testimonies.get()
    assert testimony.text == TESTIMONY
    assert testimony.witness == relative.person
    assert testimony.history.get().text == TESTIMONY


def test_person_form_has_the_sensitive_fields_together(admin_client):
    person = NamedPersonFactory(id_document_number="INVENTED-ID-1")

    page = admin_client.get(reverse("admin:cases_person_change", args=[person.pk]))

    sensitive = [
        fieldset
        for fieldset in page.context["adminform"]
        if fieldset.name == "Sensitive"
    ]
    assert len(sensitive) == 1
    names = [field.field.name for line in sensitive[0] for field in line]
    assert names == ["id_document_number", "home_address"]
    assert "INVENTED-ID-1" in page.content.decode()


def test_saves_the_person_fields_from_the_admin(admin_client):
    person = NamedPersonFactory()
    url = reverse("admin:cases_person_change", args=[person.pk])
    page = admin_client.get(url)
    data = {
        **{
            key: value
            for key, value in page.context["adminform"].form.initial.items()
            if value is not None and key != "photo"
        },
        "birth_date_precision": "day",
        "id_document_number": "INVENTED-ID-650101300123",
        "home_address": ADDRESS,
        **inline_management(admin_client, url),
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    person = Person.objects.get(pk=person.pk)
    assert person.id_document_number == "INVENTED-ID-650101300123"
    assert person.home_address == ADDRESS


def test_saving_through_the_admin_logs_no_sensitive_value(admin_client, caplog):
    data = new_case_with_a_relative_and_a_testimony(admin_client)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO

    # The debug cursor logs every statement and its parameters too.
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 302
    assert any(r.name == "django.db.backends" for r in caplog.records)
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r}" for record in caplog.records
    )
    sql = repr(queries.captured_queries)
    for value in (CONTACT, ADDRESS, TESTIMONY):
        assert value not in logged
        assert value not in sql
