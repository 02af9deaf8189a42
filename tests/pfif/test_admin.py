"""The case list's action "Export as PFIF 1.4"."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from audit.models import AccessLogEntry
from cases.models import Confidentiality
from tests.factories import CaseFactory
from tests.pfif.validator import check_pfif
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db
URL = "/admin/cases/case/"


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    require_postgresql()


def export(client, *cases):
    return client.post(
        URL,
        {"action": "export_as_pfif", ACTION_CHECKBOX_NAME: [c.pk for c in cases]},
    )


def test_exports_the_selected_public_cases_with_consent(admin_client):
    shown = CaseFactory(
        confidentiality=Confidentiality.PUBLIC, consents_to_publication=True
    )
    withheld = CaseFactory(confidentiality=Confidentiality.PUBLIC)

    response = export(admin_client, shown, withheld)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response.content.count(b"<pfif:person>") == 1
    assert check_pfif(response.content) == []
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.channel, entry.rows) == ("exported", "admin", 1)


def test_says_so_when_nothing_may_be_published(admin_client):
    case = CaseFactory(confidentiality=Confidentiality.PUBLIC)

    response = export(admin_client, case)

    assert response.status_code == 302
    assert not AccessLogEntry.objects.exists()
