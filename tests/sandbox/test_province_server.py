"""The generated province served on 127.0.0.1: formats that parse as tagged, faults that bite."""

from __future__ import annotations

import http.client
import io
import re
import socket
import struct
import subprocess
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pdfminer.high_level import extract_text
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSEOF

from sandbox import RunningSandbox, TruthAgency, start_sandbox
from sandbox.traps import LARGE_FILE_BYTES
from tests.sandbox.conftest import AS_OF, Answer, fetch
from tests.sandbox.documents import MAGIC, TITLE_WORDS, document_text, plain
from tests.sandbox.walk import page_url


def _get(running: RunningSandbox, url: str, *, method: str = "GET") -> Answer:
    parts = urlsplit(url)
    assert parts.hostname is not None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return fetch(running.port, parts.hostname, path, method=method)


def _with(running: RunningSandbox, tag: str) -> list[TruthAgency]:
    agencies = [a for a in running.province.truth if tag in a.tags]
    assert agencies, tag
    return agencies


def _font_names(pdf: bytes) -> set[str]:
    return {m.decode() for m in re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/]+)", pdf)}


def test_every_truth_document_is_served_in_its_format(running60: RunningSandbox) -> None:
    for agency in running60.province.truth:
        for index, document in enumerate(agency.documents):
            answer = _get(running60, document.url)
            assert answer.status == 200, document.url
            assert int(answer.headers["content-length"]) == len(answer.body)
            assert answer.body.startswith(MAGIC[document.format]), document.url
            if index > 2:
                continue  # an agency's documents share a form: read the first three of each
            if document.format == "image_pdf":
                assert b"/Subtype /Image" in answer.body and b"/Font" not in answer.body
                continue
            text = plain(document_text(document.format, answer))
            if document.format in ("tcvn3_pdf", "vni_pdf"):
                font = ".VnTime" if document.format == "tcvn3_pdf" else "VNI-Times"
                assert font in _font_names(answer.body)
                assert "CHẤT LƯỢNG" not in text and "ISO 9001:2008" in text, document.url
                continue
            if "no_diacritics" not in agency.tags:
                assert TITLE_WORDS[document.doc_type] in text, (agency.code, document.url)
            assert f"ISO 9001:{document.iso_version}" in text, document.url


def test_legacy_font_text_reads_as_the_encoding_says(running60: RunningSandbox) -> None:
    tcvn3 = _with(running60, "tcvn3_pdf")[0].documents[0]
    vni = _with(running60, "vni_pdf")[0].documents[0]
    tcvn3_text = plain(extract_text(io.BytesIO(_get(running60, tcvn3.url).body)))
    vni_text = plain(extract_text(io.BytesIO(_get(running60, vni.url).body)))
    assert "qu¶n lý chÊt l" in tcvn3_text  # quản lý chất l…
    assert "quaûn lyù chaát löôïng" in vni_text.lower()


def test_a_scanned_document_is_read_by_ocr(running60: RunningSandbox, tmp_path: Path) -> None:
    scan = next(d for a in _with(running60, "image_pdf") for d in a.documents)
    (tmp_path / "scan.pdf").write_bytes(_get(running60, scan.url).body)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-H", "480", "-gray", "scan.pdf", "page"],
        cwd=tmp_path,
        capture_output=True,
        timeout=30,
        check=True,
    )
    (image,) = tmp_path.glob("page*.pgm")
    text = subprocess.run(
        ["tesseract", str(image), "-", "-l", "vie"], capture_output=True, timeout=60, check=True
    ).stdout.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_windows_1258_and_nfd_pages(running60: RunningSandbox) -> None:
    legacy = _with(running60, "windows_1258")[0].documents[0]
    answer = _get(running60, legacy.url)
    assert answer.headers["content-type"] == "text/html"
    assert b'charset=windows-1258"' in answer.body
    with pytest.raises(UnicodeDecodeError):
        answer.body.decode("utf-8")
    assert "Hệ thống quản lý chất lượng" in unicodedata.normalize(
        "NFC", answer.body.decode("cp1258")
    )
    nfd = _get(running60, _with(running60, "nfd")[0].documents[0].url).body.decode("utf-8")
    assert "chất lượng" not in nfd
    assert unicodedata.normalize("NFD", "chất lượng") in nfd


def test_extensionless_downloads_are_octet_streams_with_a_name(running60: RunningSandbox) -> None:
    for agency in _with(running60, "extensionless_download"):
        document = agency.documents[0]
        answer = _get(running60, document.url)
        assert answer.headers["content-type"] == "application/octet-stream"
        disposition = answer.headers["content-disposition"]
        assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.(pdf|docx|doc)"', disposition)


def test_legacy_doc_is_rtf_named_doc(running60: RunningSandbox) -> None:
    document = next(d for a in _with(running60, "doc_rtf") for d in a.documents)
    answer = _get(running60, document.url)
    assert document.url.endswith(".doc") and answer.headers["content-type"] == "application/msword"
    assert answer.body.startswith(b"{\\rtf1") and document.needs == ("doc",)
    docx_file = next(d for a in _with(running60, "docx") for d in a.documents)
    assert zipfile.is_zipfile(io.BytesIO(_get(running60, docx_file.url).body))


def test_the_redirect_chain_ends_at_the_home_page(running60: RunningSandbox) -> None:
    agency = _with(running60, "redirect_chain")[0]
    url, hops = agency.website, 0
    answer = _get(running60, url)
    while answer.status in (301, 302):
        hops += 1
        url = agency.website.rstrip("/") + answer.headers["location"]
        answer = _get(running60, url)
    assert hops == 2 and answer.status == 200 and url == page_url(agency, "trang-chu")


def test_the_redirect_loop_never_ends(running60: RunningSandbox) -> None:
    agency = _with(running60, "redirect_loop")[0]
    seen, url = [], agency.website
    for _ in range(6):
        answer = _get(running60, url)
        assert answer.status == 302
        seen.append(answer.headers["location"])
        url = agency.website.rstrip("/") + answer.headers["location"]
    assert len(set(seen)) == 3


def test_the_timing_out_site_holds_then_closes(running60: RunningSandbox) -> None:
    agency = _with(running60, "timeout")[0]
    started = time.monotonic()
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        _get(running60, agency.website)
    assert time.monotonic() - started >= 0.9  # held (it closed: the exception above)


def test_closed_port_and_500(running60: RunningSandbox) -> None:
    port = urlsplit(_with(running60, "closed_port")[0].website).port
    assert port is not None and port != running60.port
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    assert _get(running60, _with(running60, "error_500")[0].website + "robots.txt").status == 500


def test_the_calendar_is_endless_but_each_page_tiny(running60: RunningSandbox) -> None:
    agency = _with(running60, "calendar_trap")[0]
    url = page_url(agency, "lich-cong-tac")
    seen = set()
    for _ in range(30):
        answer = _get(running60, url)
        assert answer.status == 200 and len(answer.body) < 2048
        following = re.findall(r'href="([^"]+)">Tuần sau', answer.body.decode())
        url = agency.website.rstrip("/") + following[0]
        seen.add(url)
    assert len(seen) == 30
    assert _get(running60, url.split("?")[0] + "?ngay=khong-phai-ngay").status == 404


def test_broken_large_and_malformed_files(running60: RunningSandbox) -> None:
    broken = _with(running60, "broken_link")[0]
    home = _get(running60, page_url(broken, "he-thong-quan-ly-chat-luong")).body.decode("utf-8")
    dead = re.findall(r'href="([^"]+ban-cu\.pdf)"', unicodedata.normalize("NFC", home))
    assert dead and _get(running60, broken.website.rstrip("/") + dead[0]).status == 404
    faulty = _with(running60, "large_file")[0]
    large = faulty.website + "uploads/iso/ho-so-htqlcl-ban-scan-toan-van.pdf"
    head = _get(running60, large, method="HEAD")
    assert int(head.headers["content-length"]) == LARGE_FILE_BYTES == 60 * 1024 * 1024
    body = _get(running60, large).body
    assert len(body) == LARGE_FILE_BYTES and body.startswith(b"%PDF")
    malformed = _get(running60, faulty.website + "uploads/iso/bao-cao-tu-danh-gia-htqlcl.pdf")
    assert malformed.body.startswith(b"%PDF") and b"%%EOF" not in malformed.body
    with pytest.raises((PDFSyntaxError, PSEOF)):
        extract_text(io.BytesIO(malformed.body))


def test_the_json_listing_pages_through_every_document(running60: RunningSandbox) -> None:
    import json

    for agency in _with(running60, "js_listing"):
        url: str | None = agency.website + "api/van-ban?page=1"
        files = []
        while url:
            answer = _get(running60, url)
            assert answer.headers["content-type"].startswith("application/json")
            data = json.loads(answer.body)
            files += [agency.website.rstrip("/") + item["tep"] for item in data["items"]]
            url = agency.website.rstrip("/") + data["next"] if data["next"] else None
        assert sorted(files) == sorted(d.url for d in agency.documents)


def test_concurrent_requests_render_sound_files() -> None:
    with start_sandbox(seed=4, as_of=AS_OF, preset="province", agencies=40) as fresh:
        documents = [d for a in fresh.province.truth for d in a.documents if d.format == "pdf"]

        def status_and_text(url: str) -> tuple[int, str]:
            answer = _get(fresh, url)
            return answer.status, plain(extract_text(io.BytesIO(answer.body)))

        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(status_and_text, [d.url for d in documents[:40]]))
    assert len(results) == 40
    assert all(status == 200 and "ISO 9001" in text for status, text in results)


def test_a_client_that_resets_before_the_answer_leaves_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with start_sandbox(as_of=AS_OF, latency=0.3) as sandbox:
        host = urlsplit(sandbox.province.truth[0].website).hostname
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", sandbox.port)) as client:
                client.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                # An abortive close (RST): the server's answer, 0.3 s later, meets a reset.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        time.sleep(0.8)
        assert fetch(sandbox.port, host or "", "/").status in (200, 301, 302)
    assert "Traceback" not in capsys.readouterr().err
