"""The sandbox served on 127.0.0.1: virtual hosts, faults, documents that parse."""

from __future__ import annotations

import http.client
import io
import re
import socket
import time
from datetime import date
from urllib.parse import urlsplit

import docx
import pytest
from pdfminer.high_level import extract_text

from sandbox import RunningSandbox, TruthAgency, generate_province, serve_province
from tests.sandbox.conftest import fetch

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_WORDS = {
    "declaration": "công bố Hệ thống quản lý chất lượng",
    "quality_policy": "CHÍNH SÁCH CHẤT LƯỢNG",
    "quality_objectives": "MỤC TIÊU CHẤT LƯỢNG NĂM",
    "quality_manual": "SỔ TAY CHẤT LƯỢNG",
    "process_list": "DANH MỤC QUY TRÌNH",
    "procedure": "QUY TRÌNH",
    "plan": "Duy trì, cải tiến Hệ thống quản lý chất lượng",
    "internal_audit": "Kết quả đánh giá nội bộ",
}


def _agency(running: RunningSandbox, code: str) -> TruthAgency:
    return next(a for a in running.province.truth if a.code == code)


def _host_and_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    assert parts.hostname is not None
    return parts.hostname, parts.path + (f"?{parts.query}" if parts.query else "")


def _text_of(content_type: str, body: bytes) -> str:
    if content_type == "application/pdf":
        assert body.startswith(b"%PDF")
        return extract_text(io.BytesIO(body))
    if content_type == DOCX_TYPE:
        document = docx.Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    assert content_type == "text/html; charset=utf-8"
    return body.decode("utf-8")


def test_every_truth_document_is_served_and_parses(running: RunningSandbox) -> None:
    documents = [(a, d) for a in running.province.truth for d in a.documents]
    assert len(documents) > 80
    for agency, document in documents:
        host, path = _host_and_path(document.url)
        answer = fetch(running.port, host, path)
        assert answer.status == 200, document.url
        assert int(answer.headers["content-length"]) == len(answer.body)
        text = " ".join(_text_of(answer.headers["content-type"], answer.body).split())
        assert TITLE_WORDS[document.doc_type] in text, (agency.code, document.url)
        assert f"ISO 9001:{document.iso_version}" in text, document.url
        if document.year is not None:
            assert str(document.year) in text


def test_every_format_is_served(running: RunningSandbox) -> None:
    types = set()
    for agency in running.province.truth:
        for document in agency.documents[:1]:
            host, path = _host_and_path(document.url)
            types.add(fetch(running.port, host, path, method="HEAD").headers["content-type"])
    assert types == {"application/pdf", DOCX_TYPE, "text/html; charset=utf-8"}


def test_download_urls_name_their_file(running: RunningSandbox) -> None:
    document = _agency(running, "SO-TP").documents[0]
    host, path = _host_and_path(document.url)
    assert "tai-ve?id=" in path
    answer = fetch(running.port, host, path)
    assert answer.headers["content-disposition"].startswith('attachment; filename="')
    assert answer.headers["content-disposition"].endswith('.pdf"')


def test_a_static_file_carries_an_etag_and_answers_a_conditional_request_with_304(
    running: RunningSandbox,
) -> None:
    static = [
        document.url
        for agency in running.province.truth
        for document in agency.documents
        if "?" not in document.url and not document.url.endswith((".html", "/"))
    ]
    host, path = _host_and_path(static[0])
    whole = fetch(running.port, host, path)
    etag = whole.headers["etag"]
    assert whole.status == 200 and whole.body
    again = fetch(running.port, host, path, extra_headers={"If-None-Match": etag})
    assert (again.status, again.body, again.headers["etag"]) == (304, b"", etag)
    listed = fetch(running.port, host, path, extra_headers={"If-None-Match": f'"x", W/{etag}'})
    assert listed.status == 304
    other = fetch(running.port, host, path, extra_headers={"If-None-Match": '"khac"'})
    assert (other.status, other.body) == (200, whole.body)


def test_pages_and_download_handlers_send_no_validators(running: RunningSandbox) -> None:
    handler = _agency(running, "SO-TP").documents[0]
    host, path = _host_and_path(handler.url)
    assert "?" in path
    assert "etag" not in fetch(running.port, host, path).headers
    assert "etag" not in fetch(running.port, "so-khcn.tinhdemo.localhost", "/").headers


def test_dispatch_is_on_the_host_header(running: RunningSandbox) -> None:
    khcn = fetch(running.port, "so-khcn.tinhdemo.localhost", "/")
    tuphap = fetch(running.port, "SO-TUPHAP.tinhdemo.localhost", "/")
    assert "Sở Khoa học và Công nghệ" in khcn.body.decode("utf-8")
    assert "Sở Tư pháp" in tuphap.body.decode("utf-8")
    assert fetch(running.port, "khong-co.tinhdemo.localhost", "/").status == 404
    assert fetch(running.port, "so-khcn.tinhdemo.localhost", "/khong-co").status == 404


def test_robots_allow_by_default_and_head_has_no_body(running: RunningSandbox) -> None:
    robots = fetch(running.port, "so-khcn.tinhdemo.localhost", "/robots.txt")
    assert robots.status == 200 and b"Allow: /" in robots.body
    head = fetch(running.port, "so-khcn.tinhdemo.localhost", "/", method="HEAD")
    assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) > 0


def test_the_broken_site_answers_500_everywhere(running: RunningSandbox) -> None:
    for path in ("/", "/robots.txt", "/van-ban", "/bat-ky"):
        answer = fetch(running.port, "thanhtra.tinhdemo.localhost", path)
        assert answer.status == 500, path


def test_the_forbidding_site_disallows_everything_but_has_pages(running: RunningSandbox) -> None:
    robots = fetch(running.port, "chicuc-kiemlam.tinhdemo.localhost", "/robots.txt")
    assert robots.body.decode().splitlines() == ["User-agent: *", "Disallow: /"]
    home = fetch(running.port, "chicuc-kiemlam.tinhdemo.localhost", "/")
    assert home.status == 200
    assert _agency(running, "CC-KIEMLAM").status == "unreachable"


def test_the_dead_agencys_port_refuses_connections(running: RunningSandbox) -> None:
    website = _agency(running, "SO-TC").website
    port = urlsplit(website).port
    assert port is not None and port != running.port
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_a_portal_prefix_without_slash_redirects(running: RunningSandbox) -> None:
    answer = fetch(running.port, "congdichvu.tinhdemo.localhost", "/xa-an-phu")
    assert answer.status == 301 and answer.headers["location"] == "/xa-an-phu/"


def test_latency_delays_every_answer() -> None:
    province = generate_province(seed=1, as_of=date(2026, 5, 4), port=0)
    with serve_province(province, port=0, latency=0.2) as slow:
        started = time.monotonic()
        answer = fetch(slow.port, "so-khcn.tinhdemo.localhost", "/robots.txt")
        assert answer.status == 200
        assert time.monotonic() - started >= 0.2
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", slow.port), timeout=2)


def test_one_connection_serves_several_requests(running: RunningSandbox) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=10)
    try:
        for path in ("/", "/tin-tuc", "/robots.txt"):
            connection.request("GET", path, headers={"Host": "so-yte.tinhdemo.localhost"})
            response = connection.getresponse()
            assert response.status == 200 and response.read()
    finally:
        connection.close()


def test_some_sites_announce_a_sitemap_of_their_pages(running: RunningSandbox) -> None:
    host = "so-khcn.tinhdemo.localhost"
    robots = fetch(running.port, host, "/robots.txt").body.decode()
    sitemap_url = f"http://{host}:{running.port}/sitemap.xml"
    assert f"Sitemap: {sitemap_url}" in robots.splitlines()
    sitemap = fetch(running.port, host, "/sitemap.xml")
    assert sitemap.headers["content-type"] == "application/xml"
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap.body.decode())
    assert f"http://{host}:{running.port}/he-thong-quan-ly-chat-luong" in locations
    for location in locations:
        assert fetch(running.port, *_host_and_path(location)).status == 200


def test_a_site_without_forms_refuses_posts_and_large_bodies_are_refused(
    running: RunningSandbox,
) -> None:
    answer = fetch(
        running.port,
        "so-khcn.tinhdemo.localhost",
        "/",
        method="POST",
        body=b"q=ISO",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status == 405 and answer.headers["allow"] == "GET, HEAD"
    with socket.create_connection(("127.0.0.1", running.port), timeout=5) as client:
        client.sendall(
            b"POST / HTTP/1.1\r\nHost: so-khcn.tinhdemo.localhost\r\n"
            b"Content-Length: 999999999\r\n\r\n"
        )
        assert client.recv(64).startswith(b"HTTP/1.1 413")
