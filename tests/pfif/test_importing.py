"""The PFIF import (pfif.importing) and its command."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case, DuplicateCandidate, Fate, Person, PersonMerge
from pfif.exporting import export_pfif, person_record_id
from pfif.importing import import_pfif
from pfif.models import ExternalNote, ImportedRecord
from pfif.records import PfifError
from tests.factories import CaseFactory, person_named
from tests.services import missing, require_postgresql

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR).parent / "shared" / "data" / "pfif"
NS = "http://zesty.ca/pfif/1.4"


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    require_postgresql()


def pfif(*persons: str) -> bytes:
    body = "".join(f"<pfif:person>{person}</pfif:person>" for person in persons)
    return f'<pfif:pfif xmlns:pfif="{NS}">{body}</pfif:pfif>'.encode()


def person(
    key: str = "invented.example.org/p.1",
    source_date: str = "2020-01-01T00:00:00Z",
    *,
    extra: str = "",
    notes: str = "",
) -> str:
    return (
        f"<pfif:person_record_id>{key}</pfif:person_record_id>"
        f"<pfif:source_date>{source_date}</pfif:source_date>"
        f"<pfif:full_name>Dana Invented</pfif:full_name>{extra}{notes}"
    )


def note(key: str, *, extra: str = "", on: str = "2020-01-02T00:00:00Z") -> str:
    return (
        f"<pfif:note><pfif:note_record_id>invented.example.org/{key}"
        f"</pfif:note_record_id><pfif:author_name>A. Author</pfif:author_name>"
        f"<pfif:source_date>{on}</pfif:source_date>"
        f"<pfif:text>Invented note.</pfif:text>{extra}</pfif:note>"
    )


def subject_facts(person: Person) -> tuple:
    names = sorted(name.text for name in person.names.all())
    return names, person.birth_date, person.birth_date_precision, person.description


def test_export_then_import_into_an_empty_database_gives_the_same_persons():
    originals = [
        person_named(
            "Baibolat Kunbolat",
            "Байболат Күнболатұлы",
            birth_date=datetime.date(1975, 1, 1),
            birth_date_precision="year",
        ),
        person_named(
            "رەھىلە داۋۇت",
            birth_date=datetime.date(1966, 7, 1),
            birth_date_precision="month",
        ),
        person_named("热依拉·达吾提", birth_date=datetime.date(1966, 7, 19)),
        person_named(description="younger brother of an invented person"),
    ]
    for subject in originals:
        CaseFactory(subject=subject)
    expected = {person_record_id(p): subject_facts(p) for p in originals}
    xml = export_pfif(cases=Case.objects.all(), published_only=False).xml
    Case.objects.all().delete()
    Person.objects.all().delete()

    report = import_pfif(data=xml)

    assert len(report.created) == 4 and report.refused == []
    found = {
        record.record_id: subject_facts(record.person)
        for record in ImportedRecord.objects.all()
    }
    assert found == expected


def test_status_note_sets_the_fate_and_other_notes_are_kept():
    status = "<pfif:status>believed_dead</pfif:status>"
    data = pfif(person(notes=note("n.1", extra=status) + note("n.2")))

    report = import_pfif(data=data)

    case = Case.objects.get()
    assert case.fate == Fate.DECEASED
    assert report.notes == 2
    assert ExternalNote.objects.filter(person=case.subject).count() == 2


def test_a_record_imported_again_updates_only_when_newer():
    import_pfif(data=pfif(person()))
    older = pfif(
        person(source_date="2019-01-01T00:00:00Z", extra="<pfif:sex>male</pfif:sex>")
    )
    newer = pfif(
        person(source_date="2021-01-01T00:00:00Z", extra="<pfif:sex>male</pfif:sex>")
    )

    assert len(import_pfif(data=older).unchanged) == 1
    assert Person.objects.get().gender == "unknown"
    assert len(import_pfif(data=newer).updated) == 1
    assert Person.objects.get().gender == "male"
    assert Person.objects.count() == 1


def test_expired_records_are_refused():
    expired = "<pfif:expiry_date>2001-01-01T00:00:00Z</pfif:expiry_date>"

    report = import_pfif(data=pfif(person(extra=expired)))

    assert [key for key, _reason in report.refused] == ["invented.example.org/p.1"]
    assert not Person.objects.exists()


def test_a_linked_record_becomes_a_duplicate_candidate_never_a_merge():
    tag = "pfif:linked_person_record_id"
    link = f"<{tag}>invented.example.org/p.2</{tag}>"
    data = pfif(
        person(notes=note("n.1", extra=link)),
        person("invented.example.org/p.2"),
    )

    report = import_pfif(data=data)

    assert report.candidates == 1
    assert DuplicateCandidate.objects.count() == 1
    assert not PersonMerge.objects.exists()
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_dry_run_writes_nothing():
    report = import_pfif(data=pfif(person()), dry_run=True)

    assert len(report.created) == 1
    assert "Dry run" in str(report)
    assert not Person.objects.exists()


def test_a_note_of_an_unknown_person_is_refused():
    data = (
        f'<pfif:pfif xmlns:pfif="{NS}">'
        + note(
            "n.9", extra="<pfif:person_record_id>else.org/p.9</pfif:person_record_id>"
        )
        + "</pfif:pfif>"
    ).encode()

    report = import_pfif(data=data)

    assert report.refused[0][0] == "invented.example.org/n.9"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>
<pfif:full_name>&lol3;</pfif:full_name></pfif:person></pfif:pfif>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE pfif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>
<pfif:full_name>&secret;</pfif:full_name></pfif:person></pfif:pfif>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "DTD or entities"),
        (EXTERNAL_ENTITY, "DTD or entities"),
        (b"<pfif:pfif", "not well-formed"),
        (b'<pfif xmlns="http://example.org/other"/>', "not a PFIF document"),
    ],
)
def test_command_refuses_a_bad_file_with_status_2(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as raised:
        call_command("import_pfif", str(path), stdout=StringIO())

    assert raised.value.returncode == 2
    assert not Person.objects.exists()


def test_command_reports_what_it_did(tmp_path):
    path = tmp_path / "one.xml"
    path.write_bytes(pfif(person()))
    out = StringIO()

    call_command("import_pfif", str(path), stdout=out)

    assert "1 persons created" in out.getvalue()


def test_every_error_is_a_pfif_error_or_a_refusal():
    with pytest.raises(PfifError):
        import_pfif(data=b"not xml at all")


@pytest.mark.parametrize(
    "sample",
    ["test.pfif-1.1.xml", "test.pfif-1.2.xml", "test.pfif-1.4.xml"],
)
def test_the_shared_samples_import(sample):
    path = SAMPLES / sample
    if not path.exists():
        missing("../shared/data/pfif", f"{path} holds Person Finder's samples")

    report = import_pfif(data=path.read_bytes())

    assert len(report.created) == 1
    assert report.notes >= 2
    assert Person.objects.get().names.exists()


def test_the_shared_note_file_adds_notes_to_an_imported_person():
    if not (SAMPLES / "test.pfif-1.2-note.xml").exists():
        missing("../shared/data/pfif", f"{SAMPLES} holds Person Finder's samples")
    import_pfif(data=(SAMPLES / "test.pfif-1.4.xml").read_bytes())

    report = import_pfif(data=(SAMPLES / "test.pfif-1.2-note.xml").read_bytes())

    # Both notes came in the 1.4 file already: a note never changes.
    assert report.unchanged == [
        "test.google.com/note.27009",
        "test.google.com/note.31095",
    ]
    assert report.refused == []


def test_a_record_that_breaks_a_rule_is_refused_alone():
    future = "<pfif:date_of_birth>2999-01-01</pfif:date_of_birth>"
    bad_age = "<pfif:age>45-35</pfif:age>"
    data = pfif(
        person("invented.example.org/p.1", extra=future),
        person("invented.example.org/p.2", extra=bad_age),
        person("not-a-record-id"),
        person("invented.example.org/p.4"),
    )

    report = import_pfif(data=data)

    assert report.created == ["invented.example.org/p.4"]
    assert len(report.refused) == 3
    assert Person.objects.count() == 1
    assert Case.objects.count() == 1
