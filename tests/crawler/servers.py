"""A real HTTP server on 127.0.0.1 serving many virtual hosts (`*.localhost`) by Host header.

Each host maps exact paths (with query) to replies; a host may also answer any path with a
function (a calendar trap, a URL that fails N times, a request held until the test says).
Every request is counted, its arrival time and headers kept, so tests can see what the
crawler asked for, how often, when and how; and how many hosts had a request waiting for
its answer at once (`most_hosts_waiting`). A reply with an `etag` answers 304 to a request
whose If-None-Match names it; one with `sized=False` sends no Content-Length (the body ends
when the connection closes). `serve_later` serves on a port that refuses connections until
the test opens it. A POST is answered by the host's `posts` route for its path (with query),
given the request's body; every body posted is kept in `bodies`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    sized: bool = True


def page(html: str, status: int = 200) -> Reply:
    body = f"<!doctype html><html><body>{html}</body></html>".encode()
    return Reply(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


Route = Reply | Callable[[str], Reply | None]
PostRoute = Callable[[bytes], Reply]


@dataclass
class VirtualHosts:
    """What each host serves: `{host: {path: reply}}`, with `"*"` as a per-host fallback."""

    sites: dict[str, dict[str, Route]]
    hits: Counter[tuple[str, str]] = field(default_factory=Counter)
    request_headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    arrivals: list[tuple[float, str, str]] = field(default_factory=list)  # (monotonic, host, path)
    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: Counter[str] = field(default_factory=Counter)  # requests not answered yet, by host
    most_hosts_waiting: int = 0
    most_waiting: Counter[str] = field(default_factory=Counter)  # the most at once, by host
    posts: dict[str, dict[str, PostRoute]] = field(default_factory=dict)
    bodies: list[tuple[str, str, bytes]] = field(default_factory=list)  # (host, path, body)

    def reply_post(self, host: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        with self.lock:
            self.bodies.append((host, path, body))
        reply = self.reply(host, path, headers)  # counted, and the answer when no POST route
        route = self.posts.get(host, {}).get(path)
        return route(body) if route is not None else reply

    def reply(self, host: str, path: str, headers: dict[str, str] | None = None) -> Reply:
        with self.lock:
            self.hits[(host, path)] += 1
            self.arrivals.append((time.monotonic(), host, path))
            self.request_headers[(host, path)] = dict(headers or {})
            self.waiting[host] += 1
            hosts_waiting = sum(1 for n in self.waiting.values() if n > 0)
            self.most_hosts_waiting = max(self.most_hosts_waiting, hosts_waiting)
            self.most_waiting[host] = max(self.most_waiting[host], self.waiting[host])
        routes = self.sites.get(host, {})
        route = routes.get(path) or routes.get("*")
        if route is None:
            return page("<p>Không tìm thấy</p>", status=404)
        answer = route if isinstance(route, Reply) else route(path)
        return answer if answer is not None else page("<p>Không tìm thấy</p>", status=404)

    def answering(self, host: str) -> None:
        """The request of `host` is being answered: before a byte is sent, so that the
        client cannot have the answer while the request still counts as waiting."""
        with self.lock:
            self.waiting[host] -= 1

    def sent(self, host: str, path: str) -> dict[str, str]:
        """The headers of the last request for `path` on `host`, names in lower case."""
        return {k.lower(): v for k, v in self.request_headers.get((host, path), {}).items()}

    def host_hits(self, host: str) -> int:
        return sum(n for (h, _), n in self.hits.items() if h == host)


def _handler(hosts: VirtualHosts) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
            self._send(host, hosts.reply(host, self.path, dict(self.headers.items())))

        def do_POST(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = dict(self.headers.items())
            self._send(host, hosts.reply_post(host, self.path, headers, body))

        def _send(self, host: str, reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            hosts.answering(host)
            if reply.etag is not None and self.headers.get("If-None-Match") == reply.etag:
                reply = Reply(status=304, headers={"ETag": reply.etag})
            elif reply.etag is not None:
                reply = Reply(
                    status=reply.status,
                    body=reply.body,
                    headers={**reply.headers, "ETag": reply.etag},
                    sized=reply.sized,
                )
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.sized:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up (timeout, size limit): expected here

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # a crawl opens many connections at once: no SYN may be dropped


@contextmanager
def serve(hosts: VirtualHosts) -> Iterator[int]:
    """Serve `hosts` on 127.0.0.1; yields the port."""
    server = _Server(("127.0.0.1", 0), _handler(hosts))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_later(hosts: VirtualHosts) -> Iterator[tuple[int, Callable[[], None]]]:
    """A port on 127.0.0.1 that refuses connections until `open()` is called, then serves
    `hosts`; yields the port and `open` (which a route may call: thread-safe, idempotent)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
    server = _Server(sock.getsockname(), _handler(hosts), bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    lock = threading.Lock()

    def open_port() -> None:
        with lock:
            if not thread.is_alive():
                sock.listen(128)
                thread.start()

    try:
        yield sock.getsockname()[1], open_port
    finally:
        with lock:
            if thread.is_alive():
                server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
