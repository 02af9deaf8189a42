"""Loading and exporting case bundles (docs/case-bundle.md)."""

import copy
import datetime
import hashlib
import json
import re
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
)
from sources.bundles import BundleError, export_bundle, load_bundle
from sources.models import Citation, SourceArticle
from tests.factories import (
    CaseFactory,
    DocumentedCaseFactory,
    UserFactory,
    user_with_role,
)

SEEDS = Path(settings.BASE_DIR) / "seeds"
# Fingerprints of the founding article's eight-word runs (see the file's header).
FOUNDING_ARTICLE_RUNS = Path(__file__).parent / "data" / "founding_article_runs.txt"


def count_rows() -> dict[str, int]:
    """Count the rows of every model of cases and sources, history included."""
    models = [
        *apps.get_app_config("cases").get_models(),
        *apps.get_app_config("sources").get_models(),
        get_user_model(),
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


def wipe_case_records() -> None:
    """Delete every case record (users stay), leaving an empty case database."""
    for model in (
        Citation,
        Detention,
        Relative,
        Case,
        PersonName,
        Person,
        FacilityName,
        Facility,
        SourceArticle,
    ):
        model.objects.all().delete()


def make_bundle(cases: int = 3) -> dict:
    """Return a small valid bundle of invented cases CT-2099-0001, -0002..."""
    persons, records = [], []
    for number in range(1, cases + 1):
        subject, relative = str(uuid.uuid4()), str(uuid.uuid4())
        persons += [
            {"id": subject, "names": [{"text": f"Invented Subject {number}"}]},
            {"id": relative, "names": [{"text": f"Invented Relative {number}"}]},
        ]
        records.append(
            {
                "reference": f"CT-2099-{number:04d}",
                "subject": subject,
                "disappeared": "2018-03",
                "relatives": [{"person": relative, "relationship": "sister"}],
                "detentions": [
                    {"id": str(uuid.uuid4()), "facility": FACILITY, "started": "2018"}
                ],
            }
        )
    return {
        "format": "casetracker-case-bundle",
        "version": 1,
        "persons": persons,
        "facilities": [{"id": FACILITY, "name": "Invented Camp No. 9"}],
        "cases": records,
    }


FACILITY = "0f7c1e2a-9a51-4a43-9a57-5b7c8d0e1f23"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_demo_founding_case_is_on_day_1049_on_2021_02_02(demo):
    case = Case.objects.get(reference="CT-2021-0001")
    days = case.days_missing(on=datetime.date(2021, 2, 2))
    assert days is not None
    assert (days.fewest, days.most) == (1049, 1049)
    assert case.disappeared_on_precision == "day"


def test_demo_founding_subject_has_no_name(demo):
    subject = Case.objects.get(reference="CT-2021-0001").subject
    assert not subject.names.exists()
    assert "not in the source" in subject.notes
    brother = subject.cases.get().relatives.get()
    assert brother.relationship == "brother"
    assert str(brother.country_of_residence) == "KZ"
    assert brother.person.display_name == "Baibolat Kunbolat"


def test_demo_name_forms_get_search_keys(demo):
    assert not PersonName.objects.filter(search_key="").exists()
    assert not FacilityName.objects.filter(search_key="").exists()
    found = PersonName.objects.search("kunbolatuly").values_list("text", flat=True)
    assert "Baibolat Kunbolatuly" in found


def test_demo_uses_every_fate_and_workflow(demo):
    fates = {value for value, _ in Case._meta.get_field("fate").choices}
    workflows = {value for value, _ in Case._meta.get_field("workflow").choices}
    assert set(Case.objects.values_list("fate", flat=True)) == fates
    assert set(Case.objects.values_list("workflow", flat=True)) == workflows


def test_loading_twice_creates_nothing_new(demo):
    before = count_rows()

    call_command("load_demo", stdout=StringIO())

    assert count_rows() == before


def test_loading_again_reports_every_record_unchanged(db):
    bundle = make_bundle()
    first = load_bundle(data=bundle)
    second = load_bundle(data=bundle)
    assert first.created.total() == second.unchanged.total() > 0
    assert second.created.total() == second.updated.total() == 0


def test_loading_a_changed_record_updates_it(db):
    bundle = make_bundle()
    load_bundle(data=bundle)
    bundle["cases"][1]["fate"] = "released"

    summary = load_bundle(data=bundle)

    assert summary.updated == {"case": 1}
    assert Case.objects.get(reference="CT-2099-0002").fate == "released"


def test_export_load_export_round_trips(demo):
    DocumentedCaseFactory(reference="CT-2018-0001", confidentiality="confidential")
    exported = export_bundle(cases=Case.objects.all())
    wipe_case_records()

    load_bundle(data=json.loads(json.dumps(exported)))

    assert export_bundle(cases=Case.objects.all()) == exported
    assert len(exported["cases"]) == 10


def test_export_carries_assigned_worker_and_imprecise_dates(db):
    worker = UserFactory(username="aigerim")
    DocumentedCaseFactory(
        reference="CT-2018-0001",
        assigned_to=worker,
        disappeared_on=datetime.date(2018, 3, 1),
        disappeared_on_precision="month",
    )

    case = export_bundle(cases=Case.objects.all())["cases"][0]

    assert case["assigned_to"] == "aigerim"
    assert case["disappeared"] == "2018-03"
    assert case["detentions"][0]["ended"] == "2019-06"


def test_export_queries_do_not_grow_with_the_cases(db):
    DocumentedCaseFactory()
    with CaptureQueriesContext(connection) as one_case:
        export_bundle(cases=Case.objects.all())
    DocumentedCaseFactory.create_batch(4)
    with CaptureQueriesContext(connection) as five_cases:
        export_bundle(cases=Case.objects.all())
    assert len(five_cases) == len(one_case)


def test_unknown_assigned_worker_is_an_error(db):
    bundle = make_bundle()
    bundle["cases"][0]["assigned_to"] = "nobody"
    with pytest.raises(BundleError, match=r"cases\[0\] \(CT-2099-0001\)\.assigned_to"):
        load_bundle(data=bundle)


def test_an_account_that_works_no_cases_is_refused_as_an_unknown_one(db):
    UserFactory(username="reader", is_staff=False)
    messages = []
    for username in ("reader", "nobody"):
        bundle = make_bundle()
        bundle["cases"][0]["assigned_to"] = username
        with pytest.raises(BundleError) as refused:
            load_bundle(data=bundle)
        messages.append(str(refused.value))

    assert messages[0] == messages[1]
    assert "reader" not in messages[0]


def test_known_assigned_worker_is_linked(db):
    worker = user_with_role("Case worker", username="dilnaz")
    bundle = make_bundle()
    bundle["cases"][0]["assigned_to"] = "dilnaz"
    load_bundle(data=bundle)
    assert Case.objects.get(reference="CT-2099-0001").assigned_to == worker


def last_case(bundle: dict) -> dict:
    return bundle["cases"][-1]


BAD_BUNDLES = {
    "unknown key": (
        lambda b: last_case(b).update(fat="missing"),
        "cases[2] (CT-2099-0003).fat: unknown key",
    ),
    "bad date": (
        lambda b: last_case(b).update(disappeared="2021-13"),
        "cases[2] (CT-2099-0003).disappeared: '2021-13' is not a date of the form "
        "YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    "unknown fate": (
        lambda b: last_case(b).update(fate="lost"),
        "cases[2] (CT-2099-0003).fate: Value 'lost' is not a valid choice.",
    ),
    "dangling person id": (
        lambda b: last_case(b).update(subject=str(uuid.uuid4())),
        "cases[2] (CT-2099-0003).subject: no record with id",
    ),
    "dangling facility id": (
        lambda b: last_case(b)["detentions"][0].update(facility=str(uuid.uuid4())),
        "cases[2] (CT-2099-0003).detentions[0]",
    ),
    "wrong type": (
        lambda b: last_case(b).update(summary=42),
        "cases[2] (CT-2099-0003).summary: expected a string, got a number",
    ),
    "relative is the subject": (
        lambda b: last_case(b)["relatives"][0].update(person=last_case(b)["subject"]),
        "cases[2] (CT-2099-0003).relatives[0].person: The missing person cannot",
    ),
    "future date": (
        lambda b: last_case(b).update(disappeared="2999"),
        "cases[2] (CT-2099-0003).disappeared: This date cannot be in the future",
    ),
    "wrong version": (
        lambda b: b.update(version=3),
        "version: version 3 is not supported (expected 1 or 2)",
    ),
    "wrong format": (
        lambda b: b.update(format="something-else"),
        "format: expected 'casetracker-case-bundle'",
    ),
}


@pytest.mark.parametrize("mistake", BAD_BUNDLES)
def test_bad_bundle_names_the_record_and_field_and_writes_nothing(db, mistake):
    CaseFactory()
    before = count_rows()
    bundle = make_bundle()
    mutate, message = BAD_BUNDLES[mistake]
    mutate(bundle)

    with pytest.raises(BundleError) as error:
        load_bundle(data=bundle)

    assert message in str(error.value)
    assert count_rows() == before


def test_citing_a_detention_of_another_case_is_an_error(db):
    bundle = make_bundle()
    other = bundle["cases"][0]["detentions"][0]["id"]
    article = str(uuid.uuid4())
    bundle["articles"] = [{"id": article, "title": "Invented report"}]
    last_case(bundle)["citations"] = [{"article": article, "detention": other}]
    with pytest.raises(BundleError, match=r"citations\[0\]\.detention"):
        load_bundle(data=bundle)


def test_repeated_person_id_is_an_error(db):
    bundle = make_bundle()
    bundle["persons"].append(copy.deepcopy(bundle["persons"][0]))
    with pytest.raises(BundleError, match=r"persons\[6\] \(.*\)\.id: repeats"):
        load_bundle(data=bundle)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def strings(value: object) -> list[str]:
    """Return every string of a JSON document, keys excepted."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def fingerprint(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def test_seeds_share_no_eight_words_with_the_source_article():
    lines = FOUNDING_ARTICLE_RUNS.read_text(encoding="utf-8").splitlines()
    source_runs = {line for line in lines if not line.startswith("#")}
    texts = [
        (path.name, text)
        for path in sorted(SEEDS.glob("*.json"))
        for text in strings(json.loads(path.read_text(encoding="utf-8")))
    ]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS.glob("*/*.txt")]
    assert len(texts) > 100
    for name, text in texts:
        seed = words(text)
        copied = [
            " ".join(seed[i : i + 8])
            for i in range(len(seed) - 7)
            if fingerprint(seed[i : i + 8]) in source_runs
        ]
        assert not copied, f"{name} copies the source: {copied[0]}"


def test_the_fingerprints_find_a_copied_run():
    lines = FOUNDING_ARTICLE_RUNS.read_text(encoding="utf-8").splitlines()
    source_runs = {line for line in lines if not line.startswith("#")}
    copied = words("One of the activists, Baibolat Kunbolat, on Feb. 2 held up")
    ours = words("Baibolat Kunbolat held up a picture of his younger brother")

    assert fingerprint(copied[:8]) in source_runs
    assert fingerprint(ours[:8]) not in source_runs


def contains(exported: object, given: object) -> bool:
    """Say whether an export holds everything a hand-written bundle gives."""
    if isinstance(given, dict):
        return isinstance(exported, dict) and all(
            contains(exported.get(key), value) for key, value in given.items()
        )
    if isinstance(given, list):
        return (
            isinstance(exported, list)
            and len(exported) == len(given)
            and all(map(contains, exported, given))
        )
    return exported == given


def test_export_repeats_what_the_seed_files_say(demo):
    exported = export_bundle(cases=Case.objects.all())
    for path in sorted(SEEDS.glob("*.json")):
        seed = json.loads(path.read_text(encoding="utf-8"))
        for kind, key in [
            ("persons", "id"),
            ("facilities", "id"),
            ("articles", "id"),
            ("cases", "reference"),
        ]:
            records = {record[key]: record for record in exported[kind]}
            for record in seed[kind]:
                if record[key] in records:  # persons without a case are not exported
                    assert contains(records[record[key]], record), record[key]
