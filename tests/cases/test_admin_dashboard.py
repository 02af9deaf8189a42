import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cases.models import Case, Confidentiality
from tests.factories import CaseFactory, user_with_role

pytestmark = pytest.mark.django_db


def log_change(user, case: Case) -> None:
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Case),
        object_id=str(case.pk),
        object_repr=str(case),
        action_flag=CHANGE,
    )


def test_recent_actions_leave_out_a_case_the_user_no_longer_sees(client):
    worker = user_with_role("Case worker")
    kept = CaseFactory(confidentiality=Confidentiality.RESTRICTED)
    taken_away = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    log_change(worker, kept)
    log_change(worker, taken_away)  # edited while it was assigned to them
    client.force_login(worker)

    page = client.get(reverse("admin:index")).content.decode()

    assert kept.reference in page
    assert taken_away.reference not in page


def test_recent_actions_list_everything_for_an_administrator(client):
    administrator = user_with_role("Administrator")
    case = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    log_change(administrator, case)
    client.force_login(administrator)

    page = client.get(reverse("admin:index")).content.decode()

    assert case.reference in page
