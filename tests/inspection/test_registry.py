"""Importing the agency registry: rows checked and placed, upserts, retiring and return."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from inspection.registry import RegistryFileError, import_registry, list_agencies, retire_codes
from inspection.runs import select_agencies
from inspection.status import published_line, publishing_line, status_rows
from store import Agency, Verdict, make_engine, open_session, prepare, sqlite_url
from tests.inspection.registry_files import agencies, write

HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Đơn vị chủ quản,Ngày thành lập\n"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    return engine


@pytest.fixture
def session(engine: Engine) -> Session:
    return open_session(engine)


def _csv(tmp_path: Path, body: str, name: str = "ds.csv") -> Path:
    return write(tmp_path / name, (HEADER + body).encode("utf-8-sig"))


def test_csv_with_bom_and_vietnamese_headers(session: Session, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "SKHCN,Sở Khoa học và Công nghệ,Sở,https://skhcn.example.vn/,UBND,01/07/2025\n"
        "XA01,UBND xã An Bình,commune,http://portal.example.vn/xa-an-binh/,,\n",
    )
    report = import_registry(session, path)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    imported = agencies(session)
    assert imported["SKHCN"].level == "department"
    assert imported["SKHCN"].established == date(2025, 7, 1)
    assert imported["SKHCN"].parent == "UBND"
    assert imported["XA01"].website == "http://portal.example.vn/xa-an-binh/"
    assert imported["XA01"].established is None


def test_bad_rows_name_their_row_and_column_and_good_rows_are_kept(
    session: Session, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "A,Cơ quan A,Sở,https://a.vn/,,\n"  # row 2: good
        ",Không có mã,Sở,https://b.vn/,,\n"  # row 3: no code
        "C,Cơ quan C,Sở,ftp://c.vn/,,\n"  # row 4: not http(s)
        "D,Cơ quan D,Thiên hà,https://d.vn/,,\n"  # row 5: unknown level
        "E,UBND xã E,Xã,https://e.vn/,,31/02/2025\n"  # row 6: bad date
        "A,Cơ quan A khác,Sở,https://a2.vn/,,\n"  # row 7: code of another agency
        "G,Cơ quan G,Sở,chưa có,,\n"  # row 8: not an address
        "F,UBND xã F,xã,https://f.vn/,,01/07/2025\n",  # row 9: good
    )
    report = import_registry(session, path)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "cột A “Mã”"),
        (4, "cột D “Trang thông tin điện tử”"),
        (5, "cột C “Cấp”"),
        (6, "cột F “Ngày thành lập”"),
        (8, "cột D “Trang thông tin điện tử”"),
        (7, "cột A “Mã”"),
    ]
    assert str(report.errors[0]) == "Dòng 3, cột A “Mã”: thiếu mã cơ quan"
    assert report.errors[2].reason.startswith("cấp “Thiên hà” không hợp lệ; dùng một trong:")
    assert report.errors[5].reason.startswith("mã A trùng với Dòng 2")
    imported = agencies(session)
    assert set(imported) == {"A", "F"}
    assert imported["A"].name == "Cơ quan A"
    assert imported["F"].established == date(2025, 7, 1)


def test_one_row_with_several_problems_reports_each(session: Session, tmp_path: Path) -> None:
    report = import_registry(session, _csv(tmp_path, "X,Cơ quan X,Thiên hà,ftp://x.vn,,hôm qua\n"))
    assert [e.column for e in report.errors] == [
        "cột C “Cấp”",
        "cột D “Trang thông tin điện tử”",
        "cột F “Ngày thành lập”",
    ]
    assert report.rejected_rows == 1
    assert agencies(session) == {}


def test_an_agency_without_a_website_is_kept_and_listed(session: Session, tmp_path: Path) -> None:
    report = import_registry(session, _csv(tmp_path, "XA02,UBND xã Tân Lập,Xã,,,\n"))
    assert report.errors == []
    assert agencies(session)["XA02"].website is None
    (missing,) = report.without_website
    assert (missing.code, missing.name, str(missing.place)) == ("XA02", "UBND xã Tân Lập", "Dòng 2")


def test_an_empty_level_is_read_from_the_name_or_is_an_error(
    session: Session, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "STP,Sở Tư pháp,,stp.vn,,\nTT,Trung tâm Phục vụ hành chính công,,tt.vn,,\n",
    )
    report = import_registry(session, path)
    assert agencies(session)["STP"].level == "department"
    (error,) = report.errors
    assert (error.row, error.column) == (3, "cột C “Cấp”")
    assert "không cho biết cấp" in error.reason and "UBND xã" in error.reason
    assert "1 dòng không ghi cấp: cấp suy ra từ tên cơ quan." in report.notes


def test_rows_that_are_not_agencies_are_skipped_and_said(session: Session, tmp_path: Path) -> None:
    body = (
        '"CÁC SỞ, BAN, NGÀNH",,,,,\n'
        "STP,Sở Tư pháp,Sở,stp.vn,,\n"
        ',"Các xã, phường",,,,\n'
        "XA1,UBND xã Một,Xã,xa1.vn,,\n"
        ",,,,Người lập biểu,\n"
        ",Tổng cộng: 2 cơ quan,,,,\n"
    )
    report = import_registry(session, _csv(tmp_path, body))
    assert report.errors == [] and set(agencies(session)) == {"STP", "XA1"}
    assert [(s.row, s.reason) for s in report.skipped] == [
        (2, "dòng tiêu đề nhóm “CÁC SỞ, BAN, NGÀNH”"),
        (4, "dòng tiêu đề nhóm “Các xã, phường”"),
        (6, "không có mã và tên cơ quan"),
        (7, "dòng tiêu đề nhóm “Tổng cộng: 2 cơ quan”"),
    ]


def test_a_repeated_row_is_skipped_not_an_error(session: Session, tmp_path: Path) -> None:
    report = import_registry(
        session, _csv(tmp_path, "STP,Sở Tư pháp,Sở,stp.vn,,\nSTP,Sở Tư pháp,Sở,stp.vn,,\n")
    )
    assert report.errors == [] and report.created == 1
    assert [(s.row, s.reason) for s in report.skipped] == [(3, "lặp lại Dòng 2")]


def test_import_upserts_by_code_and_counts_what_changed(session: Session, tmp_path: Path) -> None:
    import_registry(session, _csv(tmp_path, "A,Tên cũ,Sở,https://a.vn/,,\nB,Cơ quan B,Sở,b.vn,,\n"))
    report = import_registry(
        session, _csv(tmp_path, "A,Tên mới,Sở,https://a-moi.vn/,,\nB,Cơ quan B,Sở,b.vn,,\n")
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    agency = agencies(session)["A"]
    assert (agency.name, agency.website) == ("Tên mới", "https://a-moi.vn/")


def test_replace_retires_agencies_the_file_no_longer_names_and_keeps_them(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    import_registry(
        session,
        _csv(tmp_path, "A,Sở A,Sở,a.vn,,\nB,Sở B,Sở,b.vn,,\nC,UBND xã C,Xã,c.vn,,\n"),
    )
    b = agencies(session)["B"]
    session.add(Verdict(agency_id=b.id, status="compliant", as_of=date(2026, 4, 1)))
    session.commit()

    shorter = _csv(tmp_path, "A,Sở A,Sở,a.vn,,\nC,UBND xã C,Thiên hà,c.vn,,\n", "ngan.csv")
    plain = import_registry(session, shorter)
    assert plain.retired == [] and all(a.retired_at is None for a in agencies(session).values())

    report = import_registry(session, shorter, replace=True)
    # C's row is rejected (bad level) but the file still names it: it is not retired
    assert [(ref.code, ref.name) for ref in report.retired] == [("B", "Sở B")]
    kept = agencies(session)
    assert kept["B"].retired_at is not None and kept["C"].retired_at is None
    assert session.exec(select(Verdict).where(Verdict.agency_id == b.id)).one().status == (
        "compliant"
    )
    assert [a.code for a in select_agencies(engine, None)] == ["A", "C"]
    assert [a.code for a in list_agencies(session)] == ["A", "C"]
    assert [a.code for a in list_agencies(session, include_retired=True)] == ["A", "B", "C"]
    with open_session(engine) as reader:
        assert [row["code"] for row in status_rows(reader)] == ["A", "C"]
        # B's verdict is not counted (retired), nor are A and C (not checked yet)
        line = publishing_line(status_rows(reader))
        assert published_line(reader) == line == "0/0 cơ quan đã đăng tải tài liệu HTQLCL"

    back = import_registry(session, _csv(tmp_path, "B,Sở B mới,Sở,b.vn,,\n", "lai.csv"))
    assert [ref.code for ref in back.returned] == ["B"] and back.imported == 1
    returned = agencies(session)["B"]
    assert (returned.retired_at, returned.name, returned.id) == (None, "Sở B mới", b.id)


def test_replace_retires_nothing_while_a_row_has_no_readable_code(
    session: Session, tmp_path: Path
) -> None:
    import_registry(session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\nB,Sở B,Sở,b.vn,,\n"))
    report = import_registry(
        session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\n,Sở B,Sở,b.vn,,\n", "x.csv"), replace=True
    )
    assert report.retired == []
    assert agencies(session)["B"].retired_at is None
    assert any("không ngừng theo dõi cơ quan nào vì Dòng 3" in note for note in report.notes)


def test_replace_refuses_a_workbook_with_a_sheet_it_could_not_read(
    session: Session, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sở"
    sheet.append(["Mã", "Tên cơ quan", "Cấp", "Website"])
    sheet.append(["A", "Sở A", "Sở", "a.vn"])
    other = workbook.create_sheet("Xã")
    other.append(["Mã xã", "Tên xã", "Website"])  # a header the import does not know
    other.append(["X1", "Xã Một", "x1.vn"])
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    import_registry(session, _csv(tmp_path, "X1,UBND xã Một,Xã,x1.vn,,\n"))
    with pytest.raises(RegistryFileError, match=r"--replace cần đọc được cả danh sách.*“Xã”"):
        import_registry(session, path, replace=True)
    assert agencies(session)["X1"].retired_at is None
    assert "A" not in agencies(session)  # nothing was imported either

    report = import_registry(session, path, replace=True, sheets=["Sở"])
    assert [ref.code for ref in report.retired] == ["X1"]


def test_replace_with_a_list_naming_no_agency_changes_nothing(
    session: Session, tmp_path: Path
) -> None:
    import_registry(session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\n"))
    with pytest.raises(RegistryFileError, match="ngừng theo dõi mọi cơ quan"):
        import_registry(session, _csv(tmp_path, "", "trong.csv"), replace=True)
    assert agencies(session)["A"].retired_at is None


def test_remove_retires_named_agencies_and_an_unknown_code_changes_nothing(
    session: Session, tmp_path: Path
) -> None:
    import_registry(session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\nB,Sở B,Sở,b.vn,,\n"))
    refused = retire_codes(session, ["A", "KHONG-CO"])
    assert refused.unknown == ["KHONG-CO"] and refused.retired == []
    assert agencies(session)["A"].retired_at is None

    done = retire_codes(session, ["A", "A"])
    assert [ref.code for ref in done.retired] == ["A"]
    again = retire_codes(session, ["A"])
    assert again.retired == [] and [ref.code for ref, _ in again.already] == ["A"]
    assert [a.code for a in list_agencies(session)] == ["B"]


def test_missing_code_or_name_column_is_a_file_error(session: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "ds.csv", "Tên cơ quan,Cấp,Website\nSở A,Sở,a.vn\n".encode())
    with pytest.raises(RegistryFileError, match="thiếu cột Mã"):
        import_registry(session, path)
    assert session.exec(select(Agency)).all() == []


def test_retire_and_return_on_postgresql(empty_postgresql_url: str, tmp_path: Path) -> None:
    engine = make_engine(empty_postgresql_url)
    try:
        prepare(engine)
        with open_session(engine) as session:
            import_registry(session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\nB,Sở B,Sở,b.vn,,\n"))
            shorter = _csv(tmp_path, "A,Sở A,Sở,a.vn,,\n", "a.csv")
            retired = import_registry(session, shorter, replace=True).retired
            assert [ref.code for ref in retired] == ["B"]
            assert [a.code for a in list_agencies(session)] == ["A"]
            assert retire_codes(session, ["A"]).retired[0].code == "A"
            assert list_agencies(session) == []
            back = import_registry(session, _csv(tmp_path, "A,Sở A,Sở,a.vn,,\n", "b.csv"))
            assert [ref.code for ref in back.returned] == ["A"]
        assert [a.code for a in select_agencies(engine, None)] == ["A"]
    finally:
        engine.dispose()
