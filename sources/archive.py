"""The evidence archive: each body stored once per SHA-256, and a WARC per capture.

Bodies live at bodies/<aa>/<bb>/<sha256> and are never rewritten. Each capture
also gets warc/<yyyy>/<mm>/<sha256>-<timestamp>.warc.gz, a gzipped WARC/1.1 file
with a request and a response record (or one resource record for an upload).

The WARC payload is the body as we keep it, decoded from any Content-Encoding;
the archived HTTP headers say so: Content-Encoding and Transfer-Encoding move to
X-Archive-Orig-* headers and Content-Length is the stored body's length. Digests
are SHA-256 in warcio's form, "sha256:" and the base32 of the digest, so the
WARC-Payload-Digest of a capture is sha256:<base32 of Capture.sha256>.
"""

import base64
import datetime
import hashlib
import http
import io
import re
import zlib
from collections.abc import Iterator
from typing import IO
from urllib.parse import quote, urlsplit

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from .fetching import FetchedResponse, request_headers
from .models import Capture, SourceArticle

__all__ = [
    "find_archive_problems",
    "payload_digest",
    "store_capture",
    "store_upload",
    "verify_capture",
]

# Headers that describe the bytes on the wire, not the body we keep.
_TRANSFER_HEADERS = frozenset(
    {"content-encoding", "transfer-encoding", "content-length"}
)
_MEDIA_TYPE = re.compile(r"[\w!#$&^.+-]+/[\w!#$&^.+-]+(\s*;[ -~]*)?")
_CHUNK = 1 << 16
# gzip's own default: warcio's level 9 took eight times as long on a news
# page's repetitive markup, for a file a tenth smaller.
_GZIP_LEVEL = 6


class _SHA256WARCWriter(WARCWriter):
    """A WARC writer whose block and payload digests are SHA-256, not SHA-1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def _gzipped(*records: ArcWarcRecord) -> bytes:
    """Return the records as a .warc.gz: one gzip member per record, in order."""
    members = []
    for record in records:
        buffer = io.BytesIO()
        _SHA256WARCWriter(buffer, gzip=False, warc_version="1.1").write_record(record)
        compressor = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        members.append(compressor.compress(buffer.getvalue()) + compressor.flush())
    return b"".join(members)


def payload_digest(sha256: str) -> str:
    """Return the WARC-Payload-Digest for a body of the given SHA-256 (hex)."""
    return "sha256:" + base64.b32encode(bytes.fromhex(sha256)).decode("ascii")


def store_capture(
    *, article: SourceArticle, response: FetchedResponse
) -> tuple[Capture, bool]:
    """Keep response as evidence for article; return (capture, created).

    The same body again returns the article's existing capture unchanged.
    """
    sha256 = hashlib.sha256(response.body).hexdigest()
    existing = Capture.objects.filter(article=article, sha256=sha256).first()
    if existing is not None:
        return existing, False
    return _create_capture(
        article=article,
        body=response.body,
        sha256=sha256,
        warc=_exchange_warc(response),
        fetched_at=response.fetched_at,
        requested_url=response.requested_url,
        final_url=response.final_url,
        status_code=response.status_code,
        headers=[[name, value] for name, value in response.headers],
        content_type=response.content_type[:200],
    )


def store_upload(
    *, article: SourceArticle, filename: str, data: bytes, content_type: str
) -> tuple[Capture, bool]:
    """Keep a file a case worker uploaded for article; return (capture, created).

    The capture's URLs are file:<name>, the name as uploaded without any folder.
    """
    if not data:
        raise ValidationError("The uploaded file is empty.", code="empty")
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Capture.objects.filter(article=article, sha256=sha256).first()
    if existing is not None:
        return existing, False
    uri = "file:" + quote(_plain_file_name(filename))
    content_type = _clean_content_type(content_type)
    fetched_at = timezone.now()
    return _create_capture(
        article=article,
        body=data,
        sha256=sha256,
        warc=_resource_warc(uri, data, content_type, fetched_at),
        fetched_at=fetched_at,
        requested_url=uri,
        final_url=uri,
        status_code=None,
        headers=[],
        content_type=content_type.split(";")[0].strip().lower()[:200],
    )


def verify_capture(capture: Capture) -> list[str]:
    """Return what is wrong with capture's stored body and WARC (nothing: [])."""
    return _body_problems(capture) + _warc_problems(capture)


def find_archive_problems(
    *, chunk_size: int = 500
) -> Iterator[tuple[Capture, list[str]]]:
    """Verify every capture, a chunk of rows at a time; yield each with its problems."""
    captures = Capture.objects.only(
        "id", "article_id", "sha256", "size", "body", "warc"
    ).order_by("pk")
    for capture in captures.iterator(chunk_size=chunk_size):
        yield capture, verify_capture(capture)


def _storage() -> Storage:
    # The field's storage, so that reads (capture.body.open) and writes agree.
    return Capture._meta.get_field("body").storage


def _create_capture(
    *,
    article: SourceArticle,
    body: bytes,
    sha256: str,
    warc: bytes,
    fetched_at: datetime.datetime,
    **fields: object,
) -> tuple[Capture, bool]:
    storage = _storage()
    body_name = _store_body(storage, body, sha256)
    warc_name = storage.save(_warc_name(sha256, fetched_at), ContentFile(warc))
    try:
        with transaction.atomic():
            _wait_for_disk()
            capture = Capture.objects.create(
                article=article,
                sha256=sha256,
                size=len(body),
                body=body_name,
                warc=warc_name,
                fetched_at=fetched_at,
                **fields,
            )
    except Exception:
        # No capture row, so no WARC; the shared body file may serve others.
        storage.delete(warc_name)
        # Another worker may have stored the same body for the article meanwhile.
        existing = Capture.objects.filter(article=article, sha256=sha256).first()
        if existing is None:
            raise
        return existing, False
    return capture, True


def _wait_for_disk() -> None:
    """Make this transaction's commit wait for the disk, as workers' do not.

    A worker's session commits without waiting (casetracker.celery): what it
    writes can be computed again, but a capture is evidence of a page that
    may be gone by then.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO on")


def _store_body(storage: Storage, body: bytes, sha256: str) -> str:
    name = f"bodies/{sha256[:2]}/{sha256[2:4]}/{sha256}"
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(body))
        if saved != name:
            # A concurrent save stored the same bytes first: keep that one.
            storage.delete(saved)
    return name


def _warc_name(sha256: str, when: datetime.datetime) -> str:
    when = when.astimezone(datetime.UTC)
    return f"warc/{when:%Y}/{when:%m}/{sha256}-{when:%Y%m%dT%H%M%S%fZ}.warc.gz"


def _warc_date(when: datetime.datetime) -> str:
    naive_utc = when.astimezone(datetime.UTC).replace(tzinfo=None)
    return datetime_to_iso_date(naive_utc, use_micros=True)


def _exchange_warc(response: FetchedResponse) -> bytes:
    """Return a gzipped WARC of the request we sent and the response we kept."""
    writer = _SHA256WARCWriter(io.BytesIO(), warc_version="1.1")
    date = {"WARC-Date": _warc_date(response.fetched_at)}
    status = response.status_code
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = ""  # a status Python does not know keeps no reason phrase
    response_record = writer.create_warc_record(
        response.final_url,
        "response",
        payload=io.BytesIO(response.body),
        http_headers=StatusAndHeaders(
            f"{status} {phrase}".strip(),
            _archived_headers(response),
            protocol=response.http_version,
        ),
        warc_headers_dict=date,
    )
    target = urlsplit(response.final_url)
    path = (target.path or "/") + (f"?{target.query}" if target.query else "")
    request_record = writer.create_warc_record(
        response.final_url,
        "request",
        http_headers=StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            request_headers(response.final_url),
            is_http_request=True,
        ),
        warc_headers_dict=date,
    )
    # As warcio's write_request_response_pair: the response, then the request
    # that names it.
    response_id = response_record.rec_headers.get_header("WARC-Record-ID")
    request_record.rec_headers.add_header("WARC-Concurrent-To", response_id)
    return _gzipped(response_record, request_record)


def _archived_headers(response: FetchedResponse) -> list[tuple[str, str]]:
    headers = [
        (f"X-Archive-Orig-{name}" if name.lower() in _TRANSFER_HEADERS else name, value)
        for name, value in response.headers
    ]
    return [*headers, ("Content-Length", str(len(response.body)))]


def _resource_warc(
    uri: str, data: bytes, content_type: str, when: datetime.datetime
) -> bytes:
    writer = _SHA256WARCWriter(io.BytesIO(), warc_version="1.1")
    record = writer.create_warc_record(
        uri,
        "resource",
        payload=io.BytesIO(data),
        length=len(data),
        warc_content_type=content_type,
        warc_headers_dict={"WARC-Date": _warc_date(when)},
    )
    return _gzipped(record)


def _plain_file_name(filename: str) -> str:
    """Return the last part of filename, without folders or control characters."""
    name = re.split(r"[/\\]", filename)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:200] or "upload"


def _clean_content_type(content_type: str) -> str:
    content_type = content_type.strip()
    if _MEDIA_TYPE.fullmatch(content_type):
        return content_type
    return "application/octet-stream"


def _body_problems(capture: Capture) -> list[str]:
    if not capture.body.name:
        return ["body missing"]
    try:
        sha256, size = _hash_file(capture.body)
    except FileNotFoundError:
        return ["body missing"]
    except (OSError, SuspiciousFileOperation):
        return ["body unreadable"]
    if sha256 != capture.sha256:
        return ["body hash differs from the recorded SHA-256"]
    if size != capture.size:
        return ["body size differs from the recorded size"]
    return []


def _hash_file(stored: FieldFile) -> tuple[str, int]:
    with stored.open("rb") as stream:
        return _hash_stream(stream)


def _hash_stream(stream: IO[bytes]) -> tuple[str, int]:
    """Return the SHA-256 (hex) and size of what stream holds, read in chunks."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _warc_problems(capture: Capture) -> list[str]:
    if not capture.warc.name:
        return ["WARC missing"]
    try:
        with capture.warc.open("rb") as stream:
            found = _warc_payload(stream)
    except FileNotFoundError:
        return ["WARC missing"]
    except (
        ArchiveLoadFailed,
        OSError,
        EOFError,
        zlib.error,
        ValueError,
        SuspiciousFileOperation,
    ):
        return ["WARC unreadable"]
    if found is None:
        return ["WARC unreadable: no WARC response or resource record"]
    declared, actual = found
    problems = []
    if declared != payload_digest(capture.sha256):
        problems.append("WARC payload digest differs from the body")
    if actual != capture.sha256:
        problems.append("WARC payload differs from the body")
    return problems


def _warc_payload(stream: IO[bytes]) -> tuple[str, str] | None:
    """Return the declared payload digest and the payload's SHA-256 (hex)."""
    for record in ArchiveIterator(stream):
        # warcio reads any text as an ARC record: only WARC records count.
        if record.format == "warc" and record.rec_type in ("response", "resource"):
            declared = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            return declared, _hash_stream(record.raw_stream)[0]
    return None
