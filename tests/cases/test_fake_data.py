import statistics
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from cases.fake_data import generate_fake_data
from cases.fake_names import (
    is_public_case,
    kazakh_full_name,
    name_pool,
    uyghur_full_name,
)
from cases.given_names import given_names
from cases.models import Case, Detention, Facility, FacilityName, PersonName, Relative

pytestmark = pytest.mark.django_db


def primary_names(cases):
    return [
        next(n.text for n in case.subject.names.all() if n.kind == "primary")
        for case in cases.order_by("reference").prefetch_related("subject__names")
    ]


def test_creates_missing_persons_with_three_name_forms_in_several_scripts():
    summary = generate_fake_data(persons=30, seed=1)

    cases = Case.objects.prefetch_related("subject__names")
    assert summary.persons == cases.count() == 30
    for case in cases:
        names = list(case.subject.names.all())
        assert len(names) == 3
        assert len({name.script for name in names}) >= 2
        assert [name.script for name in names if name.kind == "primary"] == ["Latn"]


def test_gives_each_missing_person_one_case_and_writes_relatives_and_detentions():
    summary = generate_fake_data(persons=40, seed=2)

    assert Case.objects.values("subject").distinct().count() == 40
    assert Relative.objects.count() == summary.relatives > 0
    assert Detention.objects.count() == summary.detentions > 0
    assert Facility.objects.count() == summary.facilities == 20
    assert FacilityName.objects.values("script").distinct().count() == 2
    assert not Relative.objects.filter(person__names__isnull=True).exists()


def test_second_run_continues_references_after_the_first():
    first = generate_fake_data(persons=5, seed=3)
    second = generate_fake_data(persons=5, seed=3)

    assert first.first_reference == "CT-FAKE-0001-000001"
    assert second.first_reference == "CT-FAKE-0002-000001"
    assert Case.objects.count() == 10


def test_name_forms_have_search_keys_and_scripts():
    generate_fake_data(persons=10, seed=4)

    assert not PersonName.objects.filter(search_key="").exists()
    assert not PersonName.objects.filter(script="").exists()
    assert not FacilityName.objects.filter(search_key="").exists()


def test_same_seed_gives_the_same_people():
    generate_fake_data(persons=20, seed=5)
    generate_fake_data(persons=20, seed=5)
    generate_fake_data(persons=20, seed=6)

    runs = [
        Case.objects.filter(reference__startswith=f"CT-FAKE-000{n}-") for n in (1, 2, 3)
    ]
    first, second, other = (primary_names(cases) for cases in runs)
    assert first == second
    assert first != other


def test_command_prints_a_one_line_summary(capsys):
    call_command("generate_fake_data", persons=3, seed=7)

    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "Created 3 invented missing persons" in out


def test_command_refuses_a_count_that_is_not_positive():
    with pytest.raises(CommandError) as error:
        call_command("generate_fake_data", persons=0)

    assert error.value.returncode == 2
    assert not Case.objects.exists()


def test_builds_kazakh_patronymic_and_russian_style_surnames():
    men = {name.latin: name for name in given_names(ethnicity="kazakh", female=False)}
    women = {n.latin: n for n in given_names(ethnicity="kazakh", female=True)}

    daughter = kazakh_full_name(
        given=women["Aigerim"], father=men["Serik"], russian_style=False
    )
    son = kazakh_full_name(given=men["Yerlan"], father=men["Abai"], russian_style=True)

    assert daughter == {
        "latin": "Aigerim Serikkyzy",
        "kazakh": "Айгерім Серікқызы",
        "russian": "Айгерим Сериккызы",
        "chinese": "艾格林·赛力克",
    }
    assert son["latin"] == "Yerlan Abayev"
    assert son["russian"] == "Ерлан Абаев"


def test_builds_uyghur_names_from_the_fathers_given_name():
    men = {name.latin: name for name in given_names(ethnicity="uyghur", female=False)}

    name = uyghur_full_name(given=men["Alim"], father=men["Tursun"])

    assert name == {
        "latin": "Alim Tursun",
        "uyghur": "ئالىم تۇرسۇن",
        "chinese": "阿力木·吐尔逊",
    }


def test_refuses_full_names_of_public_cases():
    men = {name.latin: name for name in given_names(ethnicity="uyghur", female=False)}

    assert is_public_case(given=men["Ilham"], father=men["Tohti"])
    assert not is_public_case(given=men["Ilham"], father=men["Tursun"])


def test_tables_give_enough_distinct_full_names():
    men = {
        people: len(given_names(ethnicity=people, female=False))
        for people in ("kazakh", "uyghur")
    }
    women = {
        people: len(given_names(ethnicity=people, female=True))
        for people in ("kazakh", "uyghur")
    }
    # Kazakh surnames come in two styles; Uyghur names have one.
    kazakh = (men["kazakh"] + women["kazakh"]) * men["kazakh"] * 2
    uyghur = (men["uyghur"] + women["uyghur"]) * men["uyghur"]
    assert kazakh + uyghur > 80_000


def test_kazakh_names_may_carry_a_patronymic_and_a_family_surname():
    men = {name.latin: name for name in given_names(ethnicity="kazakh", female=False)}
    women = {n.latin: n for n in given_names(ethnicity="kazakh", female=True)}

    full = kazakh_full_name(
        given=women["Aigerim"],
        father=men["Serik"],
        russian_style=False,
        family=men["Abai"],
    )
    surname = kazakh_full_name(
        given=men["Yerlan"], father=men["Serik"], russian_style=True, family=men["Abai"]
    )

    assert full["latin"] == "Aigerim Serikkyzy Abayeva"
    assert full["kazakh"] == "Айгерім Серікқызы Абаева"
    assert full["chinese"] == "艾格林·赛力克"
    assert surname["latin"] == "Yerlan Abayev"


def test_name_pools_are_skewed_and_go_on_with_compound_mens_names():
    names, weights = name_pool(ethnicity="uyghur", female=False)
    tables = given_names(ethnicity="uyghur", female=False)

    first, last = weights[0], weights[-1] - weights[-2]
    assert 8 < first / last < 30
    assert len(names) > len(tables)
    assert all(name.latin.endswith("jan") for name in names[len(tables) :])
    assert names[-1].chinese.endswith("江")


def test_generated_names_repeat_as_real_ones_do():
    generate_fake_data(persons=400, seed=8)

    primary = list(
        PersonName.objects.filter(kind="primary").values_list("text", flat=True)
    )
    given = Counter(text.split()[0] for text in primary)
    (_, most), *_ = given.most_common(1)
    assert most >= 5 * statistics.median(given.values())
    assert len(set(primary)) > 0.8 * len(primary)
    assert any(len(text.split()) == 3 for text in primary)
