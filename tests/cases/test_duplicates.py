import datetime

import pytest
from django.core.management import call_command

from cases import tasks
from cases.duplicates import find_duplicate_persons, possible_duplicates_of
from cases.evidence import describe_evidence
from cases.merging import merge_persons
from cases.models import DuplicateCandidate, DuplicateStatus, Person
from tests.factories import person_named

pytestmark = pytest.mark.django_db


def test_lists_the_same_person_entered_twice_with_evidence():
    first = person_named(
        "Gulnar Serikova", birth_date=datetime.date(1980, 5, 1), origin_county="Tekes"
    )
    second = person_named(
        "Гүлнар Серікова", birth_date=datetime.date(1980, 1, 1), origin_county="tekes"
    )
    person_named("Rahile Dawut")

    assert find_duplicate_persons() == 1

    pair = DuplicateCandidate.objects.get()
    assert (pair.person_a, pair.person_b) == (first, second)
    assert pair.status == DuplicateStatus.OPEN
    assert pair.evidence["names"] == ["Gulnar Serikova", "Гүлнар Серікова"]
    assert "the same in another script" in pair.evidence["explanation"]
    assert set(pair.evidence["same"]) >= {"birth year", "county of origin", "gender"}
    assert pair.evidence["different"] == []
    assert pair.score > pair.evidence["name_score"]


def test_conflicting_facts_lower_the_score_and_are_shown():
    person_named("Gulnar Serikova", gender="female")
    person_named("Gulnar Serikova", gender="male")

    find_duplicate_persons()

    pair = DuplicateCandidate.objects.get()
    assert pair.evidence["different"] == ["gender"]
    assert pair.score < pair.evidence["name_score"]


def test_running_again_keeps_a_dismissed_pair_dismissed():
    person_named("Gulnar Serikova")
    person_named("Gulnar Serikova")
    find_duplicate_persons()
    DuplicateCandidate.objects.get().dismiss(actor=None)

    find_duplicate_persons()

    assert DuplicateCandidate.objects.get().status == DuplicateStatus.DISMISSED


def test_running_again_does_not_duplicate_open_pairs():
    person_named("Gulnar Serikova")
    person_named("Gulnar Serikova")

    find_duplicate_persons()
    find_duplicate_persons()

    assert DuplicateCandidate.objects.count() == 1


def test_looks_only_at_the_persons_given():
    new = person_named("Gulnar Serikova")
    person_named("Gulnar Serikova")
    person_named("Rahile Dawut")
    person_named("Rahile Dawut")

    assert find_duplicate_persons(person_ids=[new.pk]) == 1
    assert (
        new.pk in DuplicateCandidate.objects.values_list("person_a", "person_b").get()
    )


def test_ignores_merged_persons():
    keep = person_named("Gulnar Serikova")
    merge_persons(keep=keep, duplicate=person_named("Gulnar Serikova"), actor=None)

    assert find_duplicate_persons() == 0


def test_different_names_are_not_listed():
    person_named("Dawut Tohti")
    person_named("Rahile Dawut")

    assert find_duplicate_persons() == 0


def test_task_and_command_call_the_same_job(capsys):
    person_named("Gulnar Serikova")
    person_named("Gulnar Serikova")

    assert tasks.find_duplicate_persons.delay().get() == 1
    call_command("find_duplicates")

    assert "Listed 1 possible duplicate pairs" in capsys.readouterr().out
    assert DuplicateCandidate.objects.count() == 1


def test_a_person_being_entered_is_scored_as_the_job_scores_the_pair():
    recorded = person_named("Gulnar Serikova", gender="female", origin_county="Tekes")
    entered = Person(gender="female", origin_county="tekes")

    [found] = possible_duplicates_of(entered, ["Гүлнар Серікова"])

    assert found.person == recorded
    entered.save()
    entered.names.create(text="Гүлнар Серікова")
    find_duplicate_persons()
    assert found.score == DuplicateCandidate.objects.get().score
    assert found.evidence["same"] == DuplicateCandidate.objects.get().evidence["same"]


def test_the_evidence_shows_no_second_score():
    person_named("Gulnar Serikova", gender="female")
    person_named("Гүлнар Серікова", gender="female")

    find_duplicate_persons()

    pair = DuplicateCandidate.objects.get()
    lines = describe_evidence(pair.evidence)
    assert not any("score 0" in line for line in lines)
    assert f"{pair.evidence['name_score']:.2f}" not in " ".join(lines)
    assert lines[-1].startswith("Same ") and "gender" in lines[-1]


def test_a_run_reports_its_progress_per_batch():
    for _ in range(3):
        person_named("Gulnar Serikova")
    heard = []

    find_duplicate_persons(
        progress=lambda checked, total: heard.append((checked, total))
    )

    assert heard == [(0, 3), (3, 3)]
