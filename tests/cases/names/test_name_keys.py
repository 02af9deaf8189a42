from hypothesis import given
from hypothesis import strategies as st

from cases.names.keys import code_neighbours, name_keys, sound_key
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
    assert "p:rm|tt" in set.intersection(*(keys_of(form, "p:") for form in forms))


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


def test_kazakh_q_and_kh_spellings_share_a_pair_key() -> None:
    assert keys_of("Бақыт Серікұлы", "p:") & keys_of("Bakhyt Serikuly", "p:")
    assert keys_of("Qasym Bakhytuly", "p:") & keys_of("Касым Бақытұлы", "p:")


def test_only_kh_and_x_are_also_read_as_k() -> None:
    assert keys_of("Bakhyt", "b:") == keys_of("Бахыт", "b:") == {"b:pt", "b:pkt"}
    assert keys_of("Toxti", "b:") == {"b:tt", "b:tkt"}
    assert keys_of("Ilham", "b:") == {"b:rm"}
    assert len(keys_of("Khakhakhakhakha", "b:")) <= 4


def test_neighbour_codes_are_one_consonant_slip_away() -> None:
    near = code_neighbours("trsn")

    assert {"trsm", "tsn", "trksn", "ktrsn"} <= set(near)
    assert "trsn" not in near
    assert code_neighbours("trsn", delete=False, substitute=False) == [
        code for code in near if len(code) == 5
    ]
    # A stem stands in for a part without consonants: it has no neighbours.
    assert code_neighbours("ai") == []
