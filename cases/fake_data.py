"""Invented cases for demonstrations, tests and benchmarks.

Every generated person is fictitious: names are drawn from cases.fake_names,
references start with "CT-FAKE-" and every row says it was invented, so fake
data can be told from real records and deleted.

Names follow the people's customs (see cases.fake_names for the frequencies):
a Uyghur is "Given Father"; a Kazakh family carries a surname from an
ancestor's given name, and a Kazakh is written "Given Fatheruly" (35%),
"Given Fatherov" (15%, the surname taken from the father), "Given Familyov"
(20%) or "Given Fatheruly Familyov" (30%). Brothers and sisters share the
father and the family surname; a father carries the family surname too.
Namesakes are as common as these frequencies make them: at 100,000 missing
persons (about 200,000 persons with their relatives), a two-part name is
shared by a few persons on average and a common one by dozens.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from django.db import transaction

from cases.dates import Precision, truncate
from cases.fake_names import (
    GivenName,
    facility_names,
    is_public_case,
    kazakh_full_name,
    name_pool,
    places,
    uyghur_full_name,
)
from cases.models import (
    Case,
    Confidentiality,
    Detention,
    DetentionKind,
    Facility,
    FacilityKind,
    FacilityName,
    Fate,
    NameKind,
    Person,
    PersonName,
    Relationship,
    Relative,
    Script,
    Workflow,
)

_T = TypeVar("_T")

REFERENCE_PREFIX = "CT-FAKE-"
BATCH_SIZE = 2_000
INVENTED = "Invented by generate_fake_data: not a real person."
FIRST_DAY, LAST_DAY = datetime.date(2016, 1, 1), datetime.date(2022, 12, 31)

# How each form of a full name is stored: script, language, kind.
NAME_FORMS = {
    "latin": (Script.LATN, "en", NameKind.PRIMARY),
    "kazakh": (Script.CYRL, "kk", NameKind.TRANSLITERATION),
    "russian": (Script.CYRL, "ru", NameKind.TRANSLITERATION),
    "uyghur": (Script.ARAB, "ug", NameKind.TRANSLITERATION),
    "chinese": (Script.HANS, "zh", NameKind.OFFICIAL_CHINESE),
}
FATES = {Fate.CAMP: 30, Fate.PRISON: 25, Fate.MISSING: 15, Fate.RELEASED: 10}
FATES |= {Fate.HOUSE_ARREST: 5, Fate.TRAVEL_BAN: 5, Fate.DECEASED: 4}
FATES |= {Fate.POLICE_CUSTODY: 3, Fate.UNKNOWN: 3}
WORKFLOWS = {Workflow.NEW: 40, Workflow.VERIFYING: 30, Workflow.VERIFIED: 25}
WORKFLOWS |= {Workflow.CLOSED: 5}
CONFIDENTIALITY = {Confidentiality.PUBLIC: 30, Confidentiality.RESTRICTED: 55}
CONFIDENTIALITY |= {Confidentiality.CONFIDENTIAL: 15}
PRECISIONS = {Precision.DAY: 50, Precision.MONTH: 30, Precision.YEAR: 20}
FACILITY_KINDS = {FacilityKind.CAMP: 50, FacilityKind.DETENTION_CENTRE: 25}
FACILITY_KINDS |= {FacilityKind.PRISON: 15, FacilityKind.POLICE_STATION: 10}
DETENTION_KINDS = {
    FacilityKind.CAMP: DetentionKind.CAMP,
    FacilityKind.DETENTION_CENTRE: DetentionKind.POLICE_CUSTODY,
    FacilityKind.PRISON: DetentionKind.PRISON,
    FacilityKind.POLICE_STATION: DetentionKind.POLICE_CUSTODY,
}
MALE_RELATIVES = ["brother", "father", "son", "uncle", "nephew", "husband"]
FEMALE_RELATIVES = ["sister", "mother", "daughter", "aunt", "niece", "wife"]
OCCUPATIONS = ["farmer", "herder", "teacher", "driver", "trader", "student", "imam"]
OCCUPATIONS += ["doctor", "nurse", "accountant", "writer", "retired", ""]
RESIDENCES = {"kazakh": ["KZ"] * 8 + ["TR", "US"], "uyghur": ["TR", "US", "DE", "KZ"]}
RESIDENCES["uyghur"] += ["NL", "AU", "CA", "GB", "SE", "NO", "JP"]
# How Kazakh full names are written: (Russian-style, with a family surname).
KAZAKH_STYLES = {(False, False): 35, (True, False): 15, (True, True): 20}
KAZAKH_STYLES |= {(False, True): 30}


class _Lineage(NamedTuple):
    """Where a person's name comes from: the father and the family surname's
    ancestor (Kazakhs only)."""

    father: GivenName
    family: GivenName


@dataclass(frozen=True)
class FakeDataSummary:
    """What one run of generate_fake_data created."""

    persons: int
    names: int
    relatives: int
    detentions: int
    facilities: int
    first_reference: str
    last_reference: str

    def __str__(self) -> str:
        return (
            f"Created {self.persons:,} invented missing persons with "
            f"{self.names:,} name forms, one case each "
            f"({self.first_reference} to {self.last_reference}), "
            f"{self.relatives:,} relatives and {self.detentions:,} detentions "
            f"in {self.facilities:,} new facilities."
        )


def generate_fake_data(
    *, persons: int, seed: int = 0, batch_size: int = BATCH_SIZE
) -> FakeDataSummary:
    """Create invented missing persons, each with a case, relatives and detentions.

    Rows are bulk-inserted, one transaction per batch, so 100,000 persons take
    minutes rather than hours. bulk_create skips save() and signals: no
    historical records (django-simple-history) are written for these rows. The
    same seed gives the same people; references continue after earlier runs.
    """
    if persons < 1:
        raise ValueError("The number of persons must be positive.")
    rng = random.Random(seed)  # noqa: S311 (invented data, not secrets)  # nosec B311
    with transaction.atomic():
        facilities = _create_facilities(rng=rng, count=max(20, persons // 500))
    run, width = _next_run(), max(6, len(str(persons)))
    references = [
        f"{REFERENCE_PREFIX}{run:04d}-{n:0{width}d}" for n in range(1, persons + 1)
    ]
    totals: Counter[str] = Counter()
    for start in range(0, persons, batch_size):
        batch = _Batch(rng=rng, facilities=facilities)
        for reference in references[start : start + batch_size]:
            batch.add_case(reference=reference)
        with transaction.atomic():
            totals.update(batch.save())
    return FakeDataSummary(
        persons=persons,
        names=totals["names"],
        relatives=totals["relatives"],
        detentions=totals["detentions"],
        facilities=len(facilities),
        first_reference=references[0],
        last_reference=references[-1],
    )


def _next_run() -> int:
    """Return the number of this run: one more than the last run's."""
    last = (
        Case.objects.filter(reference__startswith=REFERENCE_PREFIX)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    run = last.removeprefix(REFERENCE_PREFIX).split("-")[0] if last else "0"
    return int(run) + 1 if run.isdigit() else 1


def _pick(rng: random.Random, weights: dict[_T, int]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _given_name(rng: random.Random, ethnicity: str, *, female: bool) -> GivenName:
    names, weights = name_pool(ethnicity=ethnicity, female=female)
    return rng.choices(names, cum_weights=weights)[0]


def _date(
    rng: random.Random, first: datetime.date = FIRST_DAY, last: datetime.date = LAST_DAY
) -> tuple[datetime.date, str]:
    """Return a random stored date and its precision (day, month or year)."""
    day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
    precision = _pick(rng, PRECISIONS)
    return truncate(day, precision), precision


def _create_facilities(*, rng: random.Random, count: int) -> list[Facility]:
    """Create a pool of invented facilities, each named in Latin and Chinese."""
    numbers: Counter[tuple[str, str]] = Counter()
    facilities, names = [], []
    for _ in range(count):
        place = rng.choice(places(ethnicity=rng.choice(["kazakh", "uyghur"])))
        kind = _pick(rng, FACILITY_KINDS)
        where = place.prefecture if kind == FacilityKind.PRISON else place.county
        numbers[where, kind] += 1
        n = numbers[where, kind] % 99 or 99
        latin, chinese = facility_names(kind=kind, place=place, number=n)
        facility = Facility(
            name=latin,
            kind=kind,
            prefecture=place.prefecture,
            county=place.county,
            notes=INVENTED.replace("person", "place"),
        )
        facilities.append(facility)
        names += [
            FacilityName(facility=facility, text=latin, script=Script.LATN),
            FacilityName(facility=facility, text=chinese, script=Script.HANS),
        ]
    Facility.objects.bulk_create(facilities)
    FacilityName.objects.bulk_create(names)
    return facilities


class _Batch:
    """The rows of one batch: built in memory, then inserted table by table."""

    def __init__(self, *, rng: random.Random, facilities: list[Facility]) -> None:
        self.rng = rng
        self.facilities = facilities
        self.persons: list[Person] = []
        self.names: list[PersonName] = []
        self.cases: list[Case] = []
        self.relatives: list[Relative] = []
        self.detentions: list[Detention] = []

    def save(self) -> dict[str, int]:
        """Insert the rows, parents first, and return how many of each."""
        # bulk_create sets the primary keys, and each child reads its parent's
        # key from the parent object when it is inserted.
        Person.objects.bulk_create(self.persons)
        PersonName.objects.bulk_create(self.names)
        Case.objects.bulk_create(self.cases)
        Relative.objects.bulk_create(self.relatives)
        Detention.objects.bulk_create(self.detentions)
        return {
            "names": len(self.names),
            "relatives": len(self.relatives),
            "detentions": len(self.detentions),
        }

    def add_case(self, *, reference: str) -> None:
        """Add a missing person with three name forms, a case, relatives, detentions."""
        rng = self.rng
        ethnicity = "kazakh" if rng.random() < 0.45 else "uyghur"
        given, lineage = self._given_and_lineage(ethnicity, female=rng.random() < 0.3)
        subject = self._person(ethnicity, given, first_year=1940, last_year=2002)
        forms = self._full_name(ethnicity, given, lineage)
        native = "kazakh" if ethnicity == "kazakh" else "uyghur"
        third = "chinese"
        # Kazakh and Russian Cyrillic may agree letter for letter: Марат Беков.
        if native == "kazakh" and forms["russian"] != forms["kazakh"]:
            third = "russian" if rng.random() < 0.4 else "chinese"
        self._add_names(subject, forms, keys=["latin", native, third])
        disappeared, disappeared_precision = _date(rng)
        contact, contact_precision = _date(rng, last=disappeared)
        known = rng.random() < 0.6
        case = Case(
            reference=reference,
            subject=subject,
            fate=_pick(rng, FATES),
            workflow=_pick(rng, WORKFLOWS),
            confidentiality=_pick(rng, CONFIDENTIALITY),
            disappeared_on=disappeared,
            disappeared_on_precision=disappeared_precision,
            last_contact_on=contact if known else None,
            last_contact_on_precision=contact_precision if known else Precision.DAY,
            place_last_seen=subject.origin_county,
            summary=INVENTED,
        )
        self.cases.append(case)
        for _ in range(rng.choice([0, 1, 1, 2])):
            self._add_relative(case, ethnicity, given, lineage)
        for _ in range(rng.choice([0, 1, 1, 2])):
            self._add_detention(case)

    def _given_and_lineage(
        self, ethnicity: str, *, female: bool
    ) -> tuple[GivenName, _Lineage]:
        """Draw a given name, a father and a family that name no public case."""
        rng = self.rng
        while True:
            given = _given_name(rng, ethnicity, female=female)
            father = _given_name(rng, ethnicity, female=False)
            family = _given_name(rng, ethnicity, female=False)
            if given not in (father, family) and not (
                is_public_case(given=given, father=father)
                or is_public_case(given=given, father=family)
            ):
                return given, _Lineage(father, family)

    def _full_name(
        self, ethnicity: str, given: GivenName, lineage: _Lineage
    ) -> dict[str, str]:
        if ethnicity == "uyghur":
            return uyghur_full_name(given=given, father=lineage.father)
        russian_style, with_family = _pick(self.rng, KAZAKH_STYLES)
        return kazakh_full_name(
            given=given,
            father=lineage.father,
            russian_style=russian_style,
            family=lineage.family if with_family else None,
        )

    def _person(
        self, ethnicity: str, given: GivenName, *, first_year: int, last_year: int
    ) -> Person:
        rng = self.rng
        born, precision = _date(
            rng, datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
        )
        place = rng.choice(places(ethnicity=ethnicity))
        person = Person(
            gender="female" if given.female else "male",
            ethnicity=ethnicity,
            birth_date=born if rng.random() < 0.85 else None,
            birth_date_precision=precision,
            citizenship="KZ" if ethnicity == "kazakh" and rng.random() < 0.3 else "CN",
            origin_prefecture=place.prefecture,
            origin_county=place.county,
            occupation=rng.choice(OCCUPATIONS),
            notes=INVENTED,
        )
        self.persons.append(person)
        return person

    def _add_names(
        self, person: Person, forms: dict[str, str], *, keys: list[str]
    ) -> None:
        for key in keys:
            script, language, kind = NAME_FORMS[key]
            self.names.append(
                PersonName(
                    person=person,
                    text=forms[key],
                    script=script,
                    language=language,
                    kind=kind,
                )
            )

    def _add_relative(
        self, case: Case, ethnicity: str, given: GivenName, lineage: _Lineage
    ) -> None:
        """Add a relative whose name follows from the family: a sister shares the
        subject's father, the father carries the subject's patronymic name, and
        all three the family surname."""
        rng = self.rng
        female = rng.random() < 0.5
        relationship = rng.choice(FEMALE_RELATIVES if female else MALE_RELATIVES)
        their_given, theirs = self._given_and_lineage(ethnicity, female=female)
        if relationship in ("brother", "sister"):
            theirs = lineage
        elif relationship == "father":
            their_given, theirs = lineage.father, theirs._replace(family=lineage.family)
        elif relationship in ("son", "daughter") and not given.female:
            theirs = _Lineage(given, lineage.family)
        person = self._person(ethnicity, their_given, first_year=1930, last_year=2015)
        forms = self._full_name(ethnicity, their_given, theirs)
        native = "kazakh" if ethnicity == "kazakh" else "uyghur"
        self._add_names(person, forms, keys=["latin", native][: rng.randint(1, 2)])
        reported = rng.random() < 0.6
        self.relatives.append(
            Relative(
                case=case,
                person=person,
                relationship=Relationship(relationship),
                reported_case=reported,
                reported_on=_date(rng)[0] if reported else None,
                country_of_residence=rng.choice(RESIDENCES[ethnicity]),
                consent=rng.choice(["none", "anonymised", "full"]),
            )
        )

    def _add_detention(self, case: Case) -> None:
        rng = self.rng
        facility = rng.choice(self.facilities)
        started, started_precision = _date(rng)
        ended, ended_precision = _date(rng, first=started)
        if ended < started:  # a month or year can begin before a known start day
            ended, ended_precision = started, started_precision
        released = rng.random() < 0.4
        self.detentions.append(
            Detention(
                case=case,
                facility=facility,
                kind=DETENTION_KINDS[FacilityKind(facility.kind)],
                started_on=started,
                started_on_precision=started_precision,
                ended_on=ended if released else None,
                ended_on_precision=ended_precision if released else Precision.DAY,
                notes=INVENTED.replace("person", "detention"),
            )
        )
