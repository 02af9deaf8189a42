import io

import pytest
from django.core.management import call_command

from cases.models import PersonName
from sources.matching import find_leads, find_mentions, match_article
from sources.models import Lead, Mention, MentionStatus
from tests.factories import (
    FacilityNameFactory,
    SourceArticleFactory,
    person_named,
)
from tests.sources.articles import seed_text as protest_article_text

pytestmark = pytest.mark.django_db


def person_id_named(*names: str) -> int:
    return person_named(*names).pk


@pytest.fixture
def demo() -> dict[str, int]:
    """Load the demo cases; return the ids of the two activists of the seed."""
    call_command("load_demo", stdout=io.StringIO())
    # The bundle loader saves name forms one by one, which does not write
    # their lookup keys; refresh them the way `rebuild_name_keys` does.
    PersonName.objects.sync_keys(PersonName.objects.all())
    return {
        name: PersonName.objects.get(text=name).person_id
        for name in ("Baibolat Kunbolat", "Serikzhan Bilash")
    }


@pytest.fixture
def seed_text() -> str:
    return protest_article_text()


def test_seed_article_mentions_exactly_kunbolat_and_bilash(demo, seed_text):
    mentions = find_mentions(text=seed_text)

    kunbolat, bilash = demo["Baibolat Kunbolat"], demo["Serikzhan Bilash"]
    assert [(m.person_id, m.text) for m in mentions] == [
        (kunbolat, "Baibolat Kunbolat"),
        (kunbolat, "Kunbolat"),
        (bilash, "Serikzhan Bilash"),
        (bilash, "Bilash"),
        (bilash, "Bilash"),
        (bilash, "Bilash"),
    ]
    assert all(seed_text[m.start : m.end] == m.text for m in mentions)


def test_seed_article_gives_the_day_count_near_kunbolat(demo, seed_text):
    mentions = find_mentions(text=seed_text)

    first = next(m for m in mentions if m.text == "Baibolat Kunbolat")
    assert {"kind": "day_count", "text": "the 1,049th day"} in first.hints["dates"]
    assert "Baibolat = Baibolat (exact)" in first.explanation


def test_looks_up_a_long_article_in_few_queries(
    demo, seed_text, django_assert_max_num_queries
):
    # Candidate keys (and their retry for windows that found nobody), the
    # name forms of the persons found, the facility names.
    with django_assert_max_num_queries(4):
        find_mentions(text=seed_text * 3)


def test_a_name_spelt_exactly_brings_its_persons_forms_for_references_back(
    django_assert_num_queries,
):
    person = person_id_named("Nurbol Invented Ospanov", "Нурбол Оспанов")
    text = "Relatives of Nurbol Invented Ospanov wrote. Оспанов never came back."

    # The exact names with their persons' forms, then the facility names.
    with django_assert_num_queries(2):
        mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [
        (person, "Nurbol Invented Ospanov"),
        (person, "Оспанов"),
    ]


def test_a_name_found_by_its_keys_still_refers_back():
    person = person_id_named("Nurbol Invented Ospanov")
    text = "Relatives of Nurbol Invented Ospanow wrote. Ospanov never came back."

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [
        (person, "Nurbol Invented Ospanow"),
        (person, "Ospanov"),
    ]


def test_surname_alone_is_no_mention_before_the_full_name(demo):
    text = "Kunbolat spoke first. Later Baibolat Kunbolat held up a photo."

    mentions = find_mentions(text=text)

    assert [m.text for m in mentions] == ["Baibolat Kunbolat"]


def test_surname_inside_another_name_is_no_mention(demo):
    text = "Baibolat Kunbolat came with his cousin, Aidos Kunbolat."

    assert [m.text for m in find_mentions(text=text)] == ["Baibolat Kunbolat"]


def test_three_part_name_is_one_mention_not_its_two_part_windows():
    whole = person_id_named("Talgatbek Sakenuly Akylbekov")
    person_id_named("Saken Akylbekuly Nurlybekov")
    text = "Relatives of Talgatbek Sakenuly Akylbekov asked for news."

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [
        (whole, "Talgatbek Sakenuly Akylbekov")
    ]


def test_finds_russian_inflected_name(demo):
    text = "Суд арестовал Серикжана Билаша на десять дней. Адвокат Билаша обжалует."

    mentions = find_mentions(text=text)

    assert {(m.person_id, m.text) for m in mentions} == {
        (demo["Serikzhan Bilash"], "Серикжана Билаша"),
        (demo["Serikzhan Bilash"], "Билаша"),
    }


def test_finds_a_kazakh_inflected_name_known_only_in_latin():
    aizhan = person_id_named("Aizhan Alimzhanova")
    text = "Айжан Әлімжанованың туыстары 2019 жылдан бері хабар күтуде."

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [
        (aizhan, "Айжан Әлімжанованың")
    ]


def test_finds_kazakh_inflected_name():
    asan = person_id_named("Asan Zhumabekuly", "Асан Жұмабекұлы")
    text = "Асан Жұмабекұлының інісі 2018 жылдан бері хабарсыз."

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [(asan, "Асан Жұмабекұлының")]
    assert {"kind": "since", "text": "2018 жылдан бері"} in mentions[0].hints["dates"]


def test_a_month_inside_a_longer_word_is_not_a_date_clue():
    asan = person_id_named("Asan Zhumabekuly", "Асан Жұмабекұлы")
    text = "Асан Жұмабекұлы жил в Гумарт 2018 года, вес 2018 года не помнят."

    [mention] = find_mentions(text=text)

    assert mention.person_id == asan
    # Not "март 2018" (a month) nor "с 2018 года" (since): each starts mid-word.
    assert mention.hints["dates"] == [
        {"kind": "year", "text": "2018 года"},
        {"kind": "year", "text": "2018 года"},
    ]


def test_finds_uyghur_name_in_arabic_script():
    ekber = person_id_named("Ekber Imintohti", "ئەكبەر ئىمىنتوختى")
    text = "ئاكىسى ئەكبەر ئىمىنتوختى 2018-يىلى تۇتۇلغان، دېدى."

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [(ekber, "ئەكبەر ئىمىنتوختى")]


def test_finds_chinese_name_with_middle_dot():
    rahile = person_id_named("Rahile Dawut", "热依拉·达吾提")
    text = "据报道，新疆大学教授热依拉·达吾提于2017年12月失踪，至今下落不明。"

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.text) for m in mentions] == [(rahile, "热依拉·达吾提")]
    assert {"kind": "month", "text": "2017年12月"} in mentions[0].hints["dates"]


def test_person_named_twice_is_mentioned_twice():
    person = person_id_named("Aigerim Invented Testkyzy")
    text = (
        "Aigerim Invented Testkyzy wrote to the embassy. "
        "A year later Aigerim Invented Testkyzy wrote again."
    )

    mentions = find_mentions(text=text)

    assert [(m.person_id, m.start) for m in mentions] == [(person, 0), (person, 61)]


def test_hints_name_a_facility_nearby():
    person = person_id_named("Nurbol Ospanov")
    form = FacilityNameFactory(text="Invented Detention Centre No. 7")
    FacilityNameFactory(facility=form.facility, text="虚构第七看守所")
    text = (
        "Nurbol Ospanov was taken to the invented detention centre no. 7 "
        "in May 2018; not to Invented Detention Centre No. 8."
    )

    [mention] = find_mentions(text=text)

    assert mention.person_id == person
    assert mention.hints["facilities"] == [
        {
            "id": form.facility_id,
            "name": form.facility.name,
            "text": "invented detention centre no. 7",
        }
    ]
    assert {"kind": "month", "text": "in May 2018"} in mention.hints["dates"]


def test_hints_find_a_facility_written_inside_chinese_text():
    person = person_id_named("Nurbol Ospanov")
    form = FacilityNameFactory(text="虚构第七看守所")
    other = FacilityNameFactory(text="虚构第七看守所", facility__name="Invented Twin")
    text = "Nurbol Ospanov 2018年被关进虚构第七看守所。"

    [mention] = find_mentions(text=text)

    assert mention.person_id == person
    found = {(f["id"], f["text"]) for f in mention.hints["facilities"]}
    assert found == {
        (form.facility_id, "虚构第七看守所"),
        (other.facility_id, "虚构第七看守所"),
    }


def test_a_facility_hint_keeps_its_place_after_a_turkish_capital_i():
    person_id_named("Nurbol Ospanov")
    form = FacilityNameFactory(text="Invented Detention Centre No. 7")
    text = "İstanbul'da İHH: Nurbol Ospanov, Invented Detention Centre No. 7."

    [mention] = find_mentions(text=text)

    [hint] = mention.hints["facilities"]
    assert (hint["id"], hint["text"]) == (form.facility_id, form.text)


def test_a_facility_named_after_a_first_article_is_found_in_the_next():
    person_id_named("Nurbol Ospanov")
    text = "Nurbol Ospanov was taken to Invented Camp Kokterek in May 2018."
    [before] = find_mentions(text=text)

    form = FacilityNameFactory(text="Invented Camp Kokterek")
    [after] = find_mentions(text=text)

    assert before.hints["facilities"] == []
    assert after.hints["facilities"] == [
        {"id": form.facility_id, "name": form.facility.name, "text": form.text}
    ]


def test_match_article_stores_mentions_once_and_keeps_reviews(demo, seed_text):
    article = SourceArticleFactory(text=seed_text)

    first = match_article(article=article)
    Mention.objects.filter(pk=first[1]).update(status=MentionStatus.REJECTED)
    again = match_article(article=article)

    assert len(first) == 6
    assert again == first
    assert Mention.objects.filter(article=article).count() == 6
    assert Mention.objects.get(pk=first[1]).status == MentionStatus.REJECTED
    others = Mention.objects.filter(article=article).exclude(pk=first[1])
    assert {m.status for m in others} == {"suggested"}


def test_match_article_keeps_confirmed_mention_confirmed(demo, seed_text):
    article = SourceArticleFactory(text=seed_text)
    mention = Mention.objects.get(pk=match_article(article=article)[0])
    mention.status = MentionStatus.CONFIRMED
    mention.save()

    match_article(article=article)

    assert Mention.objects.get(pk=mention.pk).status == MentionStatus.CONFIRMED


def test_lists_unknown_kazakh_name_as_lead_but_not_places():
    text = (
        "In Almaty, Aidos Serikuly said his sister was taken in 2018. "
        "Relatives later travelled from Almaty to Ankara. "
        "Гүлмира Төлеубаева также выступила."
    )

    leads = [lead.text for lead in find_leads(text=text, mentions=[])]

    assert leads == ["Aidos Serikuly", "Гүлмира Төлеубаева"]


def test_finds_leads_in_arabic_and_chinese_script():
    text = "ئابدۇرەھىم ئەخمەت تۇتۇلغان. 据报道，阿不都热依木·艾合买提也被拘押。"

    leads = [lead.text for lead in find_leads(text=text, mentions=[])]

    assert leads == ["ئابدۇرەھىم ئەخمەت", "阿不都热依木·艾合买提"]


def test_seed_article_has_no_leads(demo, seed_text):
    article = SourceArticleFactory(text=seed_text)

    match_article(article=article)

    assert list(article.leads.all()) == []


def test_match_article_stores_each_lead_once():
    article = SourceArticleFactory(
        text="Aidos Serikuly spoke. Later Aidos Serikuly spoke again."
    )

    match_article(article=article)
    match_article(article=article)

    assert list(Lead.objects.values_list("text", "start")) == [("Aidos Serikuly", 0)]


def test_a_patronymic_word_alone_in_lower_case_is_no_name():
    text = "Bir oğlu var, they said; uly was the word."

    assert find_mentions(text=text) == []
    assert find_leads(text=text, mentions=[]) == []
