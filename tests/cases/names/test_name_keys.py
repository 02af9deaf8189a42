from hypothesis import given
from hypothesis import strategies as st

from cases.names.keys import name_keys, sound_key
from cases.names.normalise import analyse


def keys_of(text: str, kind: str) -> set[str]:
    return {key for key in name_keys(text) if key.startswith(kind)}


def test_shares_a_pair_key_across_scripts() -> None:
    forms = [
        "Ilham Tohti",
        "ئىلھام توختى",
        "Ильхам Тохти",
        "伊力哈木·土赫提",
        "Ilham Toxti",
    ]
    assert set.intersection(*(keys_of(form, "p:") for form in forms)) == {"p:rm|tt"}


def test_a_missing_part_still_leaves_a_shared_pair() -> None:
    assert keys_of("Abdurehim Heyit", "p:") <= keys_of("Abdurehim Heyit Muhemmet", "p:")


def test_keys_a_patronymic_by_its_stem() -> None:
    assert keys_of("Baibolat Kunbolatuly", "p:") == keys_of("Baybolat Kunbolatov", "p:")


def test_chinese_forms_are_keyed_with_h_read_as_k() -> None:
    assert keys_of("Kalibek Yersultanuly", "p:") & keys_of("哈力别克·叶尔苏里坦", "p:")


def test_sound_keys_keep_apart_names_sharing_consonants() -> None:
    def sound(text: str) -> str:
        return sound_key(analyse(text)[0])

    assert sound("Dawut") != sound("Tohti")
    assert sound("Rahile") == sound("رەھىلە") == sound("Рахиле")


def test_a_name_written_as_one_word_shares_the_whole_name_key() -> None:
    assert keys_of("Abdu Weli", "n:") == keys_of("Abduweli", "n:")


@given(st.text(max_size=400))
def test_keys_fit_the_column_on_any_text(text: str) -> None:
    keys = name_keys(text)
    assert all(0 < len(key) <= 80 for key in keys)
    assert len(keys) == len(set(keys))
