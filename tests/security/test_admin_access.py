"""The admin access matrix of docs/security.md: every role, model, action and
sensitive field."""

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import models
from django.urls import reverse

from api.models import ApiToken
from audit.models import AccessLogEntry
from cases.admin.access import RoleAwareInlineMixin, RoleAwareMixin
from cases.models import DuplicateCandidate, Person, PersonMerge
from sources.models import Feed, ImportJob, Lead, SpreadsheetImport
from tests.factories import (
    CaseFactory,
    FacilityFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
    SourceArticleFactory,
    TeamFactory,
    TestimonyFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

STAFF_ROLES = ["Administrator", "Case worker", "Researcher"]


def pair() -> DuplicateCandidate:
    a, b = sorted([NamedPersonFactory(), NamedPersonFactory()], key=lambda p: p.pk)
    return DuplicateCandidate.objects.create(person_a=a, person_b=b, score=0.9)


def merge() -> PersonMerge:
    return PersonMerge.objects.create(
        keep=NamedPersonFactory(), duplicate=NamedPersonFactory()
    )


def lead() -> Lead:
    return Lead.objects.create(
        article=SourceArticleFactory(), text="Invented Name", start=0, end=13
    )


# Per registered model: a record to open, and what each staff role may do in
# the admin: l list, v view (its page), a add, c change, d delete, h history.
# (docs/security.md, "Admin"; the API reader is not staff and gets nothing.)
ADMIN: dict[str, tuple[Callable[[], models.Model], dict[str, str]]] = {
    "cases.case": (
        lambda: CaseFactory(confidentiality="public"),
        {"Administrator": "lvacdh", "Case worker": "lvach", "Researcher": "lvh"},
    ),
    "cases.person": (
        NamedPersonFactory,
        {"Administrator": "lvacdh", "Case worker": "lvach", "Researcher": "lvh"},
    ),
    "cases.facility": (
        FacilityFactory,
        {"Administrator": "lvacdh", "Case worker": "lvach", "Researcher": "lvh"},
    ),
    "cases.team": (
        TeamFactory,
        {"Administrator": "lvacdh", "Case worker": "lvh", "Researcher": ""},
    ),
    "cases.duplicatecandidate": (
        pair,
        {"Administrator": "lvcdh", "Case worker": "lvch", "Researcher": ""},
    ),
    "cases.personmerge": (
        merge,
        {"Administrator": "lvh", "Case worker": "lvh", "Researcher": ""},
    ),
    "sources.sourcearticle": (
        SourceArticleFactory,
        {"Administrator": "lvacdh", "Case worker": "lvach", "Researcher": "lvh"},
    ),
    "sources.feed": (
        lambda: Feed.objects.create(url="https://news.example.org/feed.xml"),
        {"Administrator": "lvacdh", "Case worker": "lvach", "Researcher": ""},
    ),
    "sources.importjob": (
        lambda: ImportJob.objects.create(label="invented import"),
        {"Administrator": "lvcdh", "Case worker": "lvch", "Researcher": ""},
    ),
    "sources.spreadsheetimport": (
        lambda: SpreadsheetImport.objects.create(
            filename="invented.csv", sha256="0" * 64, rows=1
        ),
        {"Administrator": "lvh", "Case worker": "", "Researcher": ""},
    ),
    "sources.mention": (
        MentionFactory,
        {"Administrator": "lvcdh", "Case worker": "lvch", "Researcher": ""},
    ),
    "sources.lead": (
        lead,
        {"Administrator": "lvcdh", "Case worker": "lvch", "Researcher": ""},
    ),
    "api.apitoken": (
        lambda: ApiToken.objects.issue(user=UserFactory(), name="invented")[0],
        # Every staff user lists and adds their own tokens (api/admin.py); the
        # record here is another user's: missing to them (REFUSED_AS_MISSING).
        {"Administrator": "lvacdh", "Case worker": "la", "Researcher": "la"},
    ),
    "audit.accesslogentry": (
        lambda: AccessLogEntry.objects.create(
            action="viewed", object_type="cases.case", channel="admin"
        ),
        {"Administrator": "lvh", "Case worker": "", "Researcher": ""},
    ),
}
# Records that a role may not open answer as a missing record does: Django's
# redirect to the admin's home page, not a 403 (deleting, which needs a
# permission they lack whatever the record, is still a 403).
REFUSED_AS_MISSING = {("api.apitoken", "Case worker"), ("api.apitoken", "Researcher")}
ACTIONS = {
    "l": "list",
    "v": "view",
    "a": "add",
    "c": "change",
    "d": "delete",
    "h": "history",
}


def admin_url(model: str, view: str, *args: object) -> str:
    return reverse(f"admin:{model.replace('.', '_')}_{view}", args=args)


def request_for(client, model: str, action: str, record: models.Model):
    """Make the request behind one action on one record; return the response."""
    if action == "list":
        return client.get(admin_url(model, "changelist"))
    if action == "add":
        return client.get(admin_url(model, "add"))
    if action == "change":
        # Empty data: refused (403) without the right, else a form error or a save.
        return client.post(admin_url(model, "change", record.pk), {})
    view = {"view": "change", "delete": "delete", "history": "history"}[action]
    return client.get(admin_url(model, view, record.pk))


def test_every_admin_of_our_apps_is_in_the_matrix():
    ours = {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in {"cases", "sources", "api", "audit"}
    }

    assert ours == set(ADMIN)


def test_every_admin_and_inline_of_cases_and_sources_hides_what_roles_may_not_see():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"cases", "sources"}:
            continue
        assert isinstance(model_admin, RoleAwareMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, RoleAwareInlineMixin), inline


@pytest.mark.parametrize("action", ACTIONS.values())
@pytest.mark.parametrize("model", ADMIN)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_admin_answers_each_role_as_the_matrix_says(client, role, model, action):
    make, allowed = ADMIN[model]
    record = make()
    client.force_login(user_with_role(role))

    response = request_for(client, model, action, record)

    if action in {ACTIONS[code] for code in allowed[role]}:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    elif (model, role) in REFUSED_AS_MISSING and action != "delete":
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("model", ADMIN)
def test_api_reader_cannot_use_the_admin(client, model):
    client.force_login(user_with_role("API reader"))

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# The inlines of a case's, person's and facility's page, by role: v view,
# a add, c change, d delete; "" means the inline is not shown at all.
INLINES = {
    ("cases.case", "relative"): {
        "Administrator": "vacd",
        "Case worker": "vacd",
        "Researcher": "v",
    },
    ("cases.case", "detention"): {
        "Administrator": "vacd",
        "Case worker": "vacd",
        "Researcher": "v",
    },
    ("cases.case", "testimony"): {
        "Administrator": "vacd",
        "Case worker": "vac",
        "Researcher": "",
    },
    ("cases.case", "citation"): {
        "Administrator": "vacd",
        "Case worker": "vacd",
        "Researcher": "v",
    },
    ("cases.person", "personname"): {
        "Administrator": "vacd",
        "Case worker": "vacd",
        "Researcher": "v",
    },
    ("cases.facility", "facilityname"): {
        "Administrator": "vacd",
        "Case worker": "vacd",
        "Researcher": "v",
    },
}
PARENTS = {
    "cases.case": lambda: CaseFactory(confidentiality="public"),
    "cases.person": NamedPersonFactory,
    "cases.facility": FacilityFactory,
}


@pytest.mark.parametrize("action", ["view", "add", "change", "delete"])
@pytest.mark.parametrize("parent,inline", INLINES)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_inline_lets_each_role_do_what_the_matrix_says(
    client, role, parent, inline, action
):
    record = PARENTS[parent]()
    client.force_login(user_with_role(role))

    response = client.get(admin_url(parent, "change", record.pk))

    shown = {
        formset.opts.model._meta.model_name: formset
        for formset in response.context["inline_admin_formsets"]
    }
    expected = action[0] in INLINES[(parent, inline)][role]
    if inline not in shown:
        assert not expected
    else:
        assert getattr(shown[inline], f"has_{action}_permission") is expected


# Sensitive values, all invented, and the page that shows each one.
SENSITIVE = {
    ("person", "id_document_number"): "ID-INVENTED-4711",
    ("person", "home_address"): "Invented street 12, Invented town",
    ("relative", "contact_details"): "+7 700 000 INVENTED",
    ("relative", "address"): "Invented lane 3, Invented village",
    ("testimony", "text"): "Invented testimony: they came at night.",
}
SEES_SENSITIVE = {"Administrator": True, "Case worker": True, "Researcher": False}


@pytest.fixture
def documented_case():
    """Return a public case whose subject, relative and testimony hold every
    sensitive value."""
    values = {field: value for (_, field), value in SENSITIVE.items()}
    subject = NamedPersonFactory(
        id_document_number=values["id_document_number"],
        home_address=values["home_address"],
    )
    case = CaseFactory(subject=subject, confidentiality="public")
    RelativeFactory(
        case=case, contact_details=values["contact_details"], address=values["address"]
    )
    TestimonyFactory(case=case, text=values["text"])
    return case


@pytest.mark.parametrize("model,field", SENSITIVE)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_sensitive_field_is_in_the_form_only_for_roles_that_may_see_it(
    client, documented_case, role, model, field
):
    client.force_login(user_with_role(role))
    record = documented_case.subject if model == "person" else documented_case

    response = client.get(admin_url(record._meta.label_lower, "change", record.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert (SENSITIVE[(model, field)] in content) is SEES_SENSITIVE[role]
    assert (f'name="{field}"' in content or f'-{field}"' in content) is (
        role != "Researcher"
    )


@pytest.mark.parametrize("field", ["id_document_number", "home_address"])
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_sensitive_field_is_in_the_history_only_for_roles_that_may_see_it(
    client, documented_case, role, field
):
    person = documented_case.subject
    setattr(person, field, "Changed: invented value 99")
    person.save()
    client.force_login(user_with_role(role))

    listing = client.get(admin_url("cases.person", "history", person.pk))
    version = person.history.earliest("history_date")
    page = client.get(
        admin_url("cases.person", "simple_history", person.pk, version.pk)
    )

    for response in (listing, page):
        content = response.content.decode()
        assert response.status_code == 200
        assert (SENSITIVE[("person", field)] in content) is SEES_SENSITIVE[role]
    changes = listing.content.decode()
    assert ("Changed: invented value 99" in changes) is SEES_SENSITIVE[role]


@pytest.mark.parametrize(
    "model,lookup",
    [
        ("cases.person", "home_address__startswith"),
        ("cases.person", "id_document_number"),
        ("cases.case", "relatives__contact_details__isnull"),
        ("cases.case", "testimonies__text__contains"),
    ],
)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_filtering_on_a_sensitive_field_is_refused_to_every_role(
    client, role, model, lookup
):
    NamedPersonFactory(home_address="Invented street 1")
    client.force_login(user_with_role(role))

    response = client.get(admin_url(model, "changelist"), {lookup: "gAAAAA"})

    assert response.status_code == 400


def test_researcher_cannot_slip_a_sensitive_value_into_a_post(client):
    person = NamedPersonFactory(home_address="Invented street 5")
    client.force_login(user_with_role("Researcher"))

    response = client.post(
        admin_url("cases.person", "change", person.pk),
        {"home_address": "Overwritten by a researcher"},
    )

    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).home_address == "Invented street 5"


# Actions that write, by the admin that offers them: a user who may only view
# the list must not be offered them.
WRITING_ACTIONS = [
    ("sources.mention", "confirm"),
    ("sources.mention", "reject"),
    ("sources.lead", "create_persons"),
    ("cases.duplicatecandidate", "merge_into_a"),
    ("cases.duplicatecandidate", "dismiss"),
    ("cases.personmerge", "undo"),
    ("sources.sourcearticle", "import_again"),
    ("sources.feed", "poll_now"),
]


def offered_actions(client, model: str) -> set[str]:
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    form = response.context["action_form"]  # None when no action is offered
    return {name for name, _ in form.fields["action"].choices} if form else set()


@pytest.mark.parametrize("model,action", WRITING_ACTIONS)
def test_writing_action_is_not_offered_to_who_may_only_view(client, model, action):
    app_label, model_name = model.split(".")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label=app_label, codename=f"view_{model_name}"
        )
    )
    client.force_login(viewer)

    assert action not in offered_actions(client, model)


@pytest.mark.parametrize("model,action", WRITING_ACTIONS)
def test_writing_action_is_offered_to_the_case_worker(client, model, action):
    client.force_login(user_with_role("Case worker"))

    assert action in offered_actions(client, model)


@pytest.mark.parametrize(
    "role,status", [("Administrator", 200), ("Case worker", 404), ("Researcher", 404)]
)
def test_history_of_a_deleted_record_is_only_for_who_sees_every_record(
    client, role, status
):
    facility = FacilityFactory()
    url = admin_url("cases.facility", "history", facility.pk)
    facility.delete()
    client.force_login(user_with_role(role))

    assert client.get(url).status_code == status
