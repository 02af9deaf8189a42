"""The evidence archive: content-addressed bodies, WARC files, verification."""

import base64
import datetime
import gzip
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from warcio.archiveiterator import ArchiveIterator

from sources.archive import store_capture, store_upload, verify_capture
from sources.fetching import FetchedResponse, fetch
from sources.models import Capture
from tests.factories import SourceArticleFactory
from tests.services import require_postgresql

from .conftest import Route

pytestmark = pytest.mark.django_db

FETCHED_AT = datetime.datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=datetime.UTC)
PAGE = "<html><body><p>Нұрлан Әбенұлы, an invented person, was taken.</p></body></html>"


def page_response(
    body: bytes = PAGE.encode(),
    *,
    url: str = "https://news.example.org/a",
    fetched_at: datetime.datetime = FETCHED_AT,
) -> FetchedResponse:
    return FetchedResponse(
        requested_url=url,
        final_url=url,
        status_code=200,
        http_version="HTTP/1.1",
        headers=[("Content-Type", "text/html; charset=utf-8"), ("Server", "test")],
        body=body,
        fetched_at=fetched_at,
    )


def warc_records(capture: Capture) -> list:
    """Return (type, WARC headers, HTTP headers, payload) of each record."""
    with capture.warc.open("rb") as stream:
        return [
            (
                record.rec_type,
                record.rec_headers,
                record.http_headers,
                record.content_stream().read(),
            )
            for record in ArchiveIterator(stream)
        ]


def files_under(storage, folder: str) -> list[str]:
    found = []
    directories, files = storage.listdir(folder)
    found += [f"{folder}/{name}" for name in files]
    for directory in directories:
        found += files_under(storage, f"{folder}/{directory}")
    return found


def test_stores_a_capture_with_its_body_and_warc(evidence_storage):
    article = SourceArticleFactory()
    sha256 = hashlib.sha256(PAGE.encode()).hexdigest()

    capture, created = store_capture(article=article, response=page_response())

    assert created
    capture.refresh_from_db()
    assert capture.sha256 == sha256
    assert capture.size == len(PAGE.encode())
    assert capture.content_type == "text/html"
    assert capture.status_code == 200
    assert capture.final_url == "https://news.example.org/a"
    assert capture.fetched_at == FETCHED_AT
    assert capture.headers[0] == ["Content-Type", "text/html; charset=utf-8"]
    assert capture.body.name == f"bodies/{sha256[:2]}/{sha256[2:4]}/{sha256}"
    assert capture.warc.name == f"warc/2024/05/{sha256}-20240501T120000123456Z.warc.gz"
    assert capture.read_body() == PAGE.encode()
    assert evidence_storage.exists(capture.warc.name)


def test_a_capture_waits_for_the_disk_in_a_worker_that_does_not(evidence_storage):
    require_postgresql()  # asynchronous commit is PostgreSQL's
    article = SourceArticleFactory()
    with transaction.atomic(), connection.cursor() as cursor:
        # As a worker's session is set up (casetracker.celery); the test's
        # transaction undoes it.
        cursor.execute("SET synchronous_commit TO off")

        store_capture(article=article, response=page_response())

        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)


def test_the_same_body_twice_is_one_capture_and_one_file(evidence_storage):
    article = SourceArticleFactory()
    first, _ = store_capture(article=article, response=page_response())
    later = page_response(fetched_at=FETCHED_AT + datetime.timedelta(days=3))

    again, created = store_capture(article=article, response=later)

    assert not created
    assert again == first
    assert again.fetched_at == FETCHED_AT
    assert Capture.objects.count() == 1
    assert len(files_under(evidence_storage, "bodies")) == 1
    assert len(files_under(evidence_storage, "warc")) == 1


def test_a_changed_body_adds_a_capture(evidence_storage):
    article = SourceArticleFactory()
    first, _ = store_capture(article=article, response=page_response())
    changed = page_response(
        PAGE.replace("was taken", "was released").encode(),
        fetched_at=FETCHED_AT + datetime.timedelta(days=3),
    )

    second, created = store_capture(article=article, response=changed)

    assert created
    assert second.sha256 != first.sha256
    assert article.captures.count() == 2
    assert len(files_under(evidence_storage, "bodies")) == 2


def test_two_articles_with_the_same_body_share_the_body_file(evidence_storage):
    one, _ = store_capture(article=SourceArticleFactory(), response=page_response())
    other, created = store_capture(
        article=SourceArticleFactory(), response=page_response()
    )

    assert created
    assert other.body.name == one.body.name
    assert len(files_under(evidence_storage, "bodies")) == 1
    assert len(files_under(evidence_storage, "warc")) == 2


def test_warc_holds_the_request_and_the_response(evidence_storage, settings):
    capture, _ = store_capture(article=SourceArticleFactory(), response=page_response())

    # warcio writes the response first, as crawlers do.
    [(resp_type, warc, http, payload), (req_type, req_warc, req_http, _)] = (
        warc_records(capture)
    )

    assert (resp_type, req_type) == ("response", "request")
    assert warc.get_header("WARC-Target-URI") == "https://news.example.org/a"
    assert warc.get_header("WARC-Date") == "2024-05-01T12:00:00.123456Z"
    digest = base64.b32encode(bytes.fromhex(capture.sha256)).decode()
    assert warc.get_header("WARC-Payload-Digest") == f"sha256:{digest}"
    assert warc.get_header("WARC-Block-Digest").startswith("sha256:")
    assert http.protocol == "HTTP/1.1"
    assert http.statusline == "200 OK"
    assert http.get_header("Content-Type") == "text/html; charset=utf-8"
    assert payload == PAGE.encode()
    assert req_http.protocol == "GET"
    assert req_http.statusline == "/a HTTP/1.1"
    assert req_http.get_header("Host") == "news.example.org"
    assert req_http.get_header("User-Agent") == settings.SOURCES_FETCH_USER_AGENT
    assert req_warc.get_header("WARC-Concurrent-To") == warc.get_header(
        "WARC-Record-ID"
    )


def test_warc_of_a_gzipped_page_holds_the_decoded_body(evidence_storage, local_server):
    local_server.routes["/zipped"] = Route(
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        body=gzip.compress(PAGE.encode()),
    )
    response = fetch(local_server.url("/zipped"))

    capture, _ = store_capture(article=SourceArticleFactory(), response=response)

    [(_, warc, http, payload), _] = warc_records(capture)
    assert payload == PAGE.encode() == capture.read_body()
    assert http.get_header("Content-Encoding") is None
    assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert http.get_header("Content-Length") == str(len(PAGE.encode()))
    assert warc.get_header("WARC-Target-URI") == local_server.url("/zipped")
    assert verify_capture(capture) == []


def test_keeps_an_existing_body_file_as_it_is(evidence_storage):
    sha256 = hashlib.sha256(PAGE.encode()).hexdigest()
    name = f"bodies/{sha256[:2]}/{sha256[2:4]}/{sha256}"
    evidence_storage.save(name, ContentFile(b"altered"))

    capture, _ = store_capture(article=SourceArticleFactory(), response=page_response())

    assert capture.read_body() == b"altered"
    assert verify_capture(capture) == ["body hash differs from the recorded SHA-256"]


def test_stores_an_upload_as_a_resource_record(evidence_storage):
    data = b"%PDF-1.4 an invented report"

    capture, created = store_upload(
        article=SourceArticleFactory(),
        filename="C:\\Users\\worker\\Desktop\\report 2019.pdf",
        data=data,
        content_type="application/pdf",
    )

    assert created
    assert capture.requested_url == capture.final_url == "file:report%202019.pdf"
    assert capture.status_code is None
    assert capture.content_type == "application/pdf"
    assert capture.read_body() == data
    [(record_type, warc, http, payload)] = warc_records(capture)
    assert record_type == "resource"
    assert http is None
    assert payload == data
    assert warc.get_header("WARC-Target-URI") == "file:report%202019.pdf"
    assert warc.get_header("Content-Type") == "application/pdf"
    assert verify_capture(capture) == []


def test_the_same_upload_twice_is_one_capture(evidence_storage):
    article = SourceArticleFactory()
    first, _ = store_upload(
        article=article, filename="a.txt", data=b"text", content_type="text/plain"
    )

    again, created = store_upload(
        article=article, filename="b.txt", data=b"text", content_type="text/plain"
    )

    assert (again, created) == (first, False)


def test_replaces_a_content_type_that_is_not_one(evidence_storage):
    capture, _ = store_upload(
        article=SourceArticleFactory(),
        filename="notes.txt",
        data=b"notes",
        content_type="text/plain\r\nX-Injected: yes",
    )

    [(_, warc, _, _)] = warc_records(capture)
    assert warc.get_header("Content-Type") == "application/octet-stream"
    assert warc.get_header("X-Injected") is None


def test_refuses_an_empty_upload(evidence_storage):
    with pytest.raises(ValidationError, match="empty"):
        store_upload(
            article=SourceArticleFactory(),
            filename="empty.txt",
            data=b"",
            content_type="text/plain",
        )

    assert Capture.objects.count() == 0


@pytest.fixture
def capture(evidence_storage) -> Capture:
    capture, _ = store_capture(article=SourceArticleFactory(), response=page_response())
    return capture


def test_a_clean_capture_has_no_problems(capture):
    assert verify_capture(capture) == []


def test_finds_a_tampered_body(capture, evidence_storage):
    with evidence_storage.open(capture.body.name, "wb") as stored:
        stored.write(PAGE.replace("taken", "fine").encode())

    assert verify_capture(capture) == ["body hash differs from the recorded SHA-256"]


def test_finds_a_missing_body_and_warc(capture, evidence_storage):
    evidence_storage.delete(capture.body.name)
    evidence_storage.delete(capture.warc.name)

    assert verify_capture(capture) == ["body missing", "WARC missing"]


def test_reports_a_path_outside_the_archive(capture):
    Capture.objects.filter(pk=capture.pk).update(body="../../../etc/passwd")
    capture.refresh_from_db()

    assert verify_capture(capture) == ["body unreadable"]


def test_finds_an_unreadable_warc(capture, evidence_storage):
    with evidence_storage.open(capture.warc.name, "wb") as stored:
        stored.write(b"\x1f\x8b this is not a WARC file")

    assert verify_capture(capture) == [
        "WARC unreadable: no WARC response or resource record"
    ]


def test_finds_a_truncated_warc(capture, evidence_storage):
    with evidence_storage.open(capture.warc.name, "rb") as stored:
        data = stored.read()
    evidence_storage.delete(capture.warc.name)
    evidence_storage.save(capture.warc.name, ContentFile(data[:200]))

    [problem] = verify_capture(capture)
    assert problem.startswith("WARC unreadable")


def test_finds_a_warc_of_another_body(capture, evidence_storage):
    other, _ = store_capture(
        article=capture.article, response=page_response(b"<p>another page</p>")
    )
    Capture.objects.filter(pk=capture.pk).update(warc=other.warc.name)
    capture.refresh_from_db()

    assert verify_capture(capture) == [
        "WARC payload digest differs from the body",
        "WARC payload differs from the body",
    ]
