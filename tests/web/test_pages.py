"""What staff read: the overview, the agencies list, an agency's page, a run's page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import httpx

from inspection.labels import STATUS_LABELS
from inspection.status import publishing_line, status_rows
from inspection.web import create_app
from store import BlobStore, make_engine, open_session, prepare
from tests.web.conftest import Board, build_province, settings_for
from tests.web.server import serving


def _text(html: str) -> str:
    """The page's visible text, roughly: tags dropped, entities decoded, spaces joined."""
    without_tags = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(without_tags))


def test_the_overview_prints_the_count_line_as_the_cli_does(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/").text
    with open_session(board.engine) as session:
        line = publishing_line(status_rows(session))
    assert line == "5/7 cơ quan đã đăng tải tài liệu HTQLCL"
    assert f'<p class="count-line" id="count-line">{line}</p>' in page


def test_the_overview_charts_count_each_status_and_level(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/").text
    bars = dict(
        re.findall(
            r'<span class="bar-label">([^<]+)</span>.*?<span class="bar-count">(\d+)</span>',
            page,
            flags=re.S,
        )
    )
    expected = {
        "unreachable": 1,
        "not_published": 1,
        "outdated": 1,
        "incomplete": 1,
        "stale": 1,
        "compliant": 2,
        None: 1,
    }
    for status, count in expected.items():
        assert bars[STATUS_LABELS[status]] == str(count)
    assert bars["Sở, ban, ngành"] == "3" and bars["Cấp xã"] == "4" and bars["Chi cục"] == "1"
    assert "<svg" in page and "http" not in re.sub(r'href="/[^"]*"', "", page.split("<main")[1])


def test_the_overview_lists_runs_the_next_run_and_what_changed(board: Board) -> None:
    board.sign_in("xem")
    text = _text(board.client.get("/").text)
    assert "#2 Thu thập và đánh giá" in text and "Hoàn thành" in text
    assert re.search(r"Lượt định kỳ tiếp theo: 01:00 \d\d/\d\d/\d{4}", text)
    assert "1 cơ quan đổi trạng thái" in text
    assert "Sở Tư pháp SO-TP Đạt Chưa đầy đủ" in text


def test_no_english_status_codes_reach_staff(board: Board) -> None:
    board.sign_in("quantri")
    for path in ("/", "/agencies", "/agencies/SO-XD", "/agencies/XA-DH", "/runs", "/runs/2"):
        text = _text(board.client.get(path).text)
        for code in (
            "not_published",
            "unreachable",
            "incomplete",
            "outdated",
            "compliant",
            "department",
            "commune",
            "warning",
            "error",
            "running",
            "complete",
        ):
            assert re.search(rf"\b{code}\b", text) is None, (path, code)


def test_the_list_filters_searches_and_links_each_agency_by_code(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/agencies", params={"q": "dong hoa"}).text
    assert "1 cơ quan." in _text(page)
    assert 'data-label="Tên"><a href="/agencies/XA-DH">UBND xã Đông Hòa</a>' in page
    stale = _text(board.client.get("/agencies", params={"status": "stale"}).text)
    assert "Chi cục Tiêu chuẩn Đo lường Chất lượng" in stale and "Sở Tư pháp" not in stale
    departments = board.client.get("/agencies", params={"level": "department", "sort": "-code"})
    codes = re.findall(r'<td class="code" data-label="Mã">([^<]+)</td>', departments.text)
    assert codes == ["SO-XD", "SO-TP", "SO-KHCN"]


def test_the_list_refuses_a_bad_page_number_in_vietnamese(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/agencies", params={"page": "một"})
    assert answer.status_code == 400 and "Yêu cầu không hợp lệ" in answer.text


def test_an_agencys_page_shows_status_reason_documents_findings_coverage_history(
    board: Board,
) -> None:
    board.sign_in("xem")
    page = board.client.get("/agencies/SO-TP").text
    text = _text(page)
    assert "Chưa đầy đủ Chưa đăng tải quyết định công bố HTQLCL." in text
    assert len(re.findall(r'href="/agencies/SO-TP/stored/[0-9a-f]{64}">Bản lưu<', page)) == 3
    assert page.count(">Bản gốc<") == 3
    assert "Chính sách chất lượng" in text and "Nguyễn Văn An" in text  # type, signer
    assert "13/QĐ-SKHCN" in text and "15/09/2025" in text  # number, issued
    assert "DOC002 Vi phạm" in text
    assert "Căn cứ: Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg" in text
    assert "Truy cập được Có" in text and "Số trang 1" in text
    assert re.search(r"#2 .*Chưa đầy đủ.*#1 .*Đạt", text)  # history, newest first
    assert 'href="http://so-tp.tinhdemo.localhost/chinh-sach.docx"' in page


def test_an_unreachable_agencys_page_says_why(board: Board) -> None:
    board.sign_in("xem")
    text = _text(board.client.get("/agencies/XA-DH").text)
    assert "Không truy cập được" in text
    assert "Truy cập được Không — Máy chủ từ chối kết nối" in text
    assert "SITE001" in text


def test_an_unknown_agency_is_a_404_in_vietnamese(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/agencies/KHONG-CO")
    assert answer.status_code == 404 and "Không có cơ quan mã KHONG-CO" in answer.text


def test_a_viewer_sees_no_buttons_that_would_be_refused(board: Board) -> None:
    board.sign_in("xem")
    page = board.client.get("/agencies/SO-TP").text
    assert "Kiểm tra lại" not in page and "Đánh dấu không đúng" not in page
    assert "/users" not in page and "/audit" not in page
    board.sign_in("kiemtra", client := board.new_client())
    page = client.get("/agencies/SO-TP").text
    assert "Kiểm tra lại" in page and "Đánh dấu không đúng" in page and "/users" not in page


def test_an_unknown_page_and_a_broken_form_get_vietnamese_answers(board: Board) -> None:
    board.sign_in("quantri")
    missing = board.client.get("/khong-co-trang-nay")
    assert missing.status_code == 404 and "Trang hoặc dữ liệu này không có." in missing.text
    broken = board.client.post(
        "/registry",
        content=b"--x\r\nContent-Disposition: form-data; name=",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code == 403  # the parts that parse carry no form token
    assert "<html" in broken.text and "boundary" not in broken.text


def test_the_pages_read_postgresql_too(empty_postgresql_url: str, tmp_path: Path) -> None:
    """The same province on PostgreSQL (aware datetimes, other SQL): every page renders."""
    settings = settings_for(tmp_path / "data", empty_postgresql_url)
    engine = make_engine(empty_postgresql_url)
    prepare(engine)
    build_province(engine, BlobStore(settings.blob_dir))
    with (
        serving(create_app(settings)) as url,
        httpx.Client(base_url=url, timeout=30, follow_redirects=True) as client,
    ):
        board = Board(settings, url, client, engine)
        board.sign_in("quantri")
        overview = client.get("/").text
        assert "5/7 cơ quan đã đăng tải tài liệu HTQLCL" in overview
        assert "Sở Tư pháp SO-TP Đạt Chưa đầy đủ" in _text(overview)
        for path in (
            "/agencies?q=dong+hoa",
            "/agencies/SO-TP",
            "/runs/2",
            "/overrides",
            "/audit",
            "/downloads/export?format=json",
        ):
            assert client.get(path).status_code == 200, path
        text = _text(client.get("/agencies/SO-TP").text)
        assert "Chưa đầy đủ Chưa đăng tải quyết định công bố HTQLCL." in text
    engine.dispose()
