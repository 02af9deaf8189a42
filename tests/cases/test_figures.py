import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.figures import case_figures, recent_cases, recent_changes
from cases.models import Confidentiality, Fate
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    FacilityFactory,
    NamedPersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def bars(tallies) -> dict[str, int]:
    return {tally.label: tally.count for tally in tallies}


def test_a_date_known_to_the_year_is_its_own_bar_never_january():
    administrator = user_with_role("Administrator")
    CaseFactory(
        disappeared_on=datetime.date(2018, 3, 1), disappeared_on_precision="month"
    )
    CaseFactory(
        disappeared_on=datetime.date(2018, 1, 1), disappeared_on_precision="year"
    )
    CaseFactory(
        disappeared_on=datetime.date(2018, 1, 1), disappeared_on_precision="year"
    )
    CaseFactory(disappeared_on=None)

    figures = case_figures(user=administrator)

    keys = [(tally.key, tally.count) for tally in figures.by_month]
    assert keys == [("2018-03", 1), ("2018", 2)]
    assert figures.by_month[-1].label == "2018, month not known"
    assert figures.undated == 1


def test_the_year_bar_follows_its_december_when_later_years_are_known():
    administrator = user_with_role("Administrator")
    CaseFactory(disappeared_on=datetime.date(2017, 11, 5))
    CaseFactory(
        disappeared_on=datetime.date(2017, 1, 1), disappeared_on_precision="year"
    )
    CaseFactory(
        disappeared_on=datetime.date(2018, 2, 1), disappeared_on_precision="month"
    )

    keys = [tally.key for tally in case_figures(user=administrator).by_month]

    assert keys == ["2017-11", "2017-12", "2017", "2018-01", "2018-02"]


def test_a_researcher_counts_no_confidential_case():
    researcher = user_with_role("Researcher")
    administrator = user_with_role("Administrator")
    camp = FacilityFactory(latitude=43.9, longitude=81.3)
    public = CaseFactory(confidentiality=Confidentiality.PUBLIC, fate=Fate.CAMP)
    hidden = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL, fate=Fate.CAMP)
    CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL, fate=Fate.PRISON)
    DetentionFactory(case=public, facility=camp)
    DetentionFactory(case=hidden, facility=camp)

    mine, all_of_them = case_figures(user=researcher), case_figures(user=administrator)

    assert (mine.cases, all_of_them.cases) == (1, 3)
    assert bars(mine.by_fate) == {"held in a camp": 1}
    assert bars(all_of_them.by_fate) == {
        "held in a camp": 2,
        "held in prison or sentenced": 1,
    }
    assert [(f.name, f.cases) for f in mine.by_facility] == [(camp.name, 1)]
    assert [f.cases for f in all_of_them.by_facility] == [2]
    assert mine.open_duplicates is None  # a researcher does not review pairs


def test_origin_ethnicity_and_my_cases_are_counted():
    worker = user_with_role("Case worker")
    uyghur = NamedPersonFactory(ethnicity="uyghur", origin_prefecture="Kashgar")
    CaseFactory(subject=uyghur, assigned_to=worker, workflow="verifying")
    CaseFactory(subject__origin_prefecture="", assigned_to=worker)

    figures = case_figures(user=worker)

    assert bars(figures.by_ethnicity) == {"Uyghur": 1, "Kazakh": 1}
    assert bars(figures.by_prefecture) == {"Kashgar": 1, "prefecture not known": 1}
    assert bars(figures.assigned_to_me) == {"new": 1, "verifying": 1}
    assert figures.open_duplicates == 0


def test_recent_cases_and_changes_leave_out_hidden_cases():
    researcher = user_with_role("Researcher")
    public = CaseFactory(confidentiality=Confidentiality.PUBLIC)
    CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)

    assert recent_cases(user=researcher) == [public]
    assert [v.reference for v in recent_changes(user=researcher)] == [public.reference]


def test_the_number_of_queries_does_not_grow_with_the_cases():
    worker = user_with_role("Case worker")
    CaseFactory(assigned_to=worker)
    case_figures(user=worker)  # the user's permissions, read once and kept
    with CaptureQueriesContext(connection) as few:
        case_figures(user=worker)
    for _ in range(5):
        DetentionFactory(case=CaseFactory(assigned_to=worker))
    with CaptureQueriesContext(connection) as more:
        case_figures(user=worker)

    assert len(more) == len(few)
