from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session, select

from inspection.registry import RegistryFileError, import_registry
from store import Agency, make_engine, open_session, prepare, sqlite_url

VIETNAMESE_HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Đơn vị chủ quản,Ngày thành lập\n"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    return open_session(engine)


def _agencies(session: Session) -> dict[str, Agency]:
    return {a.code: a for a in session.exec(select(Agency)).all()}


def test_csv_with_bom_and_vietnamese_headers(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes(
        (
            VIETNAMESE_HEADER
            + "SKHCN,Sở Khoa học và Công nghệ,Sở,https://skhcn.example.vn/,UBND,2025-07-01\n"
            + "XA01,UBND xã An Bình,commune,http://portal.example.vn/xa-an-binh/,,\n"
        ).encode("utf-8-sig")
    )
    report = import_registry(session, path)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    agencies = _agencies(session)
    assert agencies["SKHCN"].level == "department"
    assert agencies["SKHCN"].established == date(2025, 7, 1)
    assert agencies["SKHCN"].parent == "UBND"
    assert agencies["XA01"].website == "http://portal.example.vn/xa-an-binh/"
    assert agencies["XA01"].established is None


def test_headers_without_diacritics_and_in_other_case(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "MA;TEN CO QUAN;cap;trang thong tin dien tu\nSTP;Sở Tư pháp;department;https://stp.vn/\n",
        "utf-8",
    )
    report = import_registry(session, path)
    assert report.created == 1 and not report.errors


def test_bad_rows_are_reported_with_row_numbers_and_good_rows_kept(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        VIETNAMESE_HEADER
        + "A,Cơ quan A,department,https://a.vn/,,\n"  # row 2: good
        + ",Không có mã,department,https://b.vn/,,\n"  # row 3: no code
        + "C,Cơ quan C,department,ftp://c.vn/,,\n"  # row 4: not http(s)
        + "D,Cơ quan D,galaxy,https://d.vn/,,\n"  # row 5: unknown level
        + "E,Cơ quan E,commune,https://e.vn/,,31/02/2025\n"  # row 6: bad date
        + "A,Cơ quan A lần 2,department,https://a2.vn/,,\n"  # row 7: duplicate code
        + "F,Cơ quan F,xã,https://f.vn/,,01/07/2025\n",  # row 8: good
        "utf-8",
    )
    report = import_registry(session, path)
    assert [(e.row, e.reason.split(":")[0].split(" ")[0]) for e in report.errors] == [
        (3, "thiếu"),
        (4, "trang"),
        (5, "cấp"),
        (6, "ngày"),
        (7, "mã"),
    ]
    agencies = _agencies(session)
    assert set(agencies) == {"A", "F"}
    assert agencies["F"].level == "commune"
    assert agencies["F"].established == date(2025, 7, 1)


def test_import_upserts_by_code(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(VIETNAMESE_HEADER + "A,Tên cũ,department,https://a.vn/,,\n", "utf-8")
    import_registry(session, path)
    path.write_text(VIETNAMESE_HEADER + "A,Tên mới,department,https://a-moi.vn/,,\n", "utf-8")
    report = import_registry(session, path)
    assert (report.created, report.updated) == (0, 1)
    agency = _agencies(session)["A"]
    assert (agency.name, agency.website) == ("Tên mới", "https://a-moi.vn/")


def test_xlsx_with_a_title_row_above_the_header(session: Session, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DANH SÁCH CƠ QUAN ÁP DỤNG HTQLCL"])
    sheet.append(["Mã", "Tên cơ quan", "Cấp", "Trang thông tin điện tử", "Ngày thành lập"])
    sheet.append(["SYT", "Sở Y tế", "department", "https://syt.vn/", date(2025, 7, 1)])
    sheet.append([101, "UBND phường 1", "phường", "https://p1.vn", None])
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    report = import_registry(session, path)
    assert report.created == 2 and not report.errors
    agencies = _agencies(session)
    assert agencies["SYT"].established == date(2025, 7, 1)
    assert agencies["101"].level == "commune"


def test_missing_required_column_is_a_file_error(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Mã,Tên cơ quan\nA,Cơ quan A\n", "utf-8")
    with pytest.raises(RegistryFileError, match="level"):
        import_registry(session, path)


def test_unsupported_format_is_a_file_error(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "ds.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(RegistryFileError):
        import_registry(session, path)
