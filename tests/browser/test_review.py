"""Reviewing what the import suggests, in one click, in a real Chromium."""

import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from cases.models import Person
from sources.models import Lead, Mention
from sources.reviewing import case_to_cite
from tests.browser.admin import choose_in_autocomplete
from tests.factories import MentionFactory, SourceArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(tempfile.gettempdir())

PASSAGES = [
    (
        "Baibolat Kunbolat",
        "Police came on Feb. 10. Relatives of Baibolat Kunbolat protested on "
        "Feb. 11 outside the consulate. Nobody answered them.",
    ),
    (
        "Серікжан Біләш",
        "Вчера суд оштрафовал активиста. Серікжан Біләш заявил, что семьи "
        "продолжат пикеты у консульства. Пикет прошёл мирно.",
    ),
    (
        "نۇرمەمەت يالقۇنجان",
        "بۈگۈن يىغىن بولدى. نۇرمەمەت يالقۇنجان 2017-يىلى تۇتقۇن قىلىنغان. "
        "ئائىلىسى ئۇنىڭدىن خەۋەر ئالالمىدى.",
    ),
]


def suggest_demo_passages() -> list[Mention]:
    """Suggest one mention of a demo person per script, in its own article."""
    mentions = []
    for name, text in PASSAGES:
        person = Person.objects.get(names__text=name)
        start = text.index(name)
        article = SourceArticleFactory(text=text)
        mentions.append(
            MentionFactory(article=article, person=person, text=name, start=start)
        )
    return mentions


def message(browser) -> str:
    return browser.find_element(By.CLASS_NAME, "messagelist").text


def test_confirms_in_one_click_from_the_queue(logged_in, live_server):
    latin, *_ = suggest_demo_passages()
    reference = case_to_cite(person_id=latin.person_id).reference
    logged_in.get(f"{live_server.url}/admin/sources/mention/")
    logged_in.save_screenshot(str(SCREENSHOTS / "review_queue.png"))
    uyghur_passage = logged_in.find_element(
        By.XPATH, "//p[@class='passage'][mark[text()='نۇرمەمەت يالقۇنجان']]"
    )
    assert uyghur_passage.get_attribute("dir") == "rtl"
    assert uyghur_passage.value_of_css_property("text-align") in ("right", "start")

    logged_in.find_element(
        By.XPATH, f"//button[normalize-space()='Confirm: cites {reference}']"
    ).click()

    assert f"{reference} now cites it" in message(logged_in)
    assert logged_in.current_url.endswith("/admin/sources/mention/")
    latin.refresh_from_db()
    assert latin.status == "confirmed"
    assert latin.citation.case.reference == reference


def test_rejects_in_one_click_from_the_mention_page(logged_in, live_server):
    _, cyrillic, _ = suggest_demo_passages()
    logged_in.get(f"{live_server.url}/admin/sources/mention/{cyrillic.pk}/change/")
    logged_in.save_screenshot(str(SCREENSHOTS / "review_mention_page.png"))

    logged_in.find_element(
        By.XPATH, "//button[normalize-space()='Reject: not this person']"
    ).click()

    assert "is not named there" in message(logged_in)
    cyrillic.refresh_from_db()
    assert cyrillic.status == "rejected"


def test_resolves_a_lead_as_a_person_typed_in_cyrillic(logged_in, live_server):
    text = "On Feb. 3 relatives said Baibolat Kunbolatov was moved to a prison."
    lead = Lead.objects.create(
        article=SourceArticleFactory(text=text),
        text="Baibolat Kunbolatov",
        start=text.index("Baibolat"),
        end=text.index(" was"),
    )
    logged_in.get(f"{live_server.url}/admin/sources/lead/{lead.pk}/change/")

    choose_in_autocomplete(logged_in, "id_person", "Күнболат", "Baibolat Kunbolat")
    logged_in.save_screenshot(str(SCREENSHOTS / "review_lead_page.png"))
    logged_in.find_element(
        By.XPATH, "//button[normalize-space()='Same as the chosen person']"
    ).click()

    assert "is now a name of Baibolat Kunbolat" in message(logged_in)
    person = Person.objects.get(names__text="Baibolat Kunbolatov")
    assert Mention.objects.get(article=lead.article).person == person


def test_confirms_a_suggestion_from_the_case_page(logged_in, live_server):
    _, _, uyghur = suggest_demo_passages()
    case = case_to_cite(person_id=uyghur.person_id)
    logged_in.get(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    section = logged_in.find_element(By.ID, "suggested-mentions")
    logged_in.execute_script("arguments[0].scrollIntoView();", section)
    logged_in.save_screenshot(str(SCREENSHOTS / "review_case_page.png"))

    logged_in.find_element(
        By.XPATH,
        f"//*[@id='suggested-mentions']//button"
        f"[normalize-space()='Confirm: cites {case.reference}']",
    ).click()

    assert f"{case.reference} now cites it" in message(logged_in)
    assert logged_in.current_url.endswith(f"/admin/cases/case/{case.pk}/change/")
    uyghur.refresh_from_db()
    assert uyghur.status == "confirmed"
