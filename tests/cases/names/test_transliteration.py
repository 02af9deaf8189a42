"""Per-script tables: every letter of each table reaches Latin."""

import pytest

from cases.names.normalise import search_key
from cases.names.scripts import detect_script
from cases.names.transliteration import ARABIC, CYRILLIC, LATIN, to_latin


def test_folds_kazakh_cyrillic_to_latin() -> None:
    assert to_latin("әғқңөұүһі") == "äghqngöuühi"
    assert search_key("Сайрагүл Сауытбай") == search_key("Sayragul Sauytbay")
    assert search_key("Қайрат Самарқан") == search_key("Qairat Samarqan")


@pytest.mark.parametrize("letter", sorted(CYRILLIC))
def test_transliterates_every_cyrillic_letter_to_latin(letter: str) -> None:
    assert to_latin(letter).isascii() or to_latin(letter) in "äöü"
    assert all(not ("\u0400" <= c <= "\u04ff") for c in to_latin(letter))


def test_transliterates_russian_and_kyrgyz_cyrillic() -> None:
    assert search_key("Владимир Путин") == "vladimir putin"
    assert search_key("Ильхам Тохти") == search_key("Ilham Tohti")
    assert search_key("Өмүрбек Бакиров") == search_key("Ömürbek Bakirov")


@pytest.mark.parametrize("letter", sorted(ARABIC))
def test_transliterates_every_arabic_letter_to_latin(letter: str) -> None:
    assert all(not ("\u0600" <= c <= "\u06ff") for c in to_latin(letter))


def test_transliterates_uyghur_arabic_script_to_uyghur_latin() -> None:
    alphabet = "ا ە ب پ ت ج چ خ د ر ز ژ س ش غ ف ق ك گ ڭ ل م ن ھ و ۇ ۆ ۈ ۋ ې ى ي"
    uly = "a e b p t j ch x d r z zh s sh gh f q k g ng l m n h o u ö ü w e i y"
    assert [to_latin(letter) for letter in alphabet.split()] == uly.split()


def test_drops_the_hamza_seat_of_word_initial_vowels() -> None:
    assert to_latin("ئىلھام") == "ilham"
    assert search_key("ئىلھام توختى") == search_key("Ilham Tohti") == "ilham tohti"
    assert search_key("ئابدۇۋەلى ئايۇپ") == "abduveli aiup"


def test_reads_final_arabic_heh_as_a_vowel() -> None:
    assert to_latin("فاطمه") == "fatme"


def test_transliterates_turkish_latin() -> None:
    assert to_latin("çşğıöü") == "chshghiöü"
    assert search_key("Şükrü Çağlayan") == search_key("Shukru Chaghlayan")


@pytest.mark.parametrize("letter", sorted(LATIN))
def test_transliterates_every_special_latin_letter(letter: str) -> None:
    assert to_latin(letter).isascii() or to_latin(letter) in "äöü"


def test_transliterates_chinese_to_pinyin_by_name_part() -> None:
    assert search_key("热依拉·达吾提").split() == ["reila", "davuti"]
    assert search_key("伊力哈木·土赫提") == "ilihamu tuheti"


def test_reads_chinese_er_after_a_syllable_as_r() -> None:
    assert to_latin("吐尔逊") == "tursun"


def test_reads_polyphonic_characters_as_in_names() -> None:
    assert to_latin("阿不都") == "abudu"


def test_transliterates_traditional_chinese() -> None:
    assert search_key("習近平") == search_key("习近平")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Ilham Tohti", "Latn"),
        ("Ильхам Тохти", "Cyrl"),
        ("ئىلھام توختى", "Arab"),
        ("伊力哈木·土赫提", "Hans"),
        ("伊力哈木·土赫提 熱爾", "Hant"),
        ("123 !!", "Zyyy"),
    ],
)
def test_detects_the_script_of_a_name(text: str, script: str) -> None:
    assert detect_script(text) == script
