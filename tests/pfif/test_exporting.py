"""The PFIF 1.4 export of cases (pfif.exporting)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.merging import merge_persons
from cases.models import Case, Confidentiality, Fate, StateClaim
from pfif.exporting import export_pfif
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    RelativeFactory,
    UserFactory,
    person_named,
)
from tests.pfif.validator import check_pfif
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    require_postgresql()


def published_case(**fields) -> Case:
    fields.setdefault("confidentiality", Confidentiality.PUBLIC)
    fields.setdefault("consents_to_publication", True)
    return CaseFactory(**fields)


def test_demo_data_export_follows_the_pfif_rules():
    call_command("load_demo", stdout=StringIO())
    export = export_pfif(cases=Case.objects.all(), published_only=False)

    assert check_pfif(export.xml) == []
    assert len(export.cases) == Case.objects.count()
    assert export.xml.count(b"<pfif:person>") == Case.objects.count()


def test_only_public_cases_with_consent_by_default():
    shown = published_case()
    published_case(consents_to_publication=False)
    published_case(confidentiality=Confidentiality.RESTRICTED)

    export = export_pfif(cases=Case.objects.all())

    assert export.cases == [shown]
    assert check_pfif(export.xml) == []


def test_every_name_form_and_the_birth_date_at_its_precision(settings):
    settings.PFIF_DOMAIN = "cases.invented-group.org"
    subject = person_named(
        "Baibolat Kunbolat",
        "Байболат Күнболатұлы",
        "Baybolat Kunbolatuly",
        birth_date=datetime.date(1975, 1, 1),
        birth_date_precision="year",
        origin_prefecture="Ili",
        origin_county="Nilka",
    )
    published_case(subject=subject)

    xml = export_pfif(cases=Case.objects.all()).xml.decode()

    assert f"cases.invented-group.org/person.{subject.uid}" in xml
    assert "<pfif:full_name>Baibolat Kunbolat</pfif:full_name>" in xml
    assert "Байболат Күнболатұлы\nBaybolat Kunbolatuly</pfif:alternate_names>" in xml
    assert "<pfif:date_of_birth>1975</pfif:date_of_birth>" in xml
    assert "<pfif:home_state>Ili</pfif:home_state>" in xml
    assert "<pfif:sex>female</pfif:sex>" in xml


def test_age_range_is_moved_to_the_records_date():
    subject = person_named(
        "Aigerim Testova",
        age_min=40,
        age_max=45,
        age_as_of=datetime.date(2000, 6, 1),
    )
    case = published_case(subject=subject)
    years = case.updated_at.year - 2000

    xml = export_pfif(cases=Case.objects.all()).xml.decode()

    assert f"<pfif:age>{40 + years}-{45 + years + 1}</pfif:age>" in xml


def test_status_detentions_and_state_claims_become_notes():
    case = published_case(fate=Fate.CAMP, place_last_seen="Ghulja")
    DetentionFactory(case=case)
    StateClaim.objects.create(
        case=case,
        text="He is studying at a school.",
        claimed_on=datetime.date(2019, 1, 1),
    )
    deceased = published_case(fate=Fate.DECEASED)

    export = export_pfif(cases=Case.objects.all())
    xml = export.xml.decode()

    assert check_pfif(export.xml) == []
    assert xml.count("<pfif:note>") == 4
    assert xml.count("<pfif:status>believed_alive</pfif:status>") == 1
    assert xml.count("<pfif:status>believed_dead</pfif:status>") == 1
    assert "He is studying at a school." in xml
    assert f"note.case-{deceased.pk}.status" in xml


def test_merged_duplicates_are_linked_both_ways():
    case = published_case()
    duplicate = person_named("Aigerim Testowa")
    merge_persons(keep=case.subject, duplicate=duplicate, actor=None)

    export = export_pfif(cases=Case.objects.all())
    xml = export.xml.decode()

    assert check_pfif(export.xml) == []
    assert xml.count("<pfif:person>") == 2
    assert xml.count("<pfif:linked_person_record_id>") == 2
    assert "<pfif:full_name>Aigerim Testowa</pfif:full_name>" in xml


def test_never_sensitive_fields():
    subject = person_named("Dana Invented", id_document_number="654321987012")
    subject.home_address = "Invented street 12"
    subject.save()
    case = published_case(subject=subject)
    RelativeFactory(case=case, contact_details="+7 700 000 00 00")

    xml = export_pfif(cases=Case.objects.all()).xml.decode()

    for secret in ("654321987012", "Invented street 12", "+7 700", "Aigerim"):
        assert secret not in xml  # "Aigerim": the relative's name
    assert xml.count("<pfif:person>") == 1


def test_a_user_exports_only_the_cases_they_see():
    published_case()
    reader = UserFactory()

    export = export_pfif(cases=Case.objects.all(), user=reader)

    assert export.cases == []


def test_command_writes_the_filtered_cases(tmp_path):
    published_case(fate=Fate.CAMP)
    published_case(fate=Fate.RELEASED)
    output = tmp_path / "out.xml"

    call_command("export_pfif", "fate=camp", "--output", str(output), stderr=StringIO())

    assert output.read_bytes().count(b"<pfif:person>") == 1
    assert check_pfif(output.read_bytes()) == []


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("fate=lost", "fate"),
        ("colour=red", "Unknown filters: colour"),
        ("disappeared_from=2018-13", "disappeared_from"),
        ("fate", "is not NAME=VALUE"),
    ],
)
def test_command_refuses_bad_filters(argument, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("export_pfif", argument, stdout=StringIO())

    assert raised.value.returncode == 2


def test_the_number_of_queries_does_not_grow_with_the_cases():
    published_case()
    with CaptureQueriesContext(connection) as one:
        export_pfif(cases=Case.objects.all())
    for _ in range(5):
        DetentionFactory(case=published_case())
    with CaptureQueriesContext(connection) as six:
        export = export_pfif(cases=Case.objects.all())

    assert len(export.cases) == 6
    assert len(six.captured_queries) == len(one.captured_queries)
