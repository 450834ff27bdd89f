"""Serve a province on one port, one virtual host per site, from a background thread.

Dispatch is on the Host header: every site is a name under `.localhost` on the same port;
an unknown host gets 404. POSTs (ASP.NET postbacks, JSON page methods, search forms) go to
the site's `answer_post`; a site without one answers 405, a body over 1 MiB gets 413.
Sites may misbehave on purpose (500 everywhere, robots.txt that forbids all, redirects, a
very large streamed body, requests held unanswered); every answer is bounded in time: the
optional latency, and at most `hold` seconds for a site that times out, after which the
connection is closed without an answer.

Files at a plain path (no query) are static, as a web server serves them: they carry an
ETag of their bytes and a matching If-None-Match gets 304 Not Modified, as Apache or IIS
answer a crawler that asks conditionally. Pages and files served through a download
handler (a query) are generated, with no validators, as a CMS's scripts are.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from sandbox.model import Posted, Province, Resource, Site, SiteBehaviour

MAX_POST_BYTES = 1024 * 1024  # a form or a JSON query; anything larger is refused (413)
NOT_FOUND = "<html><body><h1>404</h1><p>Không tìm thấy trang yêu cầu.</p></body></html>"
SERVER_ERROR = "<html><body><h1>500</h1><p>Lỗi máy chủ. Vui lòng thử lại sau.</p></body></html>"
NOT_ALLOWED = "<html><body><h1>405</h1><p>Phương thức không được hỗ trợ.</p></body></html>"
REQUEST_TOO_LARGE = "<html><body><h1>413</h1><p>Dữ liệu gửi lên quá lớn.</p></body></html>"


def open_listener(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening TCP socket; with port 0 the system picks a free port (see getsockname)."""
    listener = socket.create_server((host, port), backlog=128)
    return listener


def reserve_closed_port(host: str = "127.0.0.1") -> socket.socket:
    """A bound socket that never listens: connections to its port are refused while it is open."""
    closed = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    closed.bind((host, 0))
    return closed


class _ProvinceServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, listener: socket.socket, sites: dict[str, Site], *, latency: float, hold: float
    ) -> None:
        super().__init__(listener.getsockname()[:2], _Handler, bind_and_activate=False)
        self.socket.close()
        self.socket = listener
        self.server_address = listener.getsockname()[:2]
        self.sites = sites
        self.latency = latency
        self.hold = hold
        self.stopping = threading.Event()  # wakes requests being held when the server stops


class _Handler(BaseHTTPRequestHandler):
    server: _ProvinceServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is dropped after this many seconds

    def do_GET(self) -> None:
        self._answer_unless_gone(with_body=True)

    def do_HEAD(self) -> None:
        self._answer_unless_gone(with_body=False)

    def do_POST(self) -> None:
        self._answer_unless_gone(with_body=True, post=True)

    def _answer_unless_gone(self, *, with_body: bool, post: bool = False) -> None:
        try:
            self._answer(with_body=with_body, post=post)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a crawler refusing a large body, timing out, or stopped)
            # while the headers or the body were on their way: expected.
            self.close_connection = True

    def version_string(self) -> str:
        return "Apache"

    def log_message(self, format: str, *args: Any) -> None:
        """Silenced: no line per request on stderr."""

    def _answer(self, *, with_body: bool, post: bool = False) -> None:
        posted = self._read_post() if post else None
        if post and posted is None:
            return  # refused as too large, or the body never came
        if self.server.latency > 0:
            time.sleep(self.server.latency)
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip().rstrip(".").lower()
        site = self.server.sites.get(host)
        if site is None:
            self._send(_html(404, NOT_FOUND), with_body=with_body)
        elif site.behaviour is SiteBehaviour.TIMEOUT:
            self.server.stopping.wait(self.server.hold)
            self.close_connection = True
        elif site.behaviour is SiteBehaviour.ERROR_500:
            self._send(_html(500, SERVER_ERROR), with_body=with_body)
        elif posted is not None:
            self._serve_post(site, posted)
        else:
            self._serve_path(site, with_body=with_body)

    def _read_post(self) -> Posted | None:
        """The POST body (Content-Length bounded); None once a refusal has been sent."""
        length = self.headers.get("Content-Length", "0")
        size = int(length) if length.isdigit() else -1
        if not 0 <= size <= MAX_POST_BYTES:
            self.close_connection = True
            self._send(_html(413, REQUEST_TOO_LARGE), with_body=True)
            return None
        body = self.rfile.read(size)
        if len(body) < size:
            self.close_connection = True
            return None
        content_type = self.headers.get("Content-Type", "application/x-www-form-urlencoded")
        return Posted(path=self.path, content_type=content_type, body=body)

    def _serve_post(self, site: Site, posted: Posted) -> None:
        if site.answer_post is None:
            self._send(_html(405, NOT_ALLOWED, allow="GET, HEAD"), with_body=True)
            return
        resource = site.answer_post(posted)
        self._send(resource or _html(404, NOT_FOUND), with_body=True)

    def _serve_path(self, site: Site, *, with_body: bool) -> None:
        parts = urlsplit(self.path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        resource = site.resources.get(path)
        if resource is not None and not parts.query and _static_file(resource):
            self._send_static(resource, with_body=with_body)
        elif resource is not None:
            self._send(resource, with_body=with_body)
        elif not parts.query and f"{parts.path}/" in site.resources:
            self._redirect(f"{parts.path}/")
        else:
            self._send(_html(404, NOT_FOUND), with_body=with_body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_static(self, resource: Resource, *, with_body: bool) -> None:
        etag = _etag(resource.body)
        asked = _etags(self.headers.get("If-None-Match", ""))
        if etag in asked or "*" in asked:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(resource, with_body=with_body, validators=(("ETag", etag),))

    def _send(
        self,
        resource: Resource,
        *,
        with_body: bool,
        validators: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(resource.size))
        if resource.filename:
            self.send_header("Content-Disposition", f'attachment; filename="{resource.filename}"')
        if resource.location:
            self.send_header("Location", resource.location)
        for name, value in (*resource.headers, *validators):
            self.send_header(name, value)
        self.end_headers()
        if not with_body:
            return
        chunks = (resource.body,) if resource.stream is None else resource.stream.chunks()
        for chunk in chunks:
            self.wfile.write(chunk)


def _static_file(resource: Resource) -> bool:
    """A file a web server would serve from disk: answered whole, not a page or a stream."""
    html = resource.content_type.startswith("text/html")
    return resource.status == 200 and resource.stream is None and not html


def _etag(body: bytes) -> str:
    """A strong validator of the bytes: their size and a digest, as Apache's is size-based."""
    return f'"{len(body):x}-{hashlib.sha256(body).hexdigest()[:16]}"'


def _etags(header: str) -> set[str]:
    """The entity tags an If-None-Match header lists (weak ones compared weakly)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _html(status: int, text: str, *, allow: str | None = None) -> Resource:
    return Resource(
        body=text.encode("utf-8"),
        content_type="text/html; charset=utf-8",
        status=status,
        headers=(("Allow", allow),) if allow else (),
    )


class RunningSandbox:
    """A province being served; stop it with `stop()` or by leaving the `with` block."""

    def __init__(
        self,
        province: Province,
        server: _ProvinceServer,
        *,
        keep_open: tuple[socket.socket, ...] = (),
    ) -> None:
        self.province = province
        self._server = server
        self._keep_open = keep_open
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def stop(self) -> None:
        """Stop serving and release the port (and any reserved closed port)."""
        if not self._thread.is_alive():
            return
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        for held in self._keep_open:
            held.close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def serve_province(
    province: Province,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    latency: float = 0.0,
    hold: float = 30.0,
    listener: socket.socket | None = None,
    keep_open: tuple[socket.socket, ...] = (),
) -> RunningSandbox:
    """Serve `province` in a background thread.

    Serves on `listener` if given, else binds `host`:`port` (default: the port the
    province's URLs name). `latency` seconds are slept before every answer; a site that
    times out holds each request `hold` seconds, then closes it unanswered. Sockets in
    `keep_open` (a reserved closed port) are closed when the sandbox stops.
    """
    if listener is None:
        listener = open_listener(host, province.port if port is None else port)
    sites = {site.host: site for site in province.sites}
    server = _ProvinceServer(listener, sites, latency=latency, hold=hold)
    return RunningSandbox(province, server, keep_open=keep_open)
