"""What admins do: accounts, the agency list (imported from the page), the audit log."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlmodel import select

from inspection.users import find_user
from store import Agency, AuditEntry, open_session
from tests.web.conftest import Board, token

HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Ngày thành lập\n"


def _upload(board: Board, name: str, content: bytes) -> str:
    page = board.client.get("/registry")
    answer = board.client.post(
        "/registry",
        data={"csrf_token": token(page.text)},
        files={"file": (name, content, "application/octet-stream")},
    )
    return answer.text


def test_an_admin_imports_a_list_and_sees_the_clis_row_errors(board: Board) -> None:
    board.sign_in("quantri")
    content = (
        HEADER
        + "SO-GD,Sở Giáo dục và Đào tạo,Sở,https://sgd.example.vn/,\n"
        + "XA-X,Xã X,xã,không-phải-url,\n"
        + "SO-TP,Sở Tư pháp tỉnh Demo,department,http://so-tp.tinhdemo.localhost/,\n"
    ).encode()
    page = _upload(board, "danh-sach.csv", content)
    assert "Đã nhập 2 cơ quan (1 mới, 1 cập nhật, 0 không đổi, 0 theo dõi lại); 1 dòng lỗi." in page
    assert "Dòng 3, cột D “Trang thông tin điện tử”: “không-phải-url” không phải địa chỉ" in page
    with open_session(board.engine) as session:
        names = {a.code: a.name for a in session.exec(select(Agency)).all()}
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "registry_import"))
    assert names["SO-GD"] == "Sở Giáo dục và Đào tạo" and names["SO-TP"] == "Sở Tư pháp tỉnh Demo"
    assert "XA-X" not in names
    assert entry.detail == {"created": 1, "updated": 1, "errors": 1}


def test_an_xlsx_list_is_imported_too(board: Board) -> None:
    board.sign_in("quantri")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã", "Tên cơ quan", "Cấp", "Trang thông tin điện tử"])
    sheet.append(["XA-Y", "UBND xã Yên Hòa", "Xã", "http://xa-y.example.vn/"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert (
        "Đã nhập 1 cơ quan (1 mới, 0 cập nhật, 0 không đổi, 0 theo dõi lại); 0 dòng lỗi."
        in _upload(board, "ds.xlsx", buffer.getvalue())
    )


def test_a_file_that_is_not_a_list_is_said_so(board: Board) -> None:
    board.sign_in("quantri")
    assert "Chỉ nhận tệp CSV, XLSX hoặc XLS." in _upload(board, "virus.exe", b"MZ")
    assert "Không đọc được tệp" in _upload(board, "hong.xlsx", b"PK\x03\x04 broken")
    assert "Thiếu cột" in _upload(board, "thieu.csv", "Mã,Tên\nA,B\n".encode())


def test_only_admins_import_lists_manage_accounts_and_read_the_log(board: Board) -> None:
    board.sign_in("kiemtra")
    for path in ("/registry", "/users", "/audit"):
        answer = board.client.get(path)
        assert answer.status_code == 403 and "Không có quyền" in answer.text


def test_an_admin_adds_and_disables_an_account(board: Board) -> None:
    board.sign_in("quantri")
    page = board.client.get("/users")
    added = board.client.post(
        "/users",
        data={
            "username": "Lan.NT",
            "role": "inspector",
            "password": "mat-khau-cua-lan",
            "csrf_token": token(page.text),
        },
    )
    assert "Đã thêm tài khoản lan.nt." in added.text
    duplicate = board.client.post(
        "/users",
        data={
            "username": "lan.nt",
            "role": "viewer",
            "password": "mat-khau-khac-nua",
            "csrf_token": token(page.text),
        },
    )
    assert duplicate.status_code == 400 and "Tên đăng nhập lan.nt đã có." in duplicate.text
    disabled = board.client.post("/users/lan.nt/disable", data={"csrf_token": token(page.text)})
    assert "Đã khóa tài khoản lan.nt." in disabled.text
    with open_session(board.engine) as session:
        user = find_user(session, "lan.nt")
        assert user is not None and not user.active and user.role == "inspector"


def test_the_audit_log_shows_who_did_what_from_where(board: Board) -> None:
    board.sign_in("quantri")
    page = board.client.get("/users")
    board.client.post(
        "/users",
        data={
            "username": "minh",
            "role": "viewer",
            "password": "mat-khau-cua-minh",
            "csrf_token": token(page.text),
        },
    )
    log = board.client.get("/audit").text
    assert "Thêm tài khoản" in log and "Vai trò: Người xem" in log
    assert "Đăng nhập" in log and "127.0.0.1" in log
    assert "user_add" not in log  # codes are shown in Vietnamese
