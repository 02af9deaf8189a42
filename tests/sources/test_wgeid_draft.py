"""The draft submission to the UN Working Group: a .docx, and its download."""

import datetime
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from audit.models import AccessAction, AccessLogEntry, Channel
from cases.models import Case, PersonName
from sources.bundles import load_bundle_files
from sources.wgeid_draft import DOCX_TYPE, spell_date, write_draft
from tests.factories import user_with_role
from tests.services import missing
from tests.sources.case_records import SHA256, documented_case

pytestmark = pytest.mark.django_db

CONTACT = "+7 700 000 00 00 (invented)"


def text_of(content: bytes) -> str:
    """Return every paragraph and table cell of a .docx, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def sourced_case(*, confidential: bool) -> Case:
    case = documented_case(place_last_seen="", believed_responsible="Invented unit")
    relative = case.relatives.get()
    case.submitted_by = "relative"
    case.submitting_relative = relative
    case.source_confidential = confidential
    case.save()
    return case


@pytest.mark.parametrize(
    ("day", "precision", "words"),
    [
        (datetime.date(2018, 3, 1), "month", "March 2018"),
        (datetime.date(2018, 1, 1), "year", "2018"),
        (datetime.date(2018, 3, 21), "day", "21 March 2018"),
        (None, "day", "not known"),
    ],
)
def test_dates_are_written_at_their_precision(day, precision, words):
    assert spell_date(day, precision) == words


def test_the_draft_holds_the_elements_the_working_group_asks_for():
    case = sourced_case(confidential=False)
    worker = user_with_role("Case worker")

    text = text_of(write_draft(case, user=worker, with_contacts=False))

    for name in PersonName.objects.filter(person=case.subject):
        assert name.text in text
    assert "Name in Cyrillic | Байболат Күнболатұлы" in text
    assert "Date | 21 March 2018" in text
    assert "Last contact | March 2018" in text
    assert "Place | not known" in text
    assert "Invented unit" in text
    assert "April 2019 | 20 April 2019" in text  # the detention, as precise as known
    assert "2 May 2018 | inquiry with the police" in text
    assert "Invented spokesperson: Invented claim" in text
    assert f"SHA-256 {SHA256}" in text
    assert "Archived 2021-02-11 09:30 UTC" in text
    assert f"Name of the source | {case.submitting_relative.person.display_name}" in (
        text
    )
    assert CONTACT not in text


def test_a_confidential_source_is_left_out():
    case = sourced_case(confidential=True)
    name = case.submitting_relative.person.display_name

    text = text_of(
        write_draft(case, user=user_with_role("Administrator"), with_contacts=True)
    )

    assert "keep its identity confidential" in text
    assert name not in text
    assert CONTACT not in text


def test_contacts_only_when_asked_and_allowed():
    case = sourced_case(confidential=False)

    asked = write_draft(case, user=user_with_role("Case worker"), with_contacts=True)
    not_allowed = write_draft(
        case, user=user_with_role("Researcher"), with_contacts=True
    )

    assert f"Contact | {CONTACT}" in text_of(asked)
    assert CONTACT not in text_of(not_allowed)


def staff(role: str) -> Client:
    client = Client()
    client.force_login(user_with_role(role))
    return client


def draft_url(case: Case) -> str:
    return reverse("admin:cases_case_wgeid_draft", args=[case.pk])


def test_the_download_is_a_docx_and_logged_even_for_a_public_case():
    case = sourced_case(confidential=False)
    case.confidentiality = "public"
    case.save()

    response = staff("Case worker").get(draft_url(case))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert f"wgeid-draft-{case.reference}.docx" in response["Content-Disposition"]
    assert case.reference in text_of(response.content)
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.channel, entry.case_reference) == (
        AccessAction.EXPORTED,
        Channel.ADMIN,
        case.reference,
    )


def test_contacts_asked_by_a_researcher_are_refused():
    case = sourced_case(confidential=False)

    response = staff("Researcher").get(draft_url(case) + "?contacts=1")

    assert response.status_code == 403
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORTED).exists()


def test_the_draft_of_a_hidden_case_is_a_404_and_logged():
    case = sourced_case(confidential=False)
    case.confidentiality = "confidential"
    case.save()

    response = staff("Researcher").get(draft_url(case))

    assert response.status_code == 404
    assert AccessLogEntry.objects.get().action == AccessAction.DENIED


def test_the_case_page_links_to_the_draft_and_to_contacts_for_case_workers():
    case = sourced_case(confidential=False)
    page = reverse("admin:cases_case_change", args=[case.pk])

    worker = staff("Case worker").get(page).content.decode()
    researcher = staff("Researcher").get(page).content.decode()

    assert draft_url(case) in worker
    assert "?contacts=1" in worker
    assert draft_url(case) in researcher
    assert "?contacts=1" not in researcher


@pytest.fixture
def founding_draft(tmp_path) -> Path:
    load_bundle_files(paths=sorted((Path(settings.BASE_DIR) / "seeds").glob("*.json")))
    case = Case.objects.get(reference="CT-2021-0001")
    path = tmp_path / "founding.docx"
    path.write_bytes(
        write_draft(case, user=user_with_role("Case worker"), with_contacts=False)
    )
    return path


def test_the_founding_cases_draft_opens_in_python_docx(founding_draft):
    text = text_of(founding_draft.read_bytes())

    assert "Name | not known" in text
    assert "Description | younger brother of Baibolat Kunbolat" in text
    assert "Date | 21 March 2018" in text
    assert "public appeal" in text


def test_the_founding_cases_draft_opens_in_libreoffice(founding_draft, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing("LibreOffice", "install it (apt: libreoffice-writer-nogui)")

    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(founding_draft),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )

    assert (tmp_path / "founding.pdf").read_bytes().startswith(b"%PDF")
