"""Overrides from the pages: a finding marked wrong or a document's type corrected, with a
reason; shown as overridden everywhere, listed, logged, and revocable by an admin."""

from __future__ import annotations

import csv
import io
import re

from sqlmodel import select

from inspection.status import status_rows
from store import AuditEntry, Finding, Override, open_session
from tests.web.conftest import Board, token


def _finding_id(board: Board, code: str, rule: str) -> int:
    page = board.client.get(f"/agencies/{code}").text
    found = re.search(rf'action="/agencies/{code}/findings/(\d+)/override"', page)
    assert found is not None, f"no override form on {code}'s page"
    with open_session(board.engine) as session:
        finding = session.get(Finding, int(found.group(1)))
        assert finding is not None and finding.rule == rule
    return int(found.group(1))


def _row(board: Board, code: str) -> dict[str, object]:
    with open_session(board.engine) as session:
        (row,) = [r for r in status_rows(session) if r["code"] == code]
    return row


def _mark_wrong(board: Board, code: str, rule: str, reason: str) -> str:
    finding = _finding_id(board, code, rule)
    page = board.client.get(f"/agencies/{code}")
    answer = board.client.post(
        f"/agencies/{code}/findings/{finding}/override",
        data={"reason": reason, "csrf_token": token(page.text)},
    )
    assert answer.status_code == 200
    return answer.text


def test_marking_a_finding_wrong_changes_the_status_everywhere(board: Board) -> None:
    board.sign_in("kiemtra")
    page = _mark_wrong(board, "SO-TP", "DOC002", "Quyết định công bố đăng ở cổng tỉnh")
    assert "Đã đánh dấu phát hiện DOC002 là không đúng." in page
    assert "đã điều chỉnh" in page and "theo quy tắc là “Chưa đầy đủ”" in page
    assert "Đã đánh dấu không đúng bởi <strong>kiemtra</strong>" in page
    assert "“Quyết định công bố đăng ở cổng tỉnh”" in page
    row = _row(board, "SO-TP")
    assert (row["status"], row["rule_status"]) == ("compliant", "incomplete")
    listed = board.client.get("/agencies", params={"q": "tu phap"}).text
    assert re.search(r"Đạt</span>\s*<span class=\"overridden\"", listed)
    # incomplete and compliant both count as published: the count line stays
    assert "5/7 cơ quan đã đăng tải tài liệu HTQLCL" in board.client.get("/").text
    with open_session(board.engine) as session:
        (entry,) = session.exec(
            select(AuditEntry).where(AuditEntry.action == "override_finding")
        ).all()
    assert (entry.username, entry.target, entry.address) == ("kiemtra", "SO-TP", "127.0.0.1")
    assert entry.detail["reason"] == "Quyết định công bố đăng ở cổng tỉnh"


def test_a_reason_is_required(board: Board) -> None:
    board.sign_in("kiemtra")
    page = _mark_wrong(board, "SO-TP", "DOC002", "  ")
    assert "Cần ghi rõ lý do (ít nhất 5 ký tự)." in page
    assert _row(board, "SO-TP")["status"] == "incomplete"
    with open_session(board.engine) as session:
        assert session.exec(select(Override)).all() == []


def test_an_admin_revokes_an_override_and_the_status_comes_back(board: Board) -> None:
    board.sign_in("kiemtra")
    _mark_wrong(board, "SO-TP", "DOC002", "Đăng ở cổng tỉnh, mục ISO")
    inspector_page = board.client.get("/agencies/SO-TP").text
    assert "/revoke" not in inspector_page  # inspectors correct; only admins revoke
    admin = board.sign_in("quantri", board.new_client())
    page = admin.get("/overrides")
    (override_id,) = re.findall(r'action="/overrides/(\d+)/revoke"', page.text)
    answer = admin.post(
        f"/overrides/{override_id}/revoke",
        data={"back": "/agencies/SO-TP", "csrf_token": token(page.text)},
    )
    assert answer.status_code == 200
    assert f"Đã thu hồi điều chỉnh #{override_id}." in answer.text
    assert "Đã thu hồi bởi quantri" in answer.text
    assert _row(board, "SO-TP")["status"] == "incomplete"
    again = admin.post(f"/overrides/{override_id}/revoke", data={"csrf_token": token(page.text)})
    assert "Điều chỉnh này đã bị thu hồi." in again.text


def test_an_inspector_cannot_revoke(board: Board) -> None:
    board.sign_in("kiemtra")
    _mark_wrong(board, "SO-TP", "DOC002", "Đăng ở cổng tỉnh, mục ISO")
    with open_session(board.engine) as session:
        (override,) = session.exec(select(Override)).all()
    page = board.client.get("/overrides")
    answer = board.client.post(
        f"/overrides/{override.id}/revoke", data={"csrf_token": token(page.text)}
    )
    assert answer.status_code == 403
    assert _row(board, "SO-TP")["status"] == "compliant"


def test_correcting_a_documents_type_judges_the_agency_again(board: Board) -> None:
    board.sign_in("kiemtra")
    row = _row(board, "SO-TP")
    (listing,) = [d for d in row["documents"] if d["doc_type"] == "process_list"]  # type: ignore[union-attr]
    page = board.client.get("/agencies/SO-TP")
    answer = board.client.post(
        f"/agencies/SO-TP/documents/{listing['sha256']}/type",
        data={
            "doc_type": "declaration",
            "reason": "Quyết định này vừa công bố vừa ban hành danh mục",
            "csrf_token": token(page.text),
        },
    )
    assert "Đã sửa loại tài liệu thành “Quyết định công bố”." in answer.text
    assert "đã sửa bởi kiemtra" in answer.text
    row = _row(board, "SO-TP")
    types = {d["doc_type"] for d in row["documents"]}  # type: ignore[union-attr]
    assert "declaration" in types and "process_list" not in types


def test_a_bad_type_or_someone_elses_document_is_refused(board: Board) -> None:
    board.sign_in("kiemtra")
    row = _row(board, "SO-TP")
    sha = row["documents"][0]["sha256"]  # type: ignore[index]
    page = board.client.get("/agencies/SO-TP")
    bad = board.client.post(
        f"/agencies/SO-TP/documents/{sha}/type",
        data={"doc_type": "menu", "reason": "lý do đủ dài", "csrf_token": token(page.text)},
    )
    assert "Loại tài liệu không hợp lệ: menu." in bad.text
    foreign = board.client.post(
        f"/agencies/XA-AB/documents/{sha}/type",
        data={"doc_type": "report", "reason": "lý do đủ dài", "csrf_token": token(page.text)},
    )
    assert foreign.status_code == 404


def test_overrides_are_listed_and_downloadable(board: Board) -> None:
    board.sign_in("kiemtra")
    _mark_wrong(board, "SO-TP", "DOC002", '=HYPERLINK("http://x") công bố ở cổng tỉnh')
    listed = board.client.get("/overrides").text
    assert "Sở Tư pháp" in listed and "DOC002" in listed
    answer = board.client.get("/overrides.csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Số", "Mã cơ quan", "Tên cơ quan", "Loại điều chỉnh"]
    assert rows[1][1:5] == ["SO-TP", "Sở Tư pháp", "Phát hiện không đúng", "DOC002"]
    assert rows[1][8].startswith("'=HYPERLINK")  # never a formula in a spreadsheet
    assert rows[1][9] == "kiemtra"


def test_the_json_export_carries_the_override(board: Board) -> None:
    board.sign_in("kiemtra")
    _mark_wrong(board, "SO-TP", "DOC002", "Quyết định công bố đăng ở cổng tỉnh")
    exported = board.client.get("/downloads/export", params={"format": "json"}).json()
    (row,) = [r for r in exported if r["code"] == "SO-TP"]
    (finding,) = [f for f in row["findings"] if f["rule"] == "DOC002"]
    assert finding["override"]["by"] == "kiemtra"
    assert (row["status"], row["rule_status"]) == ("compliant", "incomplete")
