"""Invented names of Kazakhs, Uyghurs and facilities, in several scripts.

The tables under cases/data/ hold common given names, one per row, in every
script we write them in. A full name is built from a given name and the
father's given name: Uyghurs as "Given Father", with no surname; Kazakhs with
the patronymic suffix -uly/-kyzy (ұлы/қызы), a Soviet-style family surname
-ov/-ova (-ов/-ова) taken from an ancestor's given name, or both (Yerlan
Serikuly Abayev). The official Chinese form is "Given·Father" for both. No
table row is a real person; the full names of people whose cases are public
are refused. Facility names follow the official patterns with invented
numbers.

Frequencies (name_pool): real given names are skewed, a few very common and
most rare. Each table is ranked by a fixed shuffle (no row is claimed to be
more common than another in life) and drawn with weight 1 / (rank + 10), a
Zipf-Mandelbrot law: the most common name of a pool is about 3% of it, the
rarest about 0.3%. Men's pools go on, at the rarest ranks, with compounds
that are common in both peoples (Serik + zhan, Yerlan + bek, Tursun + jan),
so about a quarter of men and of fathers carry a name from that long tail.
Surnames and patronymics come from the men's pool, so there are as many of
them as there are men's names.
"""

import random
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate

from cases.given_names import GivenName, data_rows, given_names

# Full names (given, father) of people whose cases are public: an invented
# record must never read as theirs.
PUBLIC_CASES = frozenset(
    {
        ("Ilham", "Tohti"),
        ("Rahile", "Dawut"),
        ("Mihrigul", "Tursun"),
        ("Zumret", "Dawut"),
        ("Gulshen", "Abbas"),
        ("Abduweli", "Ayup"),
        ("Perhat", "Tursun"),
        ("Sanubar", "Tursun"),
        ("Rabiye", "Qadir"),
        ("Yalqun", "Rozi"),
        ("Nurmuhemmet", "Tohti"),
        ("Adil", "Mijit"),
        ("Gulmire", "Imin"),
        ("Ablet", "Abdureshit"),
    }
)

# Latin and Chinese name patterns of invented facilities, by facility kind.
FACILITY_NAMES = {
    "camp": (
        "{county} Vocational Skills Education and Training Centre No. {n}",
        "{county_zh}县第{n_zh}职业技能教育培训中心",
    ),
    "detention_centre": (
        "{county} Detention Centre No. {n}",
        "{county_zh}县第{n_zh}看守所",
    ),
    "prison": ("{prefecture} Prison No. {n}", "{prefecture_zh}第{n_zh}监狱"),
    "police_station": (
        "{county} Police Station No. {n}",
        "{county_zh}县第{n_zh}派出所",
    ),
}


# Name elements appended to men's names: Latin, Kazakh, Russian, Uyghur
# Arabic script, Chinese.
_COMPOUNDS = {
    "kazakh": (
        ("zhan", "жан", "жан", "", "江"),
        ("bek", "бек", "бек", "", "别克"),
    ),
    "uyghur": (("jan", "", "", "جان", "江"),),
}
# Compounds are made of names up to this long; longer ones read as invented.
_MAX_COMPOUND_BASE = 6
_RANK_OFFSET = 10
# Ranks must not change from one run to the next, whatever the run's seed.
_RANK_SEED = 2016


@dataclass(frozen=True)
class Place:
    """A prefecture and county of Xinjiang, in Latin and Chinese."""

    peoples: frozenset[str]
    prefecture: str
    prefecture_chinese: str
    county: str
    county_chinese: str


@cache
def name_pool(
    *, ethnicity: str, female: bool
) -> tuple[tuple[GivenName, ...], tuple[float, ...]]:
    """Return a people's given names by rank, with their cumulative weights.

    Pass both to random.choices(names, cum_weights=weights). See the module
    docstring for the law the weights follow.
    """
    names = list(given_names(ethnicity=ethnicity, female=female))
    random.Random(_RANK_SEED).shuffle(names)  # noqa: S311 (ranks, not secrets)  # nosec B311
    if not female:
        names += _compounds(ethnicity, names)
    weights = (1 / (rank + _RANK_OFFSET) for rank in range(1, len(names) + 1))
    return tuple(names), tuple(accumulate(weights))


def _compounds(ethnicity: str, names: list[GivenName]) -> list[GivenName]:
    """Return the compounds of short names with the people's name elements."""
    elements = _COMPOUNDS[ethnicity]
    known = {name.latin for name in names}
    bases = [
        name
        for name in names
        if len(name.latin) <= _MAX_COMPOUND_BASE
        and not any(element[0] in name.latin.lower() for element in elements)
    ]
    found = []
    for latin, kazakh, russian, uyghur, chinese in elements:
        for name in bases:
            compound = name.latin + latin
            if compound in known:
                continue
            known.add(compound)
            found.append(
                replace(
                    name,
                    latin=compound,
                    kazakh=name.kazakh and name.kazakh + kazakh,
                    russian=name.russian and name.russian + russian,
                    uyghur=name.uyghur and name.uyghur + uyghur,
                    chinese=name.chinese + chinese,
                )
            )
    return found


@cache
def places(*, ethnicity: str) -> tuple[Place, ...]:
    """Return the places where people of that ethnicity are numerous."""
    rows = [
        Place(frozenset(peoples.split(",")), *names)
        for peoples, *names in data_rows("places.tsv")
    ]
    return tuple(place for place in rows if ethnicity in place.peoples)


def is_public_case(*, given: GivenName, father: GivenName) -> bool:
    """Tell whether the full name is that of a person whose case is public."""
    return (given.latin, father.latin) in PUBLIC_CASES


def uyghur_full_name(*, given: GivenName, father: GivenName) -> dict[str, str]:
    """Return a Uyghur full name keyed by form: latin, uyghur, chinese."""
    return {
        "latin": f"{given.latin} {father.latin}",
        "uyghur": f"{given.uyghur} {father.uyghur}",
        "chinese": f"{given.chinese}·{father.chinese}",
    }


def kazakh_full_name(
    *,
    given: GivenName,
    father: GivenName,
    russian_style: bool,
    family: GivenName | None = None,
) -> dict[str, str]:
    """Return a Kazakh full name keyed by form: latin, kazakh, russian, chinese.

    Without family, the second part is the father's name as a patronymic
    (Aigerim Serikkyzy) or, Russian-style, as a surname (Yerlan Abayev). With
    family, the ancestor a family surname comes from, Russian-style is that
    surname alone (Yerlan Abayev) and otherwise the patronymic comes before
    it (Yerlan Serikuly Abayev).
    """
    female = given.female
    if family is None:
        parts = [
            _russian_surname(father, female=female)
            if russian_style
            else _patronymic(father, female=female)
        ]
    elif russian_style:
        parts = [_russian_surname(family, female=female)]
    else:
        parts = [
            _patronymic(father, female=female),
            _russian_surname(family, female=female),
        ]
    return {
        "latin": " ".join([given.latin, *(part[0] for part in parts)]),
        "kazakh": " ".join([given.kazakh, *(part[1] for part in parts)]),
        "russian": " ".join([given.russian, *(part[2] for part in parts)]),
        "chinese": f"{given.chinese}·{father.chinese}",
    }


def _patronymic(father: GivenName, *, female: bool) -> tuple[str, str, str]:
    """Return "son/daughter of" in Latin, Kazakh and Russian Cyrillic."""
    if female:
        return f"{father.latin}kyzy", f"{father.kazakh}қызы", f"{father.russian}кызы"
    return f"{father.latin}uly", f"{father.kazakh}ұлы", f"{father.russian}улы"


def _russian_surname(father: GivenName, *, female: bool) -> tuple[str, str, str]:
    """Return a Soviet-style surname: Serik -> Serikov, Abai -> Abayev."""
    latin, kazakh, russian = father.latin, father.kazakh, father.russian
    ending = russian[-1]
    if ending in "йы":  # Абай -> Абаев, Серғазы -> Сергазиев
        latin, kazakh, russian = latin[:-1], kazakh[:-1], russian[:-1]
    if ending == "ы":
        latin, kazakh, russian = latin + "i", kazakh + "и", russian + "и"
    soft = ending in "аеиоуыйэюя"
    latin += ("yev" if soft else "ov") + ("a" if female else "")
    cyrillic = ("ев" if soft else "ов") + ("а" if female else "")
    return latin, kazakh + cyrillic, russian + cyrillic


def facility_names(*, kind: str, place: Place, number: int) -> tuple[str, str]:
    """Return an invented facility's name in Latin and in Chinese."""
    latin, chinese = FACILITY_NAMES[kind]
    fields = {
        "county": place.county,
        "county_zh": place.county_chinese,
        "prefecture": place.prefecture,
        "prefecture_zh": place.prefecture_chinese,
        "n": number,
        "n_zh": _chinese_number(number),
    }
    return latin.format(**fields), chinese.format(**fields)


def _chinese_number(n: int) -> str:
    """Write 1 to 99 in Chinese numerals, as facility names do: 3 三, 12 十二."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")
