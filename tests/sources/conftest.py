"""A local HTTP(S) server with routes set per test, and a throwaway evidence store.

    def test_fetches(local_server):
        local_server.routes["/a"] = Route(body=b"<html>...</html>")
        local_server.routes["/b"] = (200, {"Content-Type": "text/plain"}, b"hi")
        local_server.routes["/flaky"] = [Route(status=503), Route(body=b"ok")]
        fetch(local_server.url("/a"))

A route's body may be bytes (sent with a Content-Length unless the headers say
otherwise) or a callable returning an iterable of byte chunks (streamed without a
Content-Length, the connection closed at the end). A list of routes is served in
turn, its last one for ever after.
"""

import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.services import missing

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] | list[tuple[str, str]] = field(default_factory=dict)
    body: Body = b""
    delay: float = 0.0  # seconds to wait before the status line


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lowercased


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1 that records what it was asked."""

    def __init__(self, *, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route | tuple | list[Route | tuple]] = {}
        self.requests: list[SeenRequest] = []
        self.bytes_sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._httpd.local_server = self
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    def url(self, path: str = "/", *, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def route_for(self, path: str) -> Route:
        with self._lock:
            route = self.routes.get(path) or self.routes.get(path.split("?")[0])
            if isinstance(route, list):
                route = route.pop(0) if len(route) > 1 else route[0]
        if route is None:
            return Route(status=404, body=b"not here")
        return route if isinstance(route, Route) else Route(*route)

    def record(self, request: SeenRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def count_sent(self, path: str, size: int) -> None:
        with self._lock:
            self.bytes_sent[path] = self.bytes_sent.get(path, 0) + size


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server: LocalServer = self.server.local_server
        server.record(
            SeenRequest(
                "GET", self.path, {k.lower(): v for k, v in self.headers.items()}
            )
        )
        route = server.route_for(self.path)
        time.sleep(route.delay)
        headers = dict(route.headers) if route.headers else {}
        chunks: Iterable[bytes]
        if isinstance(route.body, bytes):
            headers.setdefault("Content-Length", str(len(route.body)))
            chunks = [route.body]
        else:
            chunks = route.body()
        try:
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                server.count_sent(self.path, len(chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what the size cap does

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


@pytest.fixture
def local_server(settings) -> Iterator[LocalServer]:
    """Start a local HTTP server, and allow fetching from 127.0.0.1 (only)."""
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = LocalServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def self_signed_certificate(tmp_path_factory) -> tuple[Path, Path]:
    """Return (certificate, key) files of a self-signed certificate."""
    openssl = shutil.which("openssl")
    if openssl is None:
        missing("openssl", "the command makes a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=selfsigned.test", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def local_tls_server(settings, self_signed_certificate) -> Iterator[LocalServer]:
    """Start a local HTTPS server with a self-signed certificate.

    server.server_names lists the TLS server names (SNI) clients sent.
    """
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed_certificate)
    server_names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    server = LocalServer(tls=context)
    server.server_names = server_names
    server.start()
    yield server
    server.stop()
