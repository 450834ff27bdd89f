"""FRESH005 no-recent-internal-audit: nothing published shows an internal audit this year
or last."""

from __future__ import annotations

from rules.findings import Severity, Status
from rules.freshness.records import RecentRecordRule


class NoRecentInternalAudit(RecentRecordRule):
    """No published document shows an internal audit held this year or last.

    ## What it checks
    Evidence of the yearly internal audit: a document typed as internal audit (its plan,
    programme or report: "Báo cáo kết quả đánh giá nội bộ năm 2025"), or a report, plan or
    management-review record that says it was held ("đã tổ chức đánh giá nội bộ", "kết quả
    đánh giá nội bộ"), for the as-of year or the years before it that the profile allows
    (`[records] years_back`, 1: this year or last). The year is the one the document is
    for, else its issue year. When none is recent, the finding names the newest evidence
    seen, or says none is published. Advisory: it counts toward the status only where the
    profile says so.

    ## Why it matters
    The law requires an internal audit at least once a year, not its publication: absence
    on the website is "không thấy công khai", never a violation. But inspectors count the
    agencies that held one ("… đã tiến hành đánh giá nội bộ …") and ask the others.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(2)(b) and 4(4)(b): an internal audit at least once a year;
    TT 26/2014/TT-BKHCN Art. 7(2)(k) and 36(1)(e).

    ## Failing example
    As of 01/06/2026, the newest internal-audit document is "Báo cáo đánh giá nội bộ năm
    2023", or there is none.

    ## Passing example
    "Báo cáo kết quả đánh giá nội bộ năm 2025", or a 2026 report on the QMS that says "Đã
    thực hiện đánh giá nội bộ".
    """

    code = "FRESH005"
    name = "no-recent-internal-audit"
    severity = Severity.WARNING
    verdict = Status.STALE
    advisory = True
    legal_basis = (
        "Điểm b Khoản 2 và Điểm b Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (đánh giá nội bộ ít "
        "nhất mỗi năm một lần; không bắt buộc đăng tải); Điểm k Khoản 2 Điều 7, Điểm e Khoản "
        "1 Điều 36 Thông tư 26/2014/TT-BKHCN"
    )
    activity = "internal_audit"
    label = "đánh giá nội bộ"
