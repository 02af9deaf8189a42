"""The hardened fetcher, against a local server the tests start."""

import datetime
import gzip
import socket
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from sources.fetching import FetchError, fetch, fetch_with_retries

from .conftest import Route

MB = 1024 * 1024


def refusal(url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert not caught.value.transient, caught.value.reason
    return caught.value


def resolve_as(monkeypatch, answers: dict[str, list[list[str]]]) -> list[str]:
    """Make getaddrinfo answer each name with its next list of addresses."""
    real_getaddrinfo = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real_getaddrinfo(host, port, *args, **kwargs)
        asked.append(host)
        addresses = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_fetches_a_page(local_server, settings):
    local_server.routes["/article"] = Route(
        headers={"Content-Type": 'text/html; charset="UTF-8"'},
        body="<p>Арман Қасымұлы</p>".encode(),
    )
    before = datetime.datetime.now(datetime.UTC)

    response = fetch(local_server.url("/article#top"))

    assert response.status_code == 200
    assert response.body == "<p>Арман Қасымұлы</p>".encode()
    assert response.content_type == "text/html"
    assert response.charset == "UTF-8"
    assert response.requested_url == local_server.url("/article#top")
    assert response.final_url == local_server.url("/article")
    assert response.http_version == "HTTP/1.0"
    assert ("Content-Type", 'text/html; charset="UTF-8"') in response.headers
    assert response.fetched_at.tzinfo == datetime.UTC
    assert response.fetched_at >= before
    [seen] = local_server.requests
    assert seen.headers["user-agent"] == settings.SOURCES_FETCH_USER_AGENT
    assert seen.headers["host"] == f"127.0.0.1:{local_server.port}"


def test_fetches_non_html_content(local_server):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    local_server.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, pdf)

    response = fetch(local_server.url("/report.pdf"))

    assert response.body == pdf
    assert response.content_type == "application/pdf"
    assert response.charset is None


def test_decodes_a_gzip_body(local_server):
    local_server.routes["/zipped"] = Route(
        headers={"Content-Encoding": "gzip"}, body=gzip.compress(b"<p>hello</p>")
    )

    assert fetch(local_server.url("/zipped")).body == b"<p>hello</p>"


def test_returns_not_modified_to_a_conditional_get(local_server):
    local_server.routes["/feed.xml"] = Route(status=304, headers={"ETag": '"v1"'})

    response = fetch(
        local_server.url("/feed.xml"),
        extra_headers=[("If-None-Match", '"v1"'), ("Host", "elsewhere.test")],
    )

    assert response.status_code == 304
    assert response.body == b""
    [seen] = local_server.requests
    assert seen.headers["if-none-match"] == '"v1"'
    assert seen.headers["host"] == f"127.0.0.1:{local_server.port}"


def test_refuses_loopback_when_not_allowed(local_server, settings):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = []
    local_server.routes["/"] = Route(body=b"secret admin page")

    error = refusal(local_server.url("/"))

    assert error.reason == "refused: 127.0.0.1 is not a public address"
    assert local_server.requests == []


def test_refuses_a_redirect_to_another_loopback_address(local_server):
    elsewhere = f"http://127.0.0.2:{local_server.port}/"
    local_server.routes["/start"] = Route(status=302, headers={"Location": elsewhere})

    error = refusal(local_server.url("/start"))

    assert "127.0.0.2 is not a public address" in error.reason
    assert [seen.path for seen in local_server.requests] == ["/start"]


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
    ],
)
def test_refuses_addresses_that_are_not_public(local_server, url):
    error = refusal(url.format(port=local_server.port))

    assert "is not a public address" in error.reason
    assert local_server.requests == []


ONLY_HTTP = "only http and https URLs can be fetched, not "
INVALID = "the URL is not valid"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", ONLY_HTTP + "file:"),
        ("ftp://ftp.example.org/a", ONLY_HTTP + "ftp:"),
        ("data:text/html,<p>hi</p>", ONLY_HTTP + "data:"),
        ("javascript:alert(1)", ONLY_HTTP + "javascript:"),
        ("news.example.org/a", ONLY_HTTP + "a relative URL"),
        ("http://", INVALID),
        ("http://news.example.org:99999/", INVALID),
        ("http://news.example.org:0/", INVALID),
        ("http://[::1/", INVALID),
        # Credentials in a URL would be stored with the capture, and user@host
        # is a classic way to disguise the host: refuse them.
        (
            "http://user:pw@news.example.org/",
            "URLs with a user name or password are refused",
        ),
        (
            "https://news.example.org/" + "a" * 2000,
            "the URL is longer than 2000 characters",
        ),
    ],
)
def test_refuses_urls_it_must_not_fetch(url, reason):
    assert refusal(url).reason == reason


def test_keeps_the_reason_short_for_a_long_host_name():
    with pytest.raises(FetchError) as caught:
        fetch(f"http://{'a' * 300}.invalid/")

    assert len(caught.value.reason) < 200


def test_refuses_a_host_when_any_of_its_addresses_is_private(local_server, monkeypatch):
    resolve_as(monkeypatch, {"mixed.test": [["127.0.0.1", "10.0.0.1"]]})

    error = refusal(local_server.url("/", host="mixed.test"))

    assert error.reason == "refused: mixed.test (10.0.0.1) is not a public address"
    assert local_server.requests == []


def test_connects_to_the_address_it_checked(local_server, monkeypatch):
    # A rebinding resolver: a permitted address first, a private one after.
    asked = resolve_as(monkeypatch, {"rebind.test": [["127.0.0.1"], ["10.0.0.1"]]})
    local_server.routes["/"] = Route(body=b"the vetted server")

    response = fetch(local_server.url("/", host="rebind.test"))

    assert response.body == b"the vetted server"
    assert response.final_url == local_server.url("/", host="rebind.test")
    assert asked == ["rebind.test"]
    assert (
        local_server.requests[0].headers["host"] == f"rebind.test:{local_server.port}"
    )


def test_verifies_tls_for_the_host_name(local_tls_server, monkeypatch):
    resolve_as(monkeypatch, {"selfsigned.test": [["127.0.0.1"]]})

    error = refusal(local_tls_server.url("/", host="selfsigned.test"))

    assert error.reason == "the server's TLS certificate could not be verified"
    assert local_tls_server.server_names == ["selfsigned.test"]
    assert local_tls_server.requests == []


def redirect_chain(server, length: int) -> str:
    for step in range(length):
        server.routes[f"/hop/{step}"] = Route(
            status=301 if step % 2 else 302, headers={"Location": f"/hop/{step + 1}"}
        )
    server.routes[f"/hop/{length}"] = Route(body=b"arrived")
    return server.url("/hop/0")


def test_follows_five_redirects(local_server):
    response = fetch(redirect_chain(local_server, 5))

    assert response.body == b"arrived"
    assert response.final_url == local_server.url("/hop/5")
    assert len(local_server.requests) == 6


def test_refuses_six_redirects(local_server):
    error = refusal(redirect_chain(local_server, 6))

    assert error.reason == "more than 5 redirects"
    assert len(local_server.requests) == 6


def test_refuses_a_redirect_to_another_scheme(local_server):
    local_server.routes["/"] = Route(status=302, headers={"Location": "file:///etc/"})

    assert "not file:" in refusal(local_server.url("/")).reason


def test_stops_a_streamed_response_at_the_size_cap(local_server):
    def fifty_megabytes():
        for _ in range(50 * 16):
            yield b"x" * (64 * 1024)

    local_server.routes["/huge"] = Route(body=fifty_megabytes)

    error = refusal(local_server.url("/huge"))

    assert error.reason == "the page is larger than the limit of 10 MB"
    time.sleep(0.2)  # let the server notice the closed connection
    assert local_server.bytes_sent["/huge"] < 20 * MB


def test_refuses_a_declared_length_above_the_cap_before_reading(local_server):
    def endless():
        while True:
            yield b"x" * (64 * 1024)

    local_server.routes["/declared"] = Route(
        headers={"Content-Length": str(60 * MB)}, body=endless
    )

    error = refusal(local_server.url("/declared"))

    assert error.reason == "the page is larger than the limit of 10 MB"
    time.sleep(0.2)
    assert local_server.bytes_sent.get("/declared", 0) < 10 * MB


def test_reads_no_more_than_a_lying_content_length(local_server):
    def fifty_megabytes():
        for _ in range(50 * 16):
            yield b"x" * (64 * 1024)

    local_server.routes["/lying"] = Route(
        headers={"Content-Length": "1000"}, body=fifty_megabytes
    )

    assert fetch(local_server.url("/lying")).body == b"x" * 1000


def test_refuses_a_gzip_bomb(local_server):
    local_server.routes["/bomb"] = Route(
        headers={"Content-Encoding": "gzip"}, body=gzip.compress(b"\0" * 20 * MB)
    )

    assert "larger than the limit" in refusal(local_server.url("/bomb")).reason


def test_read_timeout_is_transient(local_server, settings):
    settings.SOURCES_FETCH_READ_TIMEOUT = 0.2
    local_server.routes["/slow"] = Route(body=b"late", delay=1.0)

    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/slow"))

    assert caught.value.transient
    assert caught.value.reason == "timed out waiting for the server"


def test_a_server_dripping_bytes_runs_out_of_time(local_server, settings):
    settings.SOURCES_FETCH_CONNECT_TIMEOUT = 0.2
    settings.SOURCES_FETCH_READ_TIMEOUT = 0.2  # the whole fetch: 0.2 + 4 * 0.2 s

    def drip():
        for _ in range(40):
            time.sleep(0.05)
            yield b"x"

    local_server.routes["/drip"] = Route(body=drip)
    started = time.monotonic()

    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/drip"))

    assert caught.value.transient
    assert "took longer than" in caught.value.reason
    assert time.monotonic() - started < 1.8


def test_refused_connection_is_transient(local_server):
    local_server.stop()

    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/"))

    assert caught.value.transient
    assert caught.value.reason == "could not connect to the server"


def test_not_found_is_permanent_with_a_clear_reason(local_server):
    local_server.routes["/gone"] = Route(status=404, body=b"<h1>Not here</h1>")

    assert refusal(local_server.url("/gone")).reason == "HTTP 404 Not Found"


def test_too_many_requests_is_transient(local_server):
    local_server.routes["/busy"] = Route(status=429, headers={"Retry-After": "2"})

    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/busy"))

    assert caught.value.transient
    assert caught.value.reason == "HTTP 429 Too Many Requests"
    assert caught.value.retry_after == 2.0


def test_retries_a_server_error_until_it_succeeds(local_server):
    local_server.routes["/flaky"] = [Route(status=503), Route(body=b"back")]

    response = fetch_with_retries(local_server.url("/flaky"), backoff=0.01)

    assert response.body == b"back"
    assert len(local_server.requests) == 2


def test_gives_up_after_the_last_attempt(local_server):
    local_server.routes["/down"] = Route(status=502)

    with pytest.raises(FetchError) as caught:
        fetch_with_retries(local_server.url("/down"), attempts=3, backoff=0.01)

    assert caught.value.transient
    assert len(local_server.requests) == 3


def test_does_not_retry_a_permanent_failure(local_server):
    local_server.routes["/gone"] = Route(status=410)

    with pytest.raises(FetchError, match="HTTP 410 Gone"):
        fetch_with_retries(local_server.url("/gone"), backoff=0.01)

    assert len(local_server.requests) == 1


def test_honours_a_small_retry_after(local_server):
    local_server.routes["/busy"] = [
        Route(status=429, headers={"Retry-After": "1"}),
        Route(body=b"ok"),
    ]
    started = time.monotonic()

    assert fetch_with_retries(local_server.url("/busy"), backoff=0.01).body == b"ok"
    assert time.monotonic() - started >= 1.0


def test_leaves_a_long_retry_after_to_the_caller(local_server):
    local_server.routes["/busy"] = Route(status=429, headers={"Retry-After": "3600"})

    with pytest.raises(FetchError) as caught:
        fetch_with_retries(local_server.url("/busy"), backoff=0.01)

    assert caught.value.retry_after == 3600.0
    assert len(local_server.requests) == 1


def test_rejects_a_misconfigured_allow_list(settings):
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["not-a-network"]

    with pytest.raises(ImproperlyConfigured, match="SOURCES_FETCH_ALLOWED_NETWORKS"):
        fetch("http://10.0.0.1/")
