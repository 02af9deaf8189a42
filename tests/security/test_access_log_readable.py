"""The access log reads as sentences: "viewed case CT-2021-0003"."""

import pytest
from django.urls import reverse

from audit.models import AccessAction, AccessLogEntry, Channel
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
LOG = reverse("admin:audit_accesslogentry_changelist")


@pytest.fixture
def viewed() -> AccessLogEntry:
    case = CaseFactory(reference="CT-2021-0003")
    return AccessLogEntry.objects.create(
        username="worker",
        action=AccessAction.VIEWED,
        object_type="cases.case",
        object_ref=case.reference,
        case_reference=case.reference,
        channel=Channel.ADMIN,
    )


def test_an_entry_says_what_happened_in_words(viewed):
    assert viewed.summary == "viewed case CT-2021-0003"


def test_an_export_names_the_kind_of_records_in_the_plural():
    entry = AccessLogEntry(
        action=AccessAction.EXPORTED, object_type="cases.case", rows=12
    )

    assert entry.summary == "exported cases"


def test_the_log_shows_sentences_and_filters_by_kind_in_words(admin_client, viewed):
    content = admin_client.get(LOG).content.decode()

    assert "viewed case CT-2021-0003" in content
    assert "cases.case" not in content.replace('object_type=cases.case"', "")
    assert ">Cases</a>" in content


def test_an_entry_page_says_what_happened(admin_client, viewed):
    url = reverse("admin:audit_accesslogentry_change", args=[viewed.pk])

    content = admin_client.get(url).content.decode()

    assert "viewed case CT-2021-0003" in content
    assert "cases.case" not in content
