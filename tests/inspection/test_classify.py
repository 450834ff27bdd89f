"""`qmsaudit classify` with the crawl's protections, against a real server on 127.0.0.1:
bodies cut at the size cap and the time limit, redirects followed, bombs read in a child."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from inspection.classify import ClassifyError, classify_source
from inspection.settings import Settings
from tests.extractors.documents import bzip2_bomb_docx
from tests.extractors.test_isolation import HANGS_CATDOC

REPOSITORY = Path(__file__).resolve().parents[2]
CAP = 1 << 20
CHUNK = 64 << 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ENDLESS = 512 << 20  # "endless": the server gives up there, so a test cannot run for ever
POLICY = (
    "<html><head><title>Chính sách chất lượng</title></head><body><article>"
    "<h1>CHÍNH SÁCH CHẤT LƯỢNG</h1><p>Sở Tư pháp cam kết xây dựng, áp dụng, duy trì và cải "
    "tiến Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015, "
    "giải quyết thủ tục hành chính đúng hẹn, công khai, minh bạch.</p></article></body></html>"
).encode()


@dataclass
class Stream:
    """What the server sent on one answer, and whether the client hung up first."""

    sent: int = 0
    hung_up: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    def finished(self) -> Stream:
        assert self.done.wait(30), "the server is still sending"
        return self


@dataclass
class Site:
    url: str
    streams: dict[str, Stream] = field(default_factory=dict)


Route = Callable[[BaseHTTPRequestHandler, Stream], None]


def _send(handler: BaseHTTPRequestHandler, stream: Stream, data: bytes) -> bool:
    """Write `data`; False once the client has hung up."""
    try:
        handler.wfile.write(data)
        handler.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        stream.hung_up = True
        return False
    stream.sent += len(data)
    return True


def _headers(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()


def endless(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
    _headers(handler, 200, {"Content-Type": "application/pdf"})  # no Content-Length
    chunk = b"%PDF-1.4\n" + b"0" * (CHUNK - 9)
    while stream.sent < ENDLESS and _send(handler, stream, chunk):
        pass


def announced_huge(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
    _headers(handler, 200, {"Content-Type": "application/pdf", "Content-Length": str(3 << 30)})
    while stream.sent < ENDLESS and _send(handler, stream, b"0" * CHUNK):
        pass


def dripping(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
    _headers(handler, 200, {"Content-Type": "text/html"})
    for _ in range(600):  # a byte every 0.1 s for at most a minute
        if not _send(handler, stream, b" "):
            return
        time.sleep(0.1)


def _serving(body: bytes, content_type: str) -> Route:
    def route(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
        headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
        _headers(handler, 200, headers)
        _send(handler, stream, body)

    return route


def bomb(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
    """An 800-byte DOCX that unpacks to 256 MiB (built when first asked for)."""
    _serving(bzip2_bomb_docx(256 << 20), DOCX)(handler, stream)


def _redirect(location: str) -> Route:
    def route(handler: BaseHTTPRequestHandler, stream: Stream) -> None:
        _headers(handler, 302, {"Location": location, "Content-Length": "0"})

    return route


ROUTES: dict[str, Route] = {
    "/endless.pdf": endless,
    "/announced.pdf": announced_huge,
    "/drip": dripping,
    "/chinh-sach.html": _serving(POLICY, "text/html; charset=utf-8"),
    "/tai-ve/1": _redirect("/tai-ve/2"),
    "/tai-ve/2": _redirect("/chinh-sach.html"),
    "/vong": _redirect("/vong"),
    "/bom.docx": bomb,
}


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    served = Site(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stream = served.streams[self.path] = Stream()
            try:
                route = ROUTES.get(self.path)
                if route is None:
                    _headers(self, 404, {"Content-Length": "0"})
                else:
                    route(self, stream)
            finally:
                stream.done.set()

        def log_message(self, format: str, *args: object) -> None:
            pass  # the test reads what it needs from `served`

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _settings(tmp_path: Path, **changes: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "allow_private": True,
        "max_document_bytes": CAP,
        "timeout": 5.0,
        "read_timeout": 60.0,
        "read_memory_mb": 512,
    }
    return Settings(**{**values, **changes})


def test_an_endless_body_without_length_is_cut_at_the_cap(site: Site, tmp_path: Path) -> None:
    with pytest.raises(ClassifyError, match=f"lớn hơn giới hạn {CAP} byte"):
        classify_source(f"{site.url}/endless.pdf", _settings(tmp_path))
    stream = site.streams["/endless.pdf"].finished()
    assert stream.hung_up
    # what the client read, plus what the two sockets' buffers held when it hung up
    assert stream.sent < CAP + (16 << 20)


def test_a_body_announced_over_the_cap_is_not_downloaded(site: Site, tmp_path: Path) -> None:
    with pytest.raises(ClassifyError, match="lớn hơn giới hạn"):
        classify_source(f"{site.url}/announced.pdf", _settings(tmp_path))
    stream = site.streams["/announced.pdf"].finished()
    assert stream.hung_up
    assert stream.sent < 16 << 20


def test_a_dripping_body_is_cut_at_the_time_limit(site: Site, tmp_path: Path) -> None:
    with pytest.raises(ClassifyError, match="quá 1 giây"):
        classify_source(f"{site.url}/drip", _settings(tmp_path, timeout=1.0))
    stream = site.streams["/drip"].finished()
    assert stream.hung_up and stream.sent < 100


def test_redirects_are_followed_and_the_final_url_is_the_source(site: Site, tmp_path: Path) -> None:
    result = classify_source(f"{site.url}/tai-ve/1", _settings(tmp_path))
    assert result["source"] == f"{site.url}/chinh-sach.html"
    assert (result["doc_type"], result["iso_version"], result["error"]) == (
        "quality_policy",
        "2015",
        None,
    )


def test_a_redirect_loop_and_a_missing_page_are_errors(site: Site, tmp_path: Path) -> None:
    with pytest.raises(ClassifyError, match="quá 5 lần chuyển hướng"):
        classify_source(f"{site.url}/vong", _settings(tmp_path))
    with pytest.raises(ClassifyError, match="trả về HTTP 404"):
        classify_source(f"{site.url}/khong-co", _settings(tmp_path))


def test_a_local_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "lon.pdf"
    big.write_bytes(b"%PDF-1.4\n" + bytes(CAP))
    with pytest.raises(ClassifyError, match=f"lớn hơn giới hạn {CAP} byte"):
        classify_source(str(big), _settings(tmp_path))


def test_a_local_file_is_read_under_the_read_limits(tmp_path: Path) -> None:
    document = tmp_path / "qd.doc"
    document.write_bytes(HANGS_CATDOC)
    result = classify_source(str(document), _settings(tmp_path, read_timeout=1.0))
    assert (result["format"], result["error"]) == ("doc", "timed out after 1 s")


def _cli(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": "/usr/bin:/bin",
        "QMSAUDIT_DATA_DIR": str(tmp_path),
        "QMSAUDIT_ALLOW_PRIVATE": "1",
        "QMSAUDIT_MAX_DOCUMENT_BYTES": str(CAP),
        "QMSAUDIT_READ_MEMORY_MB": "512",
    }
    return subprocess.run(
        [sys.executable, "-m", "inspection", "classify", "--json", url],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_a_docx_zip_bomb_is_a_clear_error_and_the_process_lives(
    site: Site, tmp_path: Path
) -> None:
    done = _cli(tmp_path, f"{site.url}/bom.docx")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("Lỗi: không đọc được nội dung tài liệu (DOCX part word/document.xml")
    assert '"doc_type": "not_qms"' in done.stdout  # the reading is printed all the same


def test_cli_an_endless_body_is_a_one_line_error(site: Site, tmp_path: Path) -> None:
    done = _cli(tmp_path, f"{site.url}/endless.pdf")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [f"Lỗi: {site.url}/endless.pdf lớn hơn giới hạn {CAP} byte"]


def test_a_closed_port_is_an_error(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ClassifyError, match="không tải được"):
        classify_source(f"http://127.0.0.1:{port}/x.pdf", _settings(tmp_path))
