"""Take a case ending off the last word of a name in running Turkic text.

"Гүлнар Тұрсынның" (Kazakh: Gulnar Tursun's) and "گۈلنار تۇرسۇننىڭ"
(Uyghur, the same) name Gulnar Tursun. The pair matcher reads Russian and
Kazakh endings in Latin folding, where an ending is not always told from the
stem; here the endings are taken off as written, in the script the text
uses, and the bare name is looked up as any other name is.
"""

from functools import lru_cache

from .tokens import ARABIC, CYRILLIC, Word

_MIN_STEM = 3
# Kazakh and Kyrgyz case endings in Cyrillic, longest first within a case:
# genitive, ablative, locative, instrumental, accusative, dative.
_CYRILLIC_ENDINGS = tuple(
    sorted(
        {
            "ның", "нің", "дың", "дің", "тың", "тің", "нын", "нин", "дын", "дин",
            "тын", "тин", "нун", "нүн", "дун", "дүн", "тун", "түн",
            "нан", "нен", "дан", "ден", "тан", "тен",
            "нда", "нде", "да", "де", "та", "те",
            "мен", "бен", "пен",
            "ны", "ні", "ды", "ді", "ты", "ті", "ну", "нү",
            "ға", "ге", "қа", "ке", "на", "не", "га", "ка",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
# Uyghur case endings in Arabic script: genitive, accusative, dative,
# locative, ablative.
_ARABIC_ENDINGS = (
    "نىڭ", "دىن", "تىن", "نى", "غا", "قا", "گە", "كە", "دا", "دە", "تا", "تە",
)  # fmt: skip
_ENDINGS = {CYRILLIC: _CYRILLIC_ENDINGS, ARABIC: _ARABIC_ENDINGS}


def uninflected(text: str, last: Word) -> list[str]:
    """Return the text with a case ending taken off its last word, each way.

    last is the window's last word; the text ends with it.
    """
    head = text[: len(text) - len(last.text)]
    return [head + bare for bare in _bare(last.text, last.script)]


@lru_cache(maxsize=1 << 14)
def _bare(word: str, script: str) -> tuple[str, ...]:
    lowered = word.lower()
    return tuple(
        word[: -len(ending)]
        for ending in _ENDINGS.get(script, ())
        if lowered.endswith(ending) and len(word) - len(ending) >= _MIN_STEM
    )
