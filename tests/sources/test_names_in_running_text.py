"""The finder in running text: one person per span, names that read as names,
leads only for names of the peoples we document, and no noise on ordinary news."""

import io

import pytest
from django.core.management import call_command

from cases.fake_data import generate_fake_data
from cases.models import PersonName
from sources.matching import find_leads, find_mentions, match_article
from sources.matching.judging import reads_as_transcription
from sources.matching.reading import evidence_bar
from sources.matching.tokens import words
from sources.models import Lead, Mention
from tests.factories import SourceArticleFactory, person_named
from tests.sources.ordinary_news import ORDINARY_NEWS, TRAP_TARGETS

pytestmark = pytest.mark.django_db

KAZAKH = (
    "Айнұр Тұрсын әпкесі Гүлнар Тұрсынның 2019 жылдың сәуірінде Құлжада "
    "ұсталғанын айтты."
)
UYGHUR = "گۈلنار تۇرسۇننىڭ سىڭلىسى ئايگۈل تۇرسۇن 2019-يىلى تۇتۇلغان."


@pytest.fixture
def gulnar() -> int:
    return person_named("Gulnar Tursun", "Гүлнар Тұрсын", "گۈلنار تۇرسۇن").pk


def suggested(text: str) -> list[tuple[int, str]]:
    return [(m.person_id, m.text) for m in find_mentions(text=text)]


def test_a_kazakh_genitive_name_is_suggested_not_a_lead(gulnar):
    mentions = find_mentions(text=KAZAKH, language="kk")
    leads = find_leads(text=KAZAKH, mentions=mentions, language="kk")

    assert [(m.person_id, m.text) for m in mentions] == [(gulnar, "Гүлнар Тұрсынның")]
    assert "Тұрсынның" in mentions[0].explanation
    # Her sister, who speaks, is nobody we know: a lead, not Gulnar.
    assert [lead.text for lead in leads] == ["Айнұр Тұрсын"]


def test_a_uyghur_genitive_name_gives_one_suggestion_for_one_person(gulnar):
    mentions = find_mentions(text=UYGHUR, language="ug")

    # Not the given name, the genitive surname or the sister's surname apart.
    assert [(m.person_id, m.text) for m in mentions] == [(gulnar, "گۈلنار تۇرسۇننىڭ")]
    leads = find_leads(text=UYGHUR, mentions=mentions, language="ug")
    assert [lead.text for lead in leads] == ["ئايگۈل تۇرسۇن"]


def test_a_surname_alone_is_no_mention_where_another_person_shares_it(gulnar):
    text = (
        "Gulnar Tursun was detained in 2019. Her sister Aigul Tursun spoke "
        "to reporters. Tursun said the family had no news."
    )

    assert suggested(text) == [(gulnar, "Gulnar Tursun")]


def test_a_surname_alone_still_refers_back_when_nobody_shares_it(gulnar):
    text = "Gulnar Tursun was detained in 2019. Tursun had worked as a teacher."

    assert suggested(text) == [(gulnar, "Gulnar Tursun"), (gulnar, "Tursun")]


def test_a_latin_word_does_not_match_a_chinese_form_unless_a_transcription():
    person_named("克尤木 阿伊夏")
    rahile = person_named("热依拉·达吾提").pk

    assert suggested("Dalam Kaum Syi’ah ada banyak aliran.") == []
    assert suggested("Relatives of Rahile Dawut spoke.") == [(rahile, "Rahile Dawut")]


def test_an_apostrophe_does_not_cut_a_word():
    assert [w.text for w in words("Kaum Syi’ah, Kunbolat's son, Ospanov'un")] == [
        "Kaum",
        "Syi’ah",
        "Kunbolat",
        "son",
        "Ospanov",
    ]
    assert not reads_as_transcription(words("Kaum Syi’ah"))


def test_common_words_of_the_article_language_are_no_name():
    person_named("Waris Sattar")
    person_named("Saniya Santa Fe")

    assert suggested("Star Wars fans met in Santa Fe.") == []


def test_a_loose_match_needs_more_evidence_the_more_persons_on_record():
    assert evidence_bar(500) == evidence_bar(1_000) < evidence_bar(10_000)
    assert evidence_bar(10_000) < evidence_bar(100_000) <= 0.95


def test_parts_keep_their_order_unless_written_in_another_tradition():
    erkin = person_named("Erkin Qeyum", "Эркин Кейум").pk

    assert suggested("Erkin Qeyum spoke.") == [(erkin, "Erkin Qeyum")]
    assert suggested("Erkin Nurlanuly Qeyum spoke.") == [
        (erkin, "Erkin Nurlanuly Qeyum")
    ]
    # Qeyum Erkin is another man: his given name is Qeyum.
    assert suggested("Qeyum Erkin spoke.") == []
    assert suggested("Qeyum Nurlanuly Erkin spoke.") == []
    # Russian documents put the surname first.
    assert suggested("Кейум Эркин spoke.") == [(erkin, "Кейум Эркин")]


def test_leads_only_for_names_of_the_peoples_we_document():
    text = (
        "Follow AP. Prince Andrew met Eric Song of Tocqueville Asset Management. "
        "The Window HomeKit Entry Sensor sold out. Aidos Serikuly said his "
        "sister was taken; Asset Tokayev confirmed it."
    )

    leads = find_leads(text=text, mentions=[], language="en")

    assert [(lead.text, lead.reason) for lead in leads] == [
        (
            "Aidos Serikuly",
            "Aidos is a given name; Serikuly has a surname ending (-uli)",
        ),
        ("Asset Tokayev", "Tokayev has a surname ending (-ev)"),
    ]


def test_match_article_stores_why_a_lead_is_a_name():
    article = SourceArticleFactory(text="Aidos Serikuly spoke.", language="en")

    match_article(article=article)

    lead = Lead.objects.get(article=article)
    assert lead.reason == "Aidos is a given name; Serikuly has a surname ending (-uli)"


def test_ordinary_news_gives_no_mention_and_no_lead():
    call_command("load_demo", stdout=io.StringIO())
    PersonName.objects.sync_keys(PersonName.objects.all())
    generate_fake_data(persons=300, seed=1)
    for names in TRAP_TARGETS:
        person_named(*names)

    for language, text in ORDINARY_NEWS:
        article = SourceArticleFactory(text=text, language=language)
        match_article(article=article)

    assert list(Mention.objects.values_list("text", flat=True)) == []
    assert list(Lead.objects.values_list("text", flat=True)) == []
