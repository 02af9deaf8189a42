"""Fetch pages for the evidence archive: http and https only, public addresses only.

We resolve each host ourselves, refuse it if any of its addresses is not public
(unless settings.SOURCES_FETCH_ALLOWED_NETWORKS holds it), and then connect to the
very address we checked: the request goes to the IP, with the Host header and the
TLS server name (SNI and certificate check) of the host name. A DNS answer that
changes between the check and the connection (DNS rebinding) therefore cannot
send us elsewhere. Redirects are followed here, one new client per hop, so every
hop is checked the same way and no connection is reused across host names.
"""

import contextlib
import datetime
import functools
import http
import logging
import random
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx
from django.conf import settings

from .addresses import AddressRefused, vetted_addresses

__all__ = [
    "FetchError",
    "FetchedResponse",
    "fetch",
    "fetch_with_retries",
    "request_headers",
]

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Capture.requested_url and Capture.final_url hold 2,000 characters.
MAX_URL_LENGTH = 2000
# A longer Retry-After is not waited for in-process: the caller reschedules.
MAX_RETRY_AFTER = 30.0
# One fetch, all hops together, may last this many read timeouts (plus a connect
# timeout): a server that drips a byte per read timeout must not hold a worker.
TOTAL_READ_TIMEOUTS = 4


@dataclass(frozen=True)
class FetchedResponse:
    """The final response of a fetch, after redirects, with its whole body."""

    requested_url: str
    final_url: str
    status_code: int
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)
    fetched_at: datetime.datetime

    def header(self, name: str) -> str | None:
        """Return the first value of the header name (any case), or None."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)

    @property
    def content_type(self) -> str:
        """Return the media type without parameters, lowercased ("" if none)."""
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """Return the charset parameter of the Content-Type, if any."""
        for parameter in (self.header("Content-Type") or "").split(";")[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "charset" and value.strip(' "'):
                return value.strip(' "')
        return None


class FetchError(Exception):
    """A fetch that failed; reason is safe to show, transient says retry later."""

    def __init__(
        self, reason: str, *, transient: bool, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after


def request_headers(url: str) -> list[tuple[str, str]]:
    """Return the headers a fetch of url sends, Host first."""
    return [
        ("Host", httpx.URL(url).netloc.decode("ascii")),
        ("User-Agent", settings.SOURCES_FETCH_USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
    ]


def fetch(
    url: str, *, extra_headers: Sequence[tuple[str, str]] = ()
) -> FetchedResponse:
    """Fetch url once, checking the address of every hop; raise FetchError.

    extra_headers (e.g. If-None-Match) go with every hop, but never replace Host.
    A 304 Not Modified is returned, with an empty body, not raised.
    """
    deadline = time.monotonic() + _total_seconds()
    target = _checked_url(url)
    for _ in range(settings.SOURCES_FETCH_MAX_REDIRECTS + 1):
        with _sent(target, extra_headers) as response:
            location = _redirect_location(response)
            if location is None:
                _check_status(response)
                fetched_at = datetime.datetime.now(datetime.UTC)
                return FetchedResponse(
                    requested_url=url,
                    final_url=str(target),
                    status_code=response.status_code,
                    http_version=response.http_version,
                    headers=[
                        (k.decode("latin-1"), v.decode("latin-1"))
                        for k, v in response.headers.raw
                    ],
                    body=_read_body(response, deadline),
                    fetched_at=fetched_at,
                )
        target = _checked_url(location, base=target)
    raise FetchError(
        f"more than {settings.SOURCES_FETCH_MAX_REDIRECTS} redirects", transient=False
    )


def fetch_with_retries(
    url: str, *, attempts: int = 3, backoff: float = 1.0
) -> FetchedResponse:
    """Fetch url, retrying transient failures after backoff * 2**n seconds.

    Permanent failures, and a Retry-After above MAX_RETRY_AFTER, raise at once.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(attempts - 1):
        try:
            return fetch(url)
        except FetchError as error:
            if not error.transient or (error.retry_after or 0) > MAX_RETRY_AFTER:
                raise
            # Jitter spreads out workers that failed together; it is no secret.
            delay = backoff * 2**attempt + random.uniform(0, backoff / 4)  # noqa: S311  # nosec B311
            delay = max(delay, error.retry_after or 0)
            logger.info("Fetch failed (%s); retrying in %.2f s", error.reason, delay)
            time.sleep(delay)
    return fetch(url)


def _total_seconds() -> float:
    return (
        settings.SOURCES_FETCH_CONNECT_TIMEOUT
        + settings.SOURCES_FETCH_READ_TIMEOUT * TOTAL_READ_TIMEOUTS
    )


def _checked_url(url: str, *, base: httpx.URL | None = None) -> httpx.URL:
    """Return url (joined to base) parsed; refuse what we must not fetch."""
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise FetchError("the URL is not valid", transient=False) from None
    if parsed.scheme not in ("http", "https"):
        scheme = f"{parsed.scheme[:20]}:" if parsed.scheme else "a relative URL"
        raise FetchError(
            f"only http and https URLs can be fetched, not {scheme}", transient=False
        )
    if not parsed.host or (parsed.port is not None and not 0 < parsed.port < 65536):
        raise FetchError("the URL is not valid", transient=False)
    if parsed.userinfo:
        raise FetchError(
            "URLs with a user name or password are refused", transient=False
        )
    if max(len(url), len(str(parsed))) > MAX_URL_LENGTH:
        raise FetchError(
            f"the URL is longer than {MAX_URL_LENGTH} characters", transient=False
        )
    return parsed.copy_with(fragment=None)


@contextlib.contextmanager
def _sent(
    target: httpx.URL, extra_headers: Sequence[tuple[str, str]]
) -> Iterator[httpx.Response]:
    """Send GET target to its first reachable vetted address; yield the stream."""
    host = target.raw_host.decode("ascii")
    try:
        addresses = vetted_addresses(host, target.port or _default_port(target))
    except AddressRefused as refused:
        raise FetchError(refused.reason, transient=refused.transient) from refused
    timeout = httpx.Timeout(
        settings.SOURCES_FETCH_READ_TIMEOUT,
        connect=settings.SOURCES_FETCH_CONNECT_TIMEOUT,
        pool=settings.SOURCES_FETCH_CONNECT_TIMEOUT,
    )
    # trust_env=False: no proxy from the environment (it would resolve names
    # itself) and no .netrc credentials. TLS verification is always on.
    with (
        _errors_as_fetch_errors(),
        httpx.Client(timeout=timeout, trust_env=False, verify=_tls()) as client,
    ):
        headers = httpx.Headers(request_headers(str(target)))
        for name, value in extra_headers:
            if name.lower() != "host":
                headers[name] = value
        response = _send_to_first_reachable(client, target, addresses, headers)
        try:
            yield response
        finally:
            response.close()


@functools.cache
def _tls() -> ssl.SSLContext:
    """Return the verifying TLS context, made once: loading the certificate
    authorities took 25 ms, as long as the rest of a fetch. A context serves
    any number of connections, in any thread."""
    return httpx.create_ssl_context(verify=True, trust_env=False)


def _send_to_first_reachable(
    client: httpx.Client,
    target: httpx.URL,
    addresses: list[str],
    headers: httpx.Headers,
) -> httpx.Response:
    host = target.raw_host.decode("ascii")
    for number, address in enumerate(addresses, start=1):
        request = client.build_request(
            "GET",
            target.copy_with(host=address),
            headers=headers,
            extensions={"sni_hostname": host},
        )
        try:
            return client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            if number == len(addresses) or _is_certificate_error(error):
                raise
    raise AssertionError("no address to connect to")  # vetted_addresses gives some


def _default_port(target: httpx.URL) -> int:
    return 443 if target.scheme == "https" else 80


def _redirect_location(response: httpx.Response) -> str | None:
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("Location")
    if not location:
        raise FetchError(
            f"HTTP {response.status_code} redirect without a Location", transient=False
        )
    return location


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300 or status == http.HTTPStatus.NOT_MODIFIED:
        return
    try:
        reason = f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        reason = f"HTTP {status}"
    if status == 429 or status >= 500:
        retry_after = _retry_after(response.headers.get("Retry-After", ""))
        raise FetchError(reason, transient=True, retry_after=retry_after)
    raise FetchError(reason, transient=False)


def _retry_after(value: str) -> float | None:
    """Return the seconds a Retry-After (seconds or HTTP date) asks for."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


def _read_body(response: httpx.Response, deadline: float) -> bytes:
    """Read the body, stopping as soon as it passes SOURCES_FETCH_MAX_BYTES."""
    limit = settings.SOURCES_FETCH_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(_too_large(limit), transient=False)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        # Count decoded and downloaded bytes: a gzip bomb inflates the first.
        if size > limit or response.num_bytes_downloaded > limit:
            raise FetchError(_too_large(limit), transient=False)
        if time.monotonic() > deadline:
            raise FetchError(
                f"the page took longer than {_total_seconds():g} s to arrive",
                transient=True,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return f"the page is larger than the limit of {limit / 1024 / 1024:g} MB"


def _is_certificate_error(error: BaseException) -> bool:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


@contextlib.contextmanager
def _errors_as_fetch_errors() -> Iterator[None]:
    """Turn httpx's errors into FetchErrors with a reason fit for the admin."""
    try:
        yield
    except httpx.ConnectTimeout as error:
        raise FetchError(
            "timed out connecting to the server", transient=True
        ) from error
    except httpx.TimeoutException as error:
        raise FetchError("timed out waiting for the server", transient=True) from error
    except httpx.ConnectError as error:
        if _is_certificate_error(error):
            raise FetchError(
                "the server's TLS certificate could not be verified", transient=False
            ) from error
        raise FetchError("could not connect to the server", transient=True) from error
    except httpx.TransportError as error:
        raise FetchError("the connection failed", transient=True) from error
    except httpx.DecodingError as error:
        raise FetchError(
            "the server sent a body that could not be decoded", transient=False
        ) from error
