"""The admin's home page: figures per user, links to filtered lists, sections."""

import json

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Confidentiality
from casetracker.admin_site import SECTIONS
from casetracker.settings import tile_source
from sources.models import Lead
from tests.factories import (
    CaseFactory,
    CitationFactory,
    MentionFactory,
    SourceArticleFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    answer = client.get(reverse("admin:index"))
    assert answer.status_code == 200
    return answer


def chart_data(answer) -> dict:
    return answer.context["chart_data"]


def test_a_confidential_case_is_in_no_figure_a_researcher_sees(client):
    CaseFactory(confidentiality=Confidentiality.PUBLIC, fate="camp")
    hidden = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL, fate="prison")

    researcher = home(client, user_with_role("Researcher"))
    administrator = home(client, user_with_role("Administrator"))

    assert researcher.context["figures"].cases == 1
    assert administrator.context["figures"].cases == 2
    assert chart_data(researcher)["charts"]["by-fate"]["keys"] == ["camp"]
    assert hidden.reference not in researcher.content.decode()
    assert hidden.reference in administrator.content.decode()


def test_work_waiting_links_to_the_filtered_lists(client):
    worker = user_with_role("Case worker")
    MentionFactory(person=CaseFactory().subject)
    failed = SourceArticleFactory(state="failed")
    Lead.objects.create(article=failed, text="Invented Name", start=0, end=13)
    Lead.objects.create(
        article=failed, text="Not A Name", start=20, end=30, dismissed=True
    )

    answer = home(client, worker)

    work = {
        item.label: (item.count, item.url) for item in answer.context["work_waiting"]
    }
    assert work["Mentions to review"] == (
        1,
        "/admin/sources/mention/?status__exact=suggested",
    )
    assert work["Failed imports"] == (
        1,
        "/admin/sources/sourcearticle/?state__exact=failed",
    )
    assert work["Leads to review"] == (1, "/admin/sources/lead/?status=open")
    for _count, url in work.values():
        assert client.get(url).status_code == 200


def test_a_researcher_is_not_shown_the_review_queue(client):
    MentionFactory(person=CaseFactory(confidentiality="public").subject)

    answer = home(client, user_with_role("Researcher"))

    labels = [item.label for item in answer.context["work_waiting"]]
    assert labels == ["Failed imports"]
    assert 'id="my-cases"' not in answer.content.decode()  # never assigned one


def test_my_cases_link_to_the_list_filtered_by_me_and_state(client):
    worker = user_with_role("Case worker")
    mine = CaseFactory(assigned_to=worker, workflow="verifying")
    CaseFactory(assigned_to=user_with_role("Case worker"), workflow="verifying")

    answer = home(client, worker)

    [item] = answer.context["assigned_to_me"]
    assert (item.label, item.count) == ("verifying", 1)
    listed = client.get(item.url).context["cl"].result_list
    assert list(listed) == [mine]


def test_cases_with_two_publishers_are_counted_and_listed(client):
    corroborated, single = CaseFactory(), CaseFactory()
    CitationFactory(case=corroborated, article__publisher="Example News")
    CitationFactory(case=corroborated, article__publisher="Other Daily")
    CitationFactory(case=single, article__publisher="Example News")
    CitationFactory(case=single, article__publisher="Example News")

    answer = home(client, user_with_role("Administrator"))

    two = answer.context["two_publishers"]
    assert two.count == 1
    assert list(client.get(two.url).context["cl"].result_list) == [corroborated]


def test_the_chart_data_is_json_in_the_page_not_a_script(client):
    CaseFactory()
    page = home(client, user_with_role("Administrator")).content.decode()

    start = page.index('<script id="dashboard-data" type="application/json">')
    data = json.loads(page[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert data["charts"]["by-month"]["labels"] == ["March 2018"]
    assert "<script>" not in page


def test_sections_come_in_the_case_workers_order_with_human_names(client):
    answer = home(client, user_with_role("Administrator"))

    sections = [
        (app["name"], [m["name"] for m in app["models"]])
        for app in answer.context["app_list"]
    ]
    titles = [str(title) for title, _models in sections]
    assert titles[:5] == [
        "Cases and persons",
        "Review",
        "Sources",
        "Administration",
        "Security",
    ]
    security = dict(sections)["Security"]
    assert "Who opened which record" in security and "Sign-ins" in security
    assert not any("AXES" in str(t) or "OTP" in str(t) for t in titles)


def test_the_home_page_queries_do_not_grow_with_the_cases(client):
    worker = user_with_role("Case worker")
    CaseFactory(assigned_to=worker)
    home(client, worker)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        home(client, worker)
    for _ in range(5):
        CitationFactory(case=CaseFactory(assigned_to=worker, confidentiality="public"))
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        home(client, worker)

    assert len(more) == len(few)


def test_the_charts_are_kept_a_minute_and_the_work_waiting_is_live(client):
    worker = user_with_role("Case worker")
    CaseFactory(confidentiality="public")
    first = home(client, worker)
    assert first.context["figures"].cases == 1
    assert "The charts and totals were counted at" in first.content.decode()

    MentionFactory(person=CaseFactory(confidentiality="public").subject)
    CaseFactory(assigned_to=worker, confidentiality="public")
    with CaptureQueriesContext(connection) as kept:
        again = home(client, worker)
    cache.clear()  # as a minute later, when the figures expire
    with CaptureQueriesContext(connection) as counted:
        later = home(client, worker)

    assert again.context["figures"].cases == 1
    assert {i.label: i.count for i in again.context["work_waiting"]}[
        "Mentions to review"
    ] == 1
    assert sum(t.count for t in again.context["figures"].assigned_to_me) == 1
    assert later.context["figures"].cases == 3
    assert len(kept) < len(counted)


def test_the_map_is_offline_unless_a_tile_server_is_set(client, settings):
    administrator = user_with_role("Administrator")
    offline = chart_data(home(client, administrator))["map"]
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    online = chart_data(home(client, administrator))["map"]

    assert offline["tiles"] is None
    assert offline["outlines"].endswith("asia-110m.geojson")
    assert online["tiles"] == settings.MAP_TILE_URL


def test_a_tile_server_is_allowed_by_host_in_the_policy():
    url = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    assert tile_source(url) == "https://*.tile.example.org"


def test_every_admin_of_our_apps_has_its_section():
    placed = {key for _title, keys in SECTIONS for key in keys}
    ours = {
        (model._meta.app_label, model.__name__)
        for model in admin.site._registry
        if model._meta.app_label in {"cases", "sources", "api", "audit"}
    }

    assert ours <= placed, sorted(ours - placed)
