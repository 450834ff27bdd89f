"""The body of the report: parts (I, II, …) made of sections, each a function of the
report's data that writes through a `ReportBody`.

To add a section (inspectors' overrides, changes since the previous run), write a function
`(body, data) -> None` and put it in a part of `PARTS`; numbering follows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from inspection.labels import DOC_TYPE_LABELS
from inspection.official_report.chart import status_chart
from inspection.official_report.data import ReportData
from inspection.official_report.document import Cell, Link, ReportBody
from inspection.official_report.labels import level_label, status_label
from inspection.official_report.reasons import (
    decisive_findings,
    evidence_url,
    first_sentence,
    local_datetime,
    missing_items,
    reason,
)
from inspection.official_report.recommendations import recommend
from inspection.official_report.tally import NOT_PUBLISHING, percent_text
from inspection.status import publishing_line

__all__ = ["PARTS", "Part", "Section"]

Section = Callable[[ReportBody, ReportData], None]

# How running text counts agencies of a level: "12 sở, ban, ngành".
LEVEL_NOUNS = {
    "province": "UBND tỉnh",
    "department": "sở, ban, ngành",
    "branch": "chi cục",
    "district": "đơn vị cấp huyện",
    "commune": "UBND cấp xã",
}
STATUS_MEANINGS = {
    "unreachable": "không truy cập được Trang thông tin điện tử, chưa kiểm tra được",
    "not_published": "truy cập được nhưng không có tài liệu HTQLCL nào",
    "outdated": "tài liệu HTQLCL chỉ theo TCVN ISO 9001:2008 (đã bị hủy bỏ)",
    "incomplete": "áp dụng TCVN ISO 9001:2015 nhưng thiếu tài liệu cần đăng tải",
    "stale": "đủ tài liệu nhưng chưa cập nhật (mục tiêu chất lượng, công bố lại)",
    "compliant": "đã đăng tải đủ và cập nhật",
}
# Column widths (cm) of the lists of agencies: STT, agency, what, evidence.
LIST_WIDTHS = (1.2, 4.2, 6.2, 4.4)
CHANGE_WIDTHS = (1.2, 7.4, 3.7, 3.7)
CORRECTION_WIDTHS = (4.0, 3.8, 5.4, 2.8)


@dataclass(frozen=True)
class Part:
    title: str
    sections: tuple[Section, ...]


def scope(body: ReportBody, data: ReportData) -> None:
    tally = data.tally
    body.section("Phạm vi kiểm tra")
    counted = ", ".join(
        f"{tally.total(level)} {LEVEL_NOUNS.get(level, level_label(level))}"
        for level in tally.levels
    )
    body.paragraph(
        f"Kiểm tra {tally.total()} cơ quan, đơn vị trên địa bàn {data.issuer.province_name}"
        + (f", gồm: {counted}." if counted else ".")
    )
    body.paragraph(f"Kết quả được đánh giá tính đến ngày {_day(data.as_of)}.")
    if (period := data.checked_between()) is not None:
        first, last = period
        when = (
            f"ngày {_day(first)}"
            if first.date() == last.date()
            else f"từ ngày {_day(first)} đến ngày {_day(last)}"
        )
        body.paragraph(f"Thời gian thu thập dữ liệu trên Trang thông tin điện tử: {when}.")


def method(body: ReportBody, data: ReportData) -> None:
    body.section("Phương pháp kiểm tra")
    body.paragraph(
        "Kiểm tra gián tiếp trên Trang thông tin điện tử của từng cơ quan, đơn vị bằng phần mềm "
        "qmsaudit: thu thập các trang và tệp được đăng tải công khai; đọc, phân loại tài liệu "
        "HTQLCL (quyết định công bố, chính sách chất lượng, mục tiêu chất lượng, danh mục quy "
        "trình, quy trình…); đối chiếu với Quyết định 19/2014/QĐ-TTg, Thông tư 26/2014/TT-BKHCN "
        "và TCVN ISO 9001:2015. Mỗi kết luận có đường dẫn đến tài liệu hoặc trang làm bằng "
        "chứng."
    )
    body.paragraph("Mỗi cơ quan được xếp vào một mức kết luận, theo thứ tự ưu tiên:")
    last = list(STATUS_MEANINGS)[-1]
    for status, meaning in STATUS_MEANINGS.items():
        body.bullet(f"{status_label(status)}: {meaning}{'.' if status == last else ';'}")


def overview(body: ReportBody, data: ReportData) -> None:
    tally = data.tally
    body.section("Kết quả chung")
    body.paragraph(publishing_line(data.rows), bold=True)
    statuses = tally.statuses
    header = ["Cấp", "Tổng số", *(status_label(s) for s in statuses), "Đã đăng tải"]
    rows: list[list[Cell]] = []
    for level in (*tally.levels, None):
        counts = [tally.cell(level, s) if level else tally.by_status(s) for s in statuses]
        published = tally.publishing(level)
        rows.append(
            [
                level_label(level) if level else "Tổng cộng",
                str(tally.total(level)),
                *(str(n) for n in counts),
                f"{published} ({percent_text(published, tally.audited(level))})",
            ]
        )
    status_width = (16.0 - 2.8 - 1.3 - 2.5) / max(len(statuses), 1)
    widths = (2.8, 1.3, *(status_width,) * len(statuses), 2.5)
    body.table(
        "Kết quả theo cấp",
        header,
        rows,
        widths,
        centred=range(1, len(header)),
        bold_rows=(len(rows) - 1,),
    )
    _status_table(body, data)
    if tally.total():
        body.picture(status_chart(tally), caption="Kết quả kiểm tra theo cấp", width_cm=15)


def _status_table(body: ReportBody, data: ReportData) -> None:
    tally = data.tally
    rows: list[list[Cell]] = [
        [
            status_label(status),
            str(tally.by_status(status)),
            percent_text(tally.by_status(status), tally.total()),
        ]
        for status in tally.statuses
    ]
    rows.append(["Tổng cộng", str(tally.total()), percent_text(tally.total(), tally.total())])
    body.table(
        "Kết quả theo mức kết luận",
        ["Kết luận", "Số cơ quan", "Tỷ lệ"],
        rows,
        (6.0, 3.0, 3.0),
        centred=(1, 2),
        bold_rows=(len(rows) - 1,),
    )


def not_publishing(body: ReportBody, data: ReportData) -> None:
    body.section("Cơ quan chưa đăng tải tài liệu HTQLCL hoặc không kiểm tra được")
    _agency_list(
        body,
        data.with_status(*NOT_PUBLISHING),
        title="Cơ quan chưa đăng tải hoặc không kiểm tra được",
        what="Lý do",
        describe=reason,
        none="Không có cơ quan nào chưa đăng tải hoặc không kiểm tra được.",
    )


def outdated(body: ReportBody, data: ReportData) -> None:
    body.section("Cơ quan còn áp dụng TCVN ISO 9001:2008")
    _agency_list(
        body,
        data.with_status("outdated"),
        title="Cơ quan còn áp dụng TCVN ISO 9001:2008",
        what="Tài liệu đăng tải",
        describe=reason,
        none="Không có cơ quan nào chỉ áp dụng TCVN ISO 9001:2008.",
    )
    mixed = [
        row["name"] for row in data.rows if row["status"] != "outdated" and _has(row, "VER002")
    ]
    if mixed:
        body.paragraph(
            "Các cơ quan đã áp dụng TCVN ISO 9001:2015 nhưng còn đăng tải tài liệu theo "
            f"TCVN ISO 9001:2008: {'; '.join(mixed)}."
        )


def incomplete(body: ReportBody, data: ReportData) -> None:
    body.section("Cơ quan đăng tải chưa đầy đủ tài liệu HTQLCL")
    _agency_list(
        body,
        data.with_status("incomplete"),
        title="Cơ quan đăng tải chưa đầy đủ",
        what="Tài liệu còn thiếu",
        describe=lambda row: _upper_first(", ".join(missing_items(row)) or reason(row)),
        none="Không có cơ quan nào đăng tải chưa đầy đủ.",
    )


def stale(body: ReportBody, data: ReportData) -> None:
    body.section("Cơ quan chưa cập nhật tài liệu HTQLCL")
    _agency_list(
        body,
        data.with_status("stale"),
        title="Cơ quan chưa cập nhật",
        what="Nội dung chưa cập nhật",
        describe=lambda row: (
            " ".join(first_sentence(f["message"]) for f in decisive_findings(row)) or reason(row)
        ),
        none="Không có cơ quan nào chưa cập nhật.",
    )


def changes(body: ReportBody, data: ReportData) -> None:
    """Status changes since the previous inspection, and documents newly posted or removed."""
    body.section("Thay đổi so với lần kiểm tra trước")
    if data.first_run:
        body.paragraph("Đây là lần kiểm tra đầu tiên, chưa có kết quả trước để so sánh.")
        return
    names = {row["code"]: row["name"] for row in data.rows}
    moved = [
        c for c in data.changes if c["kind"] == "status" and c["from"] and c["agency"] in names
    ]
    posted = [c for c in data.changes if c["kind"] == "document_added" and c["agency"] in names]
    removed = [c for c in data.changes if c["kind"] == "document_removed" and c["agency"] in names]
    if not (moved or posted or removed):
        body.paragraph("Không có thay đổi về kết quả so với lần kiểm tra trước.")
        return
    if moved:
        table: list[list[Cell]] = [
            [str(i), names[c["agency"]], status_label(c["from"]), status_label(c["to"])]
            for i, c in enumerate(moved, start=1)
        ]
        body.paragraph(f"Có {len(moved)} cơ quan, đơn vị thay đổi kết quả:")
        body.table(
            "Cơ quan thay đổi kết quả",
            ["STT", "Cơ quan, đơn vị", "Lần trước", "Lần này"],
            table,
            CHANGE_WIDTHS,
            centred=(0,),
        )
    if posted:
        body.paragraph(
            f"Có {len(posted)} tài liệu HTQLCL mới được đăng tải, của "
            f"{len({c['agency'] for c in posted})} cơ quan, đơn vị."
        )
    if removed:
        gone = sorted({names[c["agency"]] for c in removed})
        body.paragraph(
            f"Có {len(removed)} tài liệu HTQLCL không còn trên Trang thông tin điện tử của: "
            f"{'; '.join(gone)}."
        )


def corrections(body: ReportBody, data: ReportData) -> None:
    """The findings and document types inspectors corrected, who and why."""
    body.section("Điều chỉnh của cán bộ kiểm tra")
    table: list[list[Cell]] = []
    for row in data.rows:
        for finding in row.get("findings") or []:
            override = finding.get("override")
            if override:
                what = f"Phát hiện {finding['rule']} không đúng"
                table.append([row["name"], what, override["reason"], _by(override)])
        for document in row.get("documents") or []:
            override = document.get("override")
            if override:
                what = f"Loại tài liệu: {doc_type_label(override['doc_type'])}"
                table.append([row["name"], what, override["reason"], _by(override)])
    if not table:
        body.paragraph("Không có điều chỉnh nào của cán bộ kiểm tra đối với kết quả tự động.")
        return
    body.paragraph(
        f"Có {len(table)} điều chỉnh của cán bộ kiểm tra đối với kết quả tự động, mỗi điều "
        "chỉnh có ghi lý do:"
    )
    body.table(
        "Điều chỉnh của cán bộ kiểm tra",
        ["Cơ quan, đơn vị", "Nội dung điều chỉnh", "Lý do", "Người điều chỉnh"],
        table,
        CORRECTION_WIDTHS,
    )


def _by(override: dict[str, Any]) -> str:
    when = local_datetime(override.get("at"))
    return f"{override['by']}, {when:%d/%m/%Y}" if when else str(override["by"])


def recommendations(body: ReportBody, data: ReportData) -> None:
    advice = recommend(data.rows, year=data.as_of.year)
    if not advice:
        body.paragraph("Các cơ quan được kiểm tra đã đăng tải đầy đủ, cập nhật tài liệu HTQLCL.")
        return
    body.paragraph(
        f"Đề nghị UBND {data.issuer.province_name} chỉ đạo các cơ quan, đơn vị sau khắc phục:"
    )
    for item in advice:
        body.bullet(item.sentence())
    body.paragraph(
        "Cơ quan kiểm tra tiếp tục theo dõi trên Trang thông tin điện tử và báo cáo kết quả "
        "khắc phục trong đợt kiểm tra sau."
    )


PARTS: tuple[Part, ...] = (
    Part("Phạm vi, phương pháp kiểm tra", (scope, method)),
    Part(
        "Kết quả kiểm tra",
        (overview, not_publishing, outdated, incomplete, stale, changes, corrections),
    ),
    Part("Kiến nghị", (recommendations,)),
)


def _agency_list(
    body: ReportBody,
    rows: Sequence[dict[str, Any]],
    *,
    title: str,
    what: str,
    describe: Callable[[dict[str, Any]], str],
    none: str,
) -> None:
    """A table of agencies: STT, name, what the section says of it, the evidence link."""
    if not rows:
        body.paragraph(none)
        return
    body.paragraph(f"Có {len(rows)} cơ quan, đơn vị:")
    table: list[list[Cell]] = []
    for index, row in enumerate(rows, start=1):
        url = evidence_url(row)
        table.append([str(index), row["name"], describe(row), Link(url) if url else None])
    body.table(
        title, ["STT", "Cơ quan, đơn vị", what, "Bằng chứng"], table, LIST_WIDTHS, centred=(0,)
    )


def doc_type_label(doc_type: str | None) -> str:
    return DOC_TYPE_LABELS.get(doc_type or "", doc_type or "")


def _has(row: dict[str, Any], rule: str) -> bool:
    return any(finding["rule"] == rule for finding in row.get("findings") or [])


def _day(value: Any) -> str:
    return str(value.strftime("%d/%m/%Y"))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
