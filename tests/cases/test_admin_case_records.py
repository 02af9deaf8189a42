"""The case page's steps, state claims and submissions, and its source fields."""

import pytest
from django.urls import reverse

from tests.cases.test_admin import case_form, management_form
from tests.factories import CaseFactory, RelativeFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def formset(response, prefix: str):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


def test_only_the_cases_own_relatives_and_submissions_are_offered(admin_client):
    case = CaseFactory()
    own = RelativeFactory(case=case)
    RelativeFactory()  # of another case
    submission = SubmissionFactory(case=case)
    SubmissionFactory()

    response = admin_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    steps = formset(response, "steps").empty_form
    claims = formset(response, "state_claims").empty_form
    source = response.context["adminform"].form
    assert list(steps.fields["relative"].queryset) == [own]
    assert list(claims.fields["submission"].queryset) == [submission]
    assert list(source.fields["submitting_relative"].queryset) == [own]


def test_the_case_page_shows_the_checklist_and_the_source_fields(admin_client):
    case = CaseFactory(place_last_seen="")

    response = admin_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    page = response.content.decode()
    form = response.context["adminform"].form
    assert 'class="wgeid-checklist"' in page
    assert "The place of arrest, abduction or last sighting is not recorded." in page
    assert form["source_confidential"].value() is True
    assert form["consents_to_un_submission"].value() is False


def test_a_step_typed_as_a_month_is_saved_with_its_precision(admin_client):
    case = CaseFactory()
    data = case_form(
        case.subject,
        reference=case.reference,
        source_confidential="on",
        **management_form("steps"),
        **{
            "steps-0-taken_on": "April 2019",
            "steps-0-kind": "court",
            "steps-0-taken_by": "group",
        },
    )

    response = admin_client.post(
        reverse("admin:cases_case_change", args=[case.pk]), data
    )

    assert response.status_code == 302, response.context["errors"]
    step = case.steps.get()
    assert (step.kind, step.taken_display()) == ("court", "2019-04")
