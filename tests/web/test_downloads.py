"""Downloads: the same files as `qmsaudit export` and `qmsaudit report`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from inspection.export import write_export
from inspection.status import status_rows
from store import open_session
from tests.web.conftest import Board


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_is_the_clis_file(board: Board, tmp_path: Path, fmt: str) -> None:
    board.sign_in("xem")
    answer = board.client.get("/downloads/export", params={"format": fmt})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith('attachment; filename="ket-qua')
    with open_session(board.engine) as session:
        write_export(status_rows(session), tmp_path / f"cli.{fmt}", fmt=fmt)
    assert answer.content == (tmp_path / f"cli.{fmt}").read_bytes()


def test_an_export_by_status(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get(
        "/downloads/export",
        params=[("format", "json"), ("status", "not_published"), ("status", "none")],
    )
    assert sorted(row["code"] for row in answer.json()) == ["XA-AB", "XA-MOI"]


def test_the_workbook_opens_with_every_agency(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/downloads/export", params={"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(answer.content), read_only=True)
    names = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell
    )
    workbook.close()
    assert "Sở Tư pháp" in names and "UBND xã Đông Hòa" in names


def test_an_unknown_format_is_said_so(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/downloads/export", params={"format": "exe"})
    assert "Định dạng “exe” không hỗ trợ (dùng: csv, xlsx, json)." in answer.text


def test_the_official_report_is_a_word_document_with_the_count(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/downloads/report", params={"format": "docx"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        'attachment; filename="bao-cao-kiem-tra-htqlcl-2026-06-01.docx"'
    )
    assert zipfile.is_zipfile(io.BytesIO(answer.content))
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(answer.content)).paragraphs)
    assert "BÁO CÁO" in text.upper()


def test_a_report_of_a_level_without_agencies_is_refused(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get("/downloads/report", params={"level": "district"})
    assert "Không có cơ quan nào để báo cáo." in answer.text
