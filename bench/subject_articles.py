"""Articles about our subject, written around persons on record, for the noise bench.

Each article names three persons drawn from the database, each in the form
of the article's script (Latin for English, Russian and Kazakh Cyrillic,
Uyghur Arabic script, Chinese), the Kazakh and Uyghur ones once with a
genitive ending as running text has them. What the finder should find is
known: precision and recall are counted against it.
"""

import random
from dataclasses import dataclass

from cases.models import PersonName, Script

# (article language, name form script, form language, sentences); {0}..{2}
# are the names, {g1} the second name with a genitive ending, {y} a year.
TEMPLATES = [
    (
        "en",
        Script.LATN,
        "en",
        "{0} was taken to a camp in {y}, relatives told reporters in Almaty. "
        "The family of {1} has heard nothing since the spring. "
        "A cousin said that {2} had been sentenced to ten years.",
    ),
    (
        "ru",
        Script.CYRL,
        "ru",
        "По словам родственников, {0} был задержан в {y} году. "
        "Семья сообщила, что {1} находится в лагере. "
        "Также в списке пропавших значится {2}.",
    ),
    (
        "kk",
        Script.CYRL,
        "kk",
        "{0} {y} жылы ұсталды, деді туыстары. "
        "{g1} туыстары елшілікке хат жазды. "
        "Отбасы {2} туралы ешқандай хабар алмаған.",
    ),
    (
        "ug",
        Script.ARAB,
        "ug",
        "{0} {y}-يىلى تۇتۇلغان. "
        "{g1} ئائىلىسى خەۋەر كۈتمەكتە. "
        "ئۇرۇق-تۇغقانلىرى {2} توغرىسىدا ھېچ نەرسە بىلمەيدۇ.",
    ),
    (
        "zh",
        Script.HANS,
        "zh",
        "据家属说，{0}于{y}年被关押。{1}的亲属向大使馆求助。{2}至今下落不明。",
    ),
]


@dataclass(frozen=True)
class SubjectArticle:
    """An article's language, text, and the name forms it was written with."""

    language: str
    text: str
    named: tuple[str, ...]


def subject_articles(count: int, *, seed: int = 1) -> list[SubjectArticle]:
    """Return count articles, the templates taken in turn."""
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        language, script, form_language, template = TEMPLATES[n % len(TEMPLATES)]
        names = _names(rng, script, form_language)
        text = template.format(
            *names, g1=_genitive(names[1], script), y=rng.randint(2017, 2020)
        )
        articles.append(SubjectArticle(language, text, tuple(names)))
    return articles


def _names(rng: random.Random, script: str, language: str) -> list[str]:
    """Draw three different name forms of this script and language."""
    forms = PersonName.objects.filter(script=script, language=language)
    last = forms.order_by("-pk").values_list("pk", flat=True).first() or 0
    names: list[str] = []
    while len(names) < 3:
        text = (
            forms.filter(pk__gte=rng.randint(1, last))
            .order_by("pk")
            .values_list("text", flat=True)
            .first()
        )
        if text and text not in names:
            names.append(text)
    return names


_BACK_VOWELS = frozenset("аоұыуя")
_FRONT_VOWELS = frozenset("әөүіеиэю")
_VOICELESS = frozenset("бвгдкқпстфхцчшщ")
_VOICED = frozenset("жзлрйу")


def _genitive(name: str, script: str) -> str:
    """Return the name with the genitive ending its script's language gives it."""
    if script == Script.ARAB:
        return name + "نىڭ"
    if script != Script.CYRL:
        return name
    last = name.lower()[-1]
    vowels = [c for c in name.lower() if c in _BACK_VOWELS | _FRONT_VOWELS]
    back = not vowels or vowels[-1] in _BACK_VOWELS
    consonant = "т" if last in _VOICELESS else "д" if last in _VOICED else "н"
    return name + consonant + ("ың" if back else "ің")
