"""Detect the writing system of characters and names.

Codes are ISO 15924: Latn, Cyrl, Arab, Hans, Hant, and Zyyy for anything else
(digits, punctuation, marks, other scripts). The models store these codes.
"""

import unicodedata
from collections import Counter
from functools import lru_cache

LATIN = "Latn"
CYRILLIC = "Cyrl"
ARABIC = "Arab"
HAN_SIMPLIFIED = "Hans"
HAN_TRADITIONAL = "Hant"
OTHER = "Zyyy"

# Unicode has no simplified/traditional property, so tell them apart by
# characters that exist in only one of the two systems. The lists favour
# characters used in transcriptions of Turkic names and in common surnames.
_TRADITIONAL_ONLY = frozenset(
    "爾麗買熱蘇賽瑪達圖庫蘭納維遜亞烏貝羅齊紮學國東車長門馬魚鳥龍華萬與書見語"
    "愛開關風飛電雲點黃麥紅綠藍頭陳張劉楊趙吳孫鄭錢馮蔣韓許鄧蕭葉盧蔡鍾譚賴"
    "們個這說會來時為對彥謝則鄂憲濟傑薩滿澤蓮鳳韋"
)
_SIMPLIFIED_ONLY = frozenset(
    "尔丽买热苏赛玛达图库兰纳维逊亚乌贝罗齐扎学国东车长门马鱼鸟龙华万与书见语"
    "爱开关风飞电云点黄麦红绿蓝头陈张刘杨赵吴孙郑钱冯蒋韩许邓萧叶卢蔡钟谭赖"
    "们个这说会来时为对彦谢则鄂宪济杰萨满泽莲凤韦"
)


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """Return the script code of one character (Zyyy when it has none we use)."""
    if char in _TRADITIONAL_ONLY:
        return HAN_TRADITIONAL
    name = unicodedata.name(char, "")
    if name.startswith("LATIN"):
        return LATIN
    if name.startswith("CYRILLIC"):
        return CYRILLIC
    if name.startswith("ARABIC"):
        return ARABIC
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return HAN_SIMPLIFIED
    return OTHER


def is_han(char: str) -> bool:
    """Return whether the character is a Chinese character of either system."""
    return char_script(char) in (HAN_SIMPLIFIED, HAN_TRADITIONAL)


def script_counts(text: str) -> Counter[str]:
    """Count the letters of each script in the text (Zyyy is not counted)."""
    counts = Counter(map(char_script, text))
    del counts[OTHER]
    return counts


def detect_script(text: str) -> str:
    """Return the script most letters of the text are written in.

    Chinese text counts as traditional only when it has more characters found
    only in traditional than found only in simplified, since most characters
    are shared by both systems.
    """
    counts = script_counts(text)
    han = counts.pop(HAN_SIMPLIFIED, 0) + counts.pop(HAN_TRADITIONAL, 0)
    if han:
        traditional = sum(char in _TRADITIONAL_ONLY for char in text)
        simplified = sum(char in _SIMPLIFIED_ONLY for char in text)
        counts[HAN_TRADITIONAL if traditional > simplified else HAN_SIMPLIFIED] = han
    if not counts:
        return OTHER
    return max(counts, key=counts.__getitem__)
