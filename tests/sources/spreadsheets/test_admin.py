"""The admin's import page: upload, preview (a dry run), confirm."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case
from sources.models import SpreadsheetImport
from tests.factories import person_named, user_with_role

from .conftest import count_every_table, csv_bytes

URL = reverse("admin:cases_case_import")
GOOD = csv_bytes(
    [["subject.names", "fate"], ["Aigul Serikkyzy", "camp"], ["Tursun", "prison"]]
)


@pytest.fixture(autouse=True)
def waiting_folder(tmp_path, monkeypatch):
    """Keep previewed files in a throwaway folder."""
    monkeypatch.setattr("sources.admin.case_imports.WAITING", tmp_path)
    return tmp_path


def upload(client, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile("cases.csv", data)})


def test_the_case_list_links_to_the_import_page(admin_client):
    page = admin_client.get(reverse("admin:cases_case_changelist"))

    assert URL in page.content.decode()


def test_upload_previews_counts_and_possible_duplicates_writing_nothing(admin_client):
    person_named("Aigul Serikkyzy")
    before = count_every_table()

    page = upload(admin_client, GOOD)

    assert page.status_code == 200
    assert count_every_table() == before
    assert page.context["counts"]["case"]["created"] == 2
    [flag] = page.context["report"].duplicates
    assert (flag.row, flag.candidate) == (2, "Aigul Serikkyzy")
    assert 'id="confirm-form"' in page.content.decode()


def test_confirm_imports_the_previewed_file_and_forgets_it(
    admin_client, waiting_folder
):
    sha256 = upload(admin_client, GOOD).context["report"].sha256
    assert (waiting_folder / sha256).read_bytes() == GOOD

    page = admin_client.post(URL, {"sha256": sha256})

    assert page.status_code == 302
    assert Case.objects.count() == 2
    assert SpreadsheetImport.objects.get().sha256 == sha256
    assert not (waiting_folder / sha256).exists()


def test_confirm_refuses_a_file_changed_since_the_preview(admin_client, waiting_folder):
    sha256 = upload(admin_client, GOOD).context["report"].sha256
    (waiting_folder / sha256).write_bytes(GOOD + b"Yerzhan,camp\r\n")

    page = admin_client.post(URL, {"sha256": sha256}, follow=True)

    assert "upload it again" in page.content.decode()
    assert Case.objects.count() == 0


def test_confirm_refuses_another_file_than_the_previewed_one(admin_client):
    upload(admin_client, GOOD)

    page = admin_client.post(URL, {"sha256": "0" * 64}, follow=True)

    assert "upload it again" in page.content.decode()
    assert Case.objects.count() == 0


def test_bad_rows_are_listed_and_offer_no_confirmation(admin_client):
    data = csv_bytes([["subject.names", "disappeared"], ["Aigul", "03/04/2018"]])

    page = upload(admin_client, data)

    content = page.content.decode()
    assert "2018-04-03 or 2018-03-04" in content
    assert 'id="confirm-form"' not in content


def test_a_researcher_may_not_import(client):
    client.force_login(user_with_role("Researcher"))

    assert client.get(URL).status_code == 403


def test_a_preview_never_confirmed_is_deleted_a_day_later(admin_client, waiting_folder):
    stale = waiting_folder / ("f" * 64)
    stale.write_bytes(GOOD)
    os.utime(stale, (time.time() - 2 * 24 * 3600,) * 2)

    upload(admin_client, GOOD)

    assert not stale.exists()
