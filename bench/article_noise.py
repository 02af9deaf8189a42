"""Noise in articles about other subjects: what the review queue would hold.

Ordinary news pages (bench.news_corpus) are matched against the demo plus
generated persons; every mention and lead they give is noise. Beside them,
the development articles (seeds/articles) and articles about our subject
written around persons on record (bench.subject_articles) show what the
finder still finds.
"""

import io
import sys
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from cases.fake_data import generate_fake_data
from cases.models import PersonName
from sources import matching
from sources.matching.reading import forget_persons_count
from sources.models import Lead, Mention, SourceArticle

from .database import analyze, empty_database
from .news_corpus import news_pages
from .report import Section
from .subject_articles import subject_articles

SIZES = {"quick": [1_000], "full": [1_000, 100_000]}
PAGES = 200
SUBJECT_ARTICLES = 100
SEED_ARTICLES = Path(settings.BASE_DIR) / "seeds" / "articles"


def run(*, scale: str) -> Section:
    """Measure the noise and what is still found, at each size."""
    section = Section(
        name="article_noise",
        title="Noise in articles about other subjects",
        intro=(
            f"{PAGES} ordinary news pages about sport, technology, politics, "
            "religion and local news in eight languages (en, ru, de, fr, es, "
            "id, tr, pt; written for the benchmark, `bench/news_corpus.py`, "
            "with the traps that real pages gave: Star Wars, Abu Bakar, Essar "
            "Steel, Bay Area, Syrian Army, Santa Fe, William Wallace, Tinley "
            "Park, Life Care, FULL STATE, Kaum Syi’ah, Follow AP, Prince "
            "Andrew...), stored as articles of their language and matched "
            "(`sources.matching.match_article`) against the demo plus N "
            "generated persons. Every suggested mention and lead they give is "
            "noise. *Seed* is what the development article "
            "(seeds/articles) gives. *Subject* is "
            f"{SUBJECT_ARTICLES} articles about our subject (en, ru, kk, ug, "
            "zh; `bench/subject_articles.py`) naming three persons on record "
            "each, in the form of the article's script, Kazakh and Uyghur "
            "once with a genitive ending: precision and recall of the persons "
            "suggested (a namesake, a person with a form spelled the same, "
            "counts as right)."
        ),
        headers=[
            "Persons",
            "Noise mentions / 100 pages",
            "Noise leads / 100 pages",
            "Pages with noise",
            "Seed mentions, leads",
            "Subject precision",
            "Subject recall",
        ],
    )
    for size in SIZES[scale]:
        empty_database()
        call_command("load_demo", stdout=io.StringIO())
        PersonName.objects.sync_keys(PersonName.objects.all())
        generate_fake_data(persons=size, seed=1)
        analyze()
        section.rows.append([f"{size:,}", *measure()])
    section.notes.append(
        "The run prints every noise span with its count on stderr. Targets "
        "(issue 26): at most 5 suggested mentions and 5 leads per 100 pages at "
        "100,000 persons; subject precision and recall at least 0.95."
    )
    return section


def measure() -> list[str]:
    """Match every corpus against the persons in the database; return a row."""
    forget_persons_count()
    noise = [_matched(page.text, page.language) for page in news_pages(PAGES)]
    mentions = Mention.objects.filter(article__in=noise)
    leads = Lead.objects.filter(article__in=noise)
    noisy = {m.article_id for m in mentions} | {lead.article_id for lead in leads}
    _log(mentions.values_list("text", flat=True), leads.values_list("text", flat=True))
    seed = [
        _matched(path.read_text(encoding="utf-8"), "en")
        for path in sorted(SEED_ARTICLES.glob("*.txt"))
    ]
    seed_mentions = Mention.objects.filter(article__in=seed).count()
    seed_leads = Lead.objects.filter(article__in=seed).count()
    precision, recall = _subject_scores()
    return [
        f"{100 * mentions.count() / PAGES:.1f}",
        f"{100 * leads.count() / PAGES:.1f}",
        f"{len(noisy)} of {PAGES}",
        f"{seed_mentions}, {seed_leads}",
        f"{precision:.3f}",
        f"{recall:.3f}",
    ]


def _matched(text: str, language: str) -> SourceArticle:
    article = SourceArticle.objects.create(
        url=f"https://news.example.org/{SourceArticle.objects.count()}",
        title=text.split("\n", 1)[0][:200],
        text=text,
        language=language,
    )
    matching.match_article(article=article)
    return article


def _subject_scores() -> tuple[float, float]:
    """Return precision and recall of the persons suggested in subject articles."""
    right = wrong = expected = found = 0
    for written in subject_articles(SUBJECT_ARTICLES):
        article = _matched(written.text, written.language)
        persons = set(
            PersonName.objects.filter(text__in=written.named).values_list(
                "person_id", flat=True
            )
        )
        found_rows = Mention.objects.filter(article=article).values_list(
            "person_id", "text", "name_form__text"
        )
        suggested = {person for person, _, _ in found_rows}
        for person, text, form in found_rows:
            if person not in persons:
                print(f"subject, wrong: {text} as {form}", file=sys.stderr)
        right += len(suggested & persons)
        wrong += len(suggested - persons)
        for name in written.named:
            expected += 1
            owners = set(
                PersonName.objects.filter(text=name).values_list("person_id", flat=True)
            )
            found += bool(owners & suggested)
            if not owners & suggested:
                print(f"subject, missed: {name}", file=sys.stderr)
    precision = right / (right + wrong) if right + wrong else 1.0
    return precision, found / expected if expected else 1.0


def _log(mentions: Iterable[str], leads: Iterable[str]) -> None:
    """Print the noise spans, most frequent first, for whoever tunes the finder."""
    for kind, texts in (("mention", mentions), ("lead", leads)):
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        for text, n in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"noise {kind}: {text} ×{n}", file=sys.stderr)
