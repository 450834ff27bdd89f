"""A real HTTP server on 127.0.0.1 serving many virtual hosts (`*.localhost`) by Host header.

Each host maps exact paths (with query) to replies; a host may also answer any path with a
function (a calendar trap). Every request is counted, so tests can see what the crawler
asked for and how often.
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


def page(html: str, status: int = 200) -> Reply:
    body = f"<!doctype html><html><body>{html}</body></html>".encode()
    return Reply(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


Route = Reply | Callable[[str], Reply | None]


@dataclass
class VirtualHosts:
    """What each host serves: `{host: {path: reply}}`, with `"*"` as a per-host fallback."""

    sites: dict[str, dict[str, Route]]
    hits: Counter[tuple[str, str]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, host: str, path: str) -> Reply:
        with self.lock:
            self.hits[(host, path)] += 1
        routes = self.sites.get(host, {})
        route = routes.get(path) or routes.get("*")
        if route is None:
            return page("<p>Không tìm thấy</p>", status=404)
        answer = route if isinstance(route, Reply) else route(path)
        return answer if answer is not None else page("<p>Không tìm thấy</p>", status=404)

    def host_hits(self, host: str) -> int:
        return sum(n for (h, _), n in self.hits.items() if h == host)


def _handler(hosts: VirtualHosts) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
            reply = hosts.reply(host, self.path)
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up (timeout, size limit): expected here

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def serve(hosts: VirtualHosts) -> Iterator[int]:
    """Serve `hosts` on 127.0.0.1; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hosts))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
