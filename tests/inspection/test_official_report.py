"""The official report: a DOCX in the administrative form, read back with python-docx."""

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from PIL import Image
from typer.testing import CliRunner

from inspection.cli import app
from inspection.export import write_export
from inspection.official_report import PARTS, Issuer, Part, ReportData, Tally, report_bytes
from inspection.official_report.chart import STATUS_COLOURS, status_chart
from inspection.official_report.document import ReportBody
from inspection.official_report.docx_report import MOTTO, NATION, TOPIC
from inspection.official_report.reasons import (
    evidence_url,
    first_sentence,
    local_datetime,
    missing_items,
    reason,
)
from inspection.official_report.recommendations import recommend
from inspection.status import publishing_line
from tests.inspection.test_export import seeded_database

AS_OF = date(2026, 11, 30)


def _finding(rule: str, message: str, url: str, **extra: Any) -> dict[str, Any]:
    return {
        "rule": rule,
        "severity": "error",
        "message": message,
        "evidence_url": url,
        "first_seen": "2026-11-01T01:00:00+00:00",
        "last_seen": "2026-11-29T01:00:00+00:00",
        **extra,
    }


def _row(code: str, name: str, level: str, status: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "level": level,
        "website": f"http://{code.lower()}.gov.vn/",
        "status": status,
        "iso_version": None,
        "as_of": AS_OF.isoformat() if status else None,
        "checked_at": "2026-11-29T18:00:00+00:00" if status else None,
        "run": 7,
        "documents": [],
        "findings": [],
        **extra,
    }


ROWS: list[dict[str, Any]] = [
    _row(
        "UBND",
        "UBND tỉnh",
        "province",
        "compliant",
        iso_version="2015",
        documents=[{"doc_type": "declaration", "url": "http://ubnd.gov.vn/qd.pdf", "issued": None}],
    ),
    _row(
        "STP",
        "Sở Tư pháp",
        "department",
        "outdated",
        iso_version="2008",
        findings=[
            _finding(
                "VER001",
                "Cả 3 tài liệu có ghi phiên bản tiêu chuẩn đều áp dụng TCVN ISO 9001:2008. "
                "Câu thứ hai.",
                "http://stp.gov.vn/qd-2008.pdf",
                legal_basis="Công văn 419/BKHCN-TĐC",
            )
        ],
    ),
    _row(
        "SCT",
        "Sở Công Thương",
        "department",
        "not_published",
        findings=[
            _finding(
                "DOC001",
                "Trang thông tin điện tử http://sct.gov.vn/ truy cập được nhưng không có "
                "tài liệu nào của hệ thống quản lý chất lượng.",
                "http://sct.gov.vn/",
            )
        ],
    ),
    _row(
        "SXD",
        "Sở Xây dựng",
        "department",
        "incomplete",
        iso_version="2015",
        findings=[
            _finding("DOC002", "Không tìm thấy quyết định công bố.", "http://sxd.gov.vn/"),
            _finding(
                "DOC003",
                "Không tìm thấy chính sách chất lượng.",
                "http://sxd.gov.vn/",
                severity="warning",
            ),
        ],
    ),
    _row(
        "STC",
        "Sở Tài chính",
        "department",
        "unreachable",
        findings=[
            _finding(
                "SITE001",
                "Không truy cập được trang thông tin điện tử http://stc.gov.vn/: lỗi máy chủ "
                "HTTP 500.",
                "http://stc.gov.vn/",
            )
        ],
    ),
    _row(
        "XA-AP",
        "UBND xã An Phú",
        "commune",
        "stale",
        iso_version="2015",
        findings=[
            _finding(
                "FRESH001",
                "Mục tiêu chất lượng mới nhất là của năm 2025; tại ngày 30/11/2026 cần có mục "
                "tiêu chất lượng năm 2026.",
                "http://xa-ap.gov.vn/mtcl-2025.pdf",
                severity="warning",
            )
        ],
    ),
    _row(
        "XA-HB",
        "UBND xã Hòa Bình",
        "commune",
        "not_published",
        findings=[_finding("DOC001", "Không có tài liệu HTQLCL.", "http://xa-hb.gov.vn/")],
    ),
    _row("XA-MOI", "UBND xã Mới", "commune", None),
]
NOT_PUBLISHING = {"Sở Công Thương", "Sở Tài chính", "UBND xã Hòa Bình", "UBND xã Mới"}
ISSUER = Issuer(province="Lâm Đồng", code="SKHCN", place="Đà Lạt", signer_name="Nguyễn Văn A")


def _report(rows: list[dict[str, Any]] = ROWS, **options: Any) -> DocxDocument:
    data = ReportData(rows=rows, as_of=AS_OF, issuer=ISSUER)
    return docx.Document(io.BytesIO(report_bytes(data, **options)))


@pytest.fixture(scope="module")
def report() -> DocxDocument:
    return _report()


def _texts(document: DocxDocument) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def _cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table_after(document: DocxDocument, caption: str) -> Table:
    """The table whose numbered caption ("Bảng N. …") ends with `caption`."""
    body = document.element.body
    found = False
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(element.itertext())
            found = text.startswith("Bảng ") and text.endswith(caption)
        elif element.tag == qn("w:tbl") and found:
            return Table(element, document)
    raise AssertionError(f"no table captioned {caption!r}")


def test_the_header_is_a_borderless_table_with_issuer_and_national_motto(
    report: DocxDocument,
) -> None:
    header = report.tables[0]
    (left, right), (number, dated) = _cells(header)
    # Each name line, then the empty paragraph that draws the rule under it.
    assert left == "UBND TỈNH LÂM ĐỒNG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n"
    assert right == f"{NATION}\n{MOTTO}\n"
    assert number.startswith("Số:") and number.endswith("/BC-SKHCN")
    assert dated.startswith("Đà Lạt, ngày") and dated.endswith("năm 2026")
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    # The rules drawn under the issuer and the motto.
    ruled = [
        p
        for cell in header.rows[0].cells
        for p in cell.paragraphs
        if p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(ruled) == 2


def test_the_title_and_the_fonts_of_an_administrative_document(report: DocxDocument) -> None:
    texts = _texts(report)
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == TOPIC
    normal = report.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size.pt in (13, 14)
    header_sizes = {
        run.font.size.pt
        for cell in report.tables[0]._cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    }
    assert header_sizes <= {12, 13, 14}
    section = report.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0


def test_the_count_line_is_the_one_the_cli_prints(report: DocxDocument) -> None:
    assert publishing_line(ROWS) == "4/7 cơ quan đã đăng tải tài liệu HTQLCL"
    assert publishing_line(ROWS) in _texts(report)


def test_every_agency_not_publishing_or_not_checked_is_named_with_reason_and_link(
    report: DocxDocument,
) -> None:
    table = _table_after(report, "Cơ quan chưa đăng tải hoặc không kiểm tra được")
    header, *rows = _cells(table)
    assert header == ["STT", "Cơ quan, đơn vị", "Lý do", "Bằng chứng"]
    assert {row[1] for row in rows} == NOT_PUBLISHING
    by_name = {row[1]: row for row in rows}
    # The reason without the address, which is in the evidence column beside it.
    assert (
        by_name["Sở Tài chính"][2]
        == "Không truy cập được trang thông tin điện tử: lỗi máy chủ HTTP 500."
    )
    assert by_name["UBND xã Mới"][2] == "Chưa được kiểm tra."
    links = [
        link.address for row in table.rows[1:] for link in row.cells[3].paragraphs[0].hyperlinks
    ]
    assert "http://stc.gov.vn/" in links and "http://sct.gov.vn/" in links


def test_the_2008_incomplete_and_stale_agencies_are_listed_with_what_is_missing(
    report: DocxDocument,
) -> None:
    outdated = _cells(_table_after(report, "Cơ quan còn áp dụng TCVN ISO 9001:2008"))[1:]
    assert [(row[1], row[3]) for row in outdated] == [
        ("Sở Tư pháp", "http://stp.gov.vn/qd-2008.pdf")
    ]
    assert outdated[0][2].endswith("TCVN ISO 9001:2008.")  # one sentence
    incomplete = _cells(_table_after(report, "Cơ quan đăng tải chưa đầy đủ"))[1:]
    assert [(row[1], row[2]) for row in incomplete] == [
        ("Sở Xây dựng", "Quyết định công bố HTQLCL, chính sách chất lượng")
    ]
    stale = _cells(_table_after(report, "Cơ quan chưa cập nhật"))[1:]
    assert [row[1] for row in stale] == ["UBND xã An Phú"]
    assert "mục tiêu chất lượng năm 2026" in stale[0][2]


def test_the_tables_add_up_to_the_totals(report: DocxDocument) -> None:
    header, *levels, total = _cells(_table_after(report, "Kết quả theo cấp"))
    assert [row[0] for row in levels] == ["UBND tỉnh", "Sở, ban, ngành", "Cấp xã"]
    assert total[0] == "Tổng cộng"
    counts = [[int(value) for value in row[1:-1]] for row in [*levels, total]]
    for row in counts:
        assert sum(row[1:]) == row[0]
    assert counts[-1] == [sum(column) for column in zip(*counts[:-1], strict=True)]
    assert counts[-1][0] == len(ROWS)
    assert total[-1] == "4 (57,1%)"  # as the count line: 4 of the 7 audited
    header, *statuses, total = _cells(_table_after(report, "Kết quả theo mức kết luận"))
    assert header == ["Kết luận", "Số cơ quan", "Tỷ lệ"]
    assert sum(int(row[1]) for row in statuses) == int(total[1]) == len(ROWS)
    shares = [float(row[2].rstrip("%").replace(",", ".")) for row in statuses]
    assert sum(shares) == pytest.approx(100, abs=0.3)
    assert total[2] == "100,0%"


def test_the_chart_is_an_inline_picture(report: DocxDocument) -> None:
    assert len(report.inline_shapes) == 1
    shape = report.inline_shapes[0]
    assert 14 <= shape.width.cm <= 16
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    image = report.part.related_parts[blip.embed].blob
    assert Image.open(io.BytesIO(image)).format == "PNG"
    assert "Hình 1. Kết quả kiểm tra theo cấp" in _texts(report)


def test_the_recommendations_name_the_agencies_and_what_they_must_do(
    report: DocxDocument,
) -> None:
    texts = _texts(report)
    part = texts.index("III. KIẾN NGHỊ")
    advice = "\n".join(texts[part:])
    assert "Đề nghị UBND tỉnh Lâm Đồng chỉ đạo" in advice
    bullets = [line for line in advice.splitlines() if line.startswith("- ")]

    def bullet(start: str) -> str:
        (line,) = [line for line in bullets if line.startswith(f"- {start}")]
        return line

    assert bullet("Chuyển đổi HTQLCL sang TCVN ISO 9001:2015").endswith(": Sở Tư pháp.")
    assert bullet("Đăng tải Quyết định công bố HTQLCL lên").endswith(": Sở Xây dựng.")
    assert bullet("Ban hành và đăng tải mục tiêu chất lượng năm 2026").endswith(": UBND xã An Phú.")
    published = bullet("Đăng tải Quyết định công bố HTQLCL phù hợp")
    assert published.endswith(": Sở Công Thương; UBND xã Hòa Bình.")
    # The law is cited for a legal duty; a good practice says it is one.
    assert "theo Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg" in published
    assert "thực hành tốt" in bullet("Đăng tải chính sách chất lượng")
    assert bullet("Khắc phục sự cố").endswith(": Sở Tài chính.")


def test_recommend_covers_a_rule_it_has_no_words_for() -> None:
    rows = [
        _row(
            "X", "Cơ quan X", "branch", "stale", findings=[_finding("NEW999", "Mới.", "http://x/")]
        )
    ]
    (advice,) = recommend(rows, year=2026)
    assert advice.agencies == ("Cơ quan X",)
    assert "NEW999" in advice.sentence()


def test_the_report_ends_with_recipients_and_signature(report: DocxDocument) -> None:
    recipients, signer = _cells(report.tables[-1])[0]
    assert recipients.startswith("Nơi nhận:")
    assert "- UBND tỉnh Lâm Đồng (để báo cáo);" in recipients.splitlines()
    assert signer.splitlines()[0] == "GIÁM ĐỐC"
    assert signer.splitlines()[-1] == "Nguyễn Văn A"


def test_a_section_is_a_function_of_the_report_data() -> None:
    def overrides(body: ReportBody, data: ReportData) -> None:
        body.section("Điều chỉnh của kiểm tra viên")
        body.paragraph(f"{len(data.rows)} cơ quan, không có điều chỉnh.")

    parts = (*PARTS[:2], Part("Điều chỉnh", (overrides,)), *PARTS[2:])
    texts = _texts(_report(parts=parts))
    assert "III. ĐIỀU CHỈNH" in texts and "IV. KIẾN NGHỊ" in texts
    assert "1. Điều chỉnh của kiểm tra viên" in texts
    assert f"{len(ROWS)} cơ quan, không có điều chỉnh." in texts


def test_a_report_where_every_agency_passes_says_so() -> None:
    rows = [_row("A", "Sở A", "department", "compliant")]
    texts = _texts(_report(rows))
    assert "1/1 cơ quan đã đăng tải tài liệu HTQLCL" in texts
    assert "Không có cơ quan nào chưa đăng tải hoặc không kiểm tra được." in texts
    assert "Các cơ quan được kiểm tra đã đăng tải đầy đủ, cập nhật tài liệu HTQLCL." in texts


def test_the_scope_counts_agencies_per_level_and_gives_the_dates(report: DocxDocument) -> None:
    texts = _texts(report)
    assert (
        "Kiểm tra 8 cơ quan, đơn vị trên địa bàn tỉnh Lâm Đồng, gồm: 1 UBND tỉnh, "
        "4 sở, ban, ngành, 3 UBND cấp xã."
    ) in texts
    assert "Kết quả được đánh giá tính đến ngày 30/11/2026." in texts
    # 18:00 UTC on 29 November is 01:00 on 30 November in Vietnam.
    assert "Thời gian thu thập dữ liệu trên Trang thông tin điện tử: ngày 30/11/2026." in texts


# The parts the report is drawn from


def test_the_tally_counts_as_the_count_line_does() -> None:
    tally = Tally.of(ROWS)
    assert tally.levels == ("province", "department", "commune")
    assert tally.statuses[-1] is None  # agencies not checked come last
    assert tally.total() == 8 and tally.audited() == 7 and tally.publishing() == 4
    assert tally.publishing("commune") == 1 and tally.audited("commune") == 2
    assert sum(tally.by_status(status) for status in tally.statuses) == tally.total()


def test_the_chart_draws_only_the_statuses_present() -> None:
    def colours(rows: list[dict[str, Any]]) -> set[tuple[int, int, int]]:
        image = Image.open(io.BytesIO(status_chart(Tally.of(rows)))).convert("RGB")
        return {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}

    def rgb(status: str) -> tuple[int, int, int]:
        value = STATUS_COLOURS[status]
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))

    everything = colours(ROWS)
    assert {rgb("compliant"), rgb("not_published"), rgb("outdated")} <= everything
    passing = colours([_row("A", "Sở A", "department", "compliant")])
    assert rgb("compliant") in passing and rgb("not_published") not in passing


def test_reasons_are_one_sentence_and_missing_items_are_named() -> None:
    assert first_sentence("Một câu 9001:2015 (x). Câu hai.") == "Một câu 9001:2015 (x)."
    assert first_sentence("Tại http://a.vn/b.c d. Hết") == "Tại http://a.vn/b.c d."
    assert missing_items(ROWS[3]) == ["quyết định công bố HTQLCL", "chính sách chất lượng"]
    assert reason(ROWS[3]) == "Chưa đăng tải quyết định công bố HTQLCL, chính sách chất lượng."
    assert reason(ROWS[0]) == "Đã đăng tải đủ các tài liệu HTQLCL cần có theo TCVN ISO 9001:2015."
    assert evidence_url(ROWS[0]) == "http://ubnd.gov.vn/qd.pdf"
    assert evidence_url(ROWS[-1]) is None


def test_times_are_shown_on_vietnams_clock() -> None:
    moment = local_datetime("2026-11-29T18:00:00+00:00")
    assert moment is not None and (moment.day, moment.hour, moment.tzinfo) == (30, 1, None)
    assert local_datetime(None) is None


@pytest.mark.parametrize(
    ("province", "parent", "in_text"),
    [
        ("Lâm Đồng", "UBND TỈNH LÂM ĐỒNG", "tỉnh Lâm Đồng"),
        ("thành phố Hà Nội", "UBND THÀNH PHỐ HÀ NỘI", "thành phố Hà Nội"),
        ("", "UBND TỈNH …………", "tỉnh"),
    ],
)
def test_the_issuer_names_the_province(province: str, parent: str, in_text: str) -> None:
    issuer = Issuer(province=province)
    assert issuer.parent == parent
    assert issuer.province_name == in_text


# The command line, on a database made by the real audit


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(seeded_database(tmp_path)))
    monkeypatch.setenv("QMSAUDIT_PROVINCE", "Lâm Đồng")
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("QMSAUDIT_AS_OF", raising=False)
    return CliRunner()


def test_report_from_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    result = runner.invoke(app, ["report", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    status = runner.invoke(app, ["status"])
    count_line = status.stdout.strip().splitlines()[-1]
    assert count_line == "3/5 cơ quan đã đăng tải tài liệu HTQLCL"
    document = docx.Document(str(out))
    texts = _texts(document)
    assert count_line in texts and count_line in result.stdout
    assert "UBND TỈNH LÂM ĐỒNG" in document.tables[0].rows[0].cells[0].text
    assert "Kết quả được đánh giá tính đến ngày 01/06/2026." in texts
    named = {
        row[1]
        for row in _cells(_table_after(document, "Cơ quan chưa đăng tải hoặc không kiểm tra được"))[
            1:
        ]
    }
    assert named == {"Chi cục Kiểm lâm", "UBND xã An Phú", "UBND xã Mới"}
    assert len(document.inline_shapes) == 1


def test_report_of_some_levels(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "xa.docx"
    result = runner.invoke(app, ["report", "--level", "Cấp xã", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [
        row
        for row in json.loads(runner.invoke(app, ["status", "--json"]).stdout)
        if row["level"] == "commune"
    ]
    assert publishing_line(rows) in _texts(docx.Document(str(out)))
    # The registry's words for a level are understood too.
    result = runner.invoke(app, ["report", "--level", "xa", "--level", "chi cuc", "-o", str(out)])
    assert result.exit_code == 0, result.output
    named = "\n".join(_texts(docx.Document(str(out))))
    assert "UBND xã An Phú" in named and "Chi cục Kiểm lâm" in named
    assert "Sở Giáo dục và Đào tạo" not in named


def test_report_refuses_a_bad_level_a_bad_path_and_a_pdf_without_libreoffice(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["report", "--level", "huyen-xa", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "huyen-xa" in result.output and "commune" in result.output
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", "-o", "/no/such/dir/x.docx"])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "Lỗi: không ghi được tệp /no/such/dir/x.docx: thư mục không tồn tại"
    )
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    result = runner.invoke(app, ["report", "--format", "pdf", "-o", "x.pdf"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("Lỗi: cần LibreOffice (soffice)")
    assert list(tmp_path.glob("x.*")) == []


def test_report_warns_when_the_results_were_judged_on_another_day(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "x.docx"
    result = runner.invoke(app, ["report", "--as-of", "2026-07-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "qmsaudit audit --as-of 2026-07-01" in result.output
    assert "Kết quả được đánh giá tính đến ngày 01/07/2026." in _texts(docx.Document(str(out)))


def test_control_characters_read_from_pdfs_do_not_break_the_files(tmp_path: Path) -> None:
    broken = _row(
        "X",
        "Sở\x02 X",
        "department",
        "stale",
        findings=[_finding("FRESH001", "Mục tiêu số 87/QĐ\x02SX năm 2025.", "http://x/\x02")],
    )
    document = _report([broken])
    cells = [cell for table in document.tables for row in _cells(table) for cell in row]
    texts = "\n".join([*_texts(document), *cells])
    assert "Mục tiêu số 87/QĐSX năm 2025." in cells
    assert "Sở X" in texts and "\x02" not in texts
    write_export([broken], tmp_path / "x.xlsx", fmt="xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Phát hiện"]
    assert sheet["G2"].value == "Mục tiêu số 87/QĐSX năm 2025."
