"""Arabic and Persian names in Arabic script, told apart from Uyghur.

Arabic script is read with Uyghur letter values (transliteration.ARABIC),
which also serve Arabic and Persian letters; but Arabic and Persian leave
short vowels unwritten (محمد, Mohammed) where Uyghur writes every vowel. A
part spelled the Arabic way is compared by its consonants, the other
side's extra vowels cheap.
"""

from functools import lru_cache

from .normalise import Part
from .phonetics import (
    SINIC_VOWELS,
    sinic_added,
    sinic_dropped,
    sinic_substitution,
    voweled_similarity,
    weighted_distance,
)
from .scripts import ARABIC

# Letters of the Uyghur alphabet that Arabic and Persian do not use, and the
# hamza seat Uyghur writes before a word's first vowel.
_UYGHUR_ONLY = frozenset("ېۆۈۇڭھەۋ")
_UYGHUR_START = "ئ"
# Uyghur writes i as ى anywhere; Arabic only at the end of a word.
_DOTLESS_YEH = "ى"
# Letters of Arabic and Persian that Uyghur does not use.
_ARABIC_ONLY = frozenset("ةثذصضطظعحأإآءؤی")
_VOWEL_LETTERS = frozenset("اوىيەېۆۈۇ")
_YEH = "ي"


def is_abjad(part: Part) -> bool:
    """Tell whether an Arabic-script part is spelled as Arabic or Persian is:
    without the letters only Uyghur uses, and with a letter only Arabic
    uses, no vowel letter or three consonants in a row (محمد), or ي for
    the vowel i (بيريز), which Uyghur writes ى."""
    if part.script != ARABIC:
        return False
    return any(_abjad(word) for word in part.text.split())


def _abjad(word: str) -> bool:
    if word.startswith(_UYGHUR_START) or not _UYGHUR_ONLY.isdisjoint(word):
        return False
    if _DOTLESS_YEH in word[:-1]:
        return False
    if not _ARABIC_ONLY.isdisjoint(word) or _VOWEL_LETTERS.isdisjoint(word):
        return True
    run = 0
    for index, letter in enumerate(word):
        run = 0 if letter in _VOWEL_LETTERS else run + 1
        if run >= 3 or (letter == _YEH and _between_consonants(word, index)):
            return True
    return False


def _between_consonants(word: str, index: int) -> bool:
    before, after = word[index - 1 : index], word[index + 1 : index + 2]
    return bool(before) and before not in _VOWEL_LETTERS and after not in _VOWEL_LETTERS


def abjad_similarity(abjad: str, voweled: str) -> float:
    """Score a part in Arabic-language spelling against a fully written one.

    Arabic writes long vowels only (محمد is mhmd, Mohammed): the other
    side's extra vowels are cheap, as Mandarin's added ones are in
    sinic_similarity, and the same skeleton rules decide. Its vowel letters
    stand for more than one vowel (ي is i or e, و is u or o), so a changed
    vowel is cheap too.
    """
    return voweled_similarity(voweled, abjad, abjad_letter_distance, 0.3)


def abjad_letter_distance(voweled: str, abjad: str, limit: float) -> float:
    """Return a distance where the fully written side's vowels come cheaply."""
    return weighted_distance(
        voweled,
        abjad,
        _abjad_substitution,
        _abjad_dropped,
        _abjad_added,
        limit=limit,
        cheapest=0.15,
    )


# Arabic has no p or v: ب and ف write them.
_ABJAD_SUBSTITUTIONS = {frozenset("pb"): 0.1, frozenset("vf"): 0.1}
# A u or i in the last syllable of a name is usually long, which Arabic
# writes (Mahmud is محمود, not محمد; Muhammad is محمد): dropping one there
# costs more than any other vowel.
_ABJAD_LONG = frozenset("ui")


@lru_cache(maxsize=4096)
def _abjad_substitution(x: str, y: str) -> float:
    if x in SINIC_VOWELS and y in SINIC_VOWELS:
        return 0.2
    cost = _ABJAD_SUBSTITUTIONS.get(frozenset((x, y)))
    return cost if cost is not None else sinic_substitution(x, y)


def _abjad_dropped(word: str, index: int) -> float:
    letter = word[index]
    if letter not in SINIC_VOWELS:
        return sinic_added(word, index)
    last_syllable = index == len(word) - 2
    return 0.4 if last_syllable and letter in _ABJAD_LONG else 0.15


def _abjad_added(word: str, index: int) -> float:
    return 0.3 if word[index] in SINIC_VOWELS else sinic_dropped(word, index)
