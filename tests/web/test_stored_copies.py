"""Stored copies ("bản lưu"): the exact bytes, the right type, never active on our origin."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from inspection.web import create_app
from inspection.web.copies import StoredCopy, served_headers
from store import BlobStore, DatabaseBlobs, make_engine
from tests.inspection.agency_files import HOME, policy_docx, set_of_2008
from tests.web.conftest import Board, settings_for
from tests.web.server import serving

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_document_is_served_as_the_site_sent_it_for_download(board: Board) -> None:
    board.sign_in("xem")
    policy = policy_docx()
    answer = board.client.get(f"/agencies/SO-TP/stored/{_sha(policy)}")
    assert answer.status_code == 200
    assert answer.content == policy
    assert answer.headers["content-type"] == DOCX
    assert answer.headers["content-disposition"].startswith(
        'attachment; filename="chinh-sach.docx"'
    )
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-security-policy"].startswith("sandbox")


def test_a_stored_html_page_is_shown_as_text_never_as_a_page(board: Board) -> None:
    board.sign_in("xem")
    answer = board.client.get(f"/agencies/SO-TP/stored/{_sha(HOME)}")
    assert answer.status_code == 200
    assert answer.content == HOME
    assert answer.headers["content-type"].startswith("text/plain")
    assert "sandbox" in answer.headers["content-security-policy"]
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_only_an_agencys_own_copies_are_served_under_its_page(board: Board) -> None:
    board.sign_in("xem")
    declaration = _sha(set_of_2008()["qd-cong-bo-2014.docx"])  # SO-XD's, never SO-TP's
    assert board.client.get(f"/agencies/SO-XD/stored/{declaration}").status_code == 200
    assert board.client.get(f"/agencies/SO-TP/stored/{declaration}").status_code == 404
    assert board.client.get("/agencies/SO-TP/stored/../../etc").status_code == 404
    assert board.client.get("/agencies/SO-TP/stored/ZZ").status_code == 404


def test_a_copy_missing_from_the_blob_store_is_a_404_not_a_crash(board: Board) -> None:
    board.sign_in("xem")
    policy = _sha(policy_docx())
    BlobStore(board.settings.blob_dir).path(policy).unlink()
    answer = board.client.get(f"/agencies/SO-TP/stored/{policy}")
    assert answer.status_code == 404 and "Không có bản lưu này" in answer.text


@pytest.fixture
def database_board(province_folder: Path, tmp_path: Path) -> Iterator[Board]:
    """The province with its bytes in the database's blob table and no blob folder."""
    folder = tmp_path / "data"
    shutil.copytree(province_folder, folder)
    settings = settings_for(folder).model_copy(update={"blob_store": "database"})
    engine = make_engine(settings.effective_database_url)
    files, table = BlobStore(settings.blob_dir), DatabaseBlobs(engine)
    for stored in files.stored():
        table.put(files.get(stored.sha256))
    shutil.rmtree(settings.blob_dir)
    with (
        serving(create_app(settings)) as url,
        httpx.Client(base_url=url, timeout=30, follow_redirects=True) as client,
    ):
        yield Board(settings, url, client, engine)
    engine.dispose()


def test_copies_are_served_from_the_database_blob_store(database_board: Board) -> None:
    database_board.sign_in("xem")
    policy = policy_docx()
    answer = database_board.client.get(f"/agencies/SO-TP/stored/{_sha(policy)}")
    assert answer.status_code == 200
    assert answer.content == policy
    assert answer.headers["content-type"] == DOCX
    page = database_board.client.get(f"/agencies/SO-TP/stored/{_sha(HOME)}")
    assert page.content == HOME and page.headers["content-type"].startswith("text/plain")
    assert not database_board.settings.blob_dir.exists()
    DatabaseBlobs(database_board.engine).remove(_sha(policy))
    gone = database_board.client.get(f"/agencies/SO-TP/stored/{_sha(policy)}")
    assert gone.status_code == 404 and "Không có bản lưu này" in gone.text


def _copy(content_type: str | None, url: str = "http://a.example/tep") -> StoredCopy:
    return StoredCopy(sha256="a" * 64, content_type=content_type, filename=None, url=url)


@pytest.mark.parametrize(
    ("content_type", "sent", "disposition", "sandboxed"),
    [
        ("text/html; charset=windows-1258", "text/plain; charset=windows-1258", "inline", True),
        ("application/xhtml+xml", "text/plain", "inline", True),
        ("image/svg+xml", "text/plain", "inline", True),
        ("text/xml", "text/plain", "inline", True),
        ("application/pdf", "application/pdf", "inline", False),
        ("image/png", "image/png", "inline", True),
        ("application/msword", "application/msword", "attachment", True),
        ("multipart/mixed; boundary=x", "application/octet-stream", "attachment", True),
        (None, "application/octet-stream", "attachment", True),
    ],
)
def test_how_each_type_is_served(
    content_type: str | None, sent: str, disposition: str, sandboxed: bool
) -> None:
    media, headers = served_headers(_copy(content_type))
    assert media == sent
    assert headers["Content-Disposition"].startswith(disposition)
    assert ("Content-Security-Policy" in headers) is sandboxed
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_without_a_declared_charset_uses_its_meta_tag() -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    media, _ = served_headers(_copy("text/html"), head)
    assert media == "text/plain; charset=windows-1258"


def test_a_vietnamese_file_name_is_kept_for_the_download() -> None:
    copy = StoredCopy(
        sha256="b" * 64,
        content_type="application/pdf",
        filename=None,
        url="http://a.example/t%E1%BA%A3i/quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh.pdf",
    )
    _, headers = served_headers(copy)
    disposition = headers["Content-Disposition"]
    assert disposition.startswith('inline; filename="quy_t-__nh.pdf"')  # ASCII for old clients
    assert disposition.endswith("filename*=UTF-8''quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh.pdf")
