"""FRESH006 no-recent-management-review: nothing published shows a management review this
year or last."""

from __future__ import annotations

from rules.findings import Severity, Status
from rules.freshness.records import RecentRecordRule


class NoRecentManagementReview(RecentRecordRule):
    """No published document shows a management review held this year or last.

    ## What it checks
    Evidence of the yearly management review: a document typed as management review
    ("Biên bản họp xem xét của lãnh đạo năm 2025"), or a report or plan that says it was
    held ("đã tổ chức họp xem xét của lãnh đạo"), for the as-of year or the years before it
    that the profile allows (`[records] years_back`, 1: this year or last). The year is the
    one the document is for, else its issue year. When none is recent, the finding names
    the newest evidence seen, or says none is published. Advisory: it counts toward the
    status only where the profile says so.

    ## Why it matters
    The law requires a management review at least once a year, not its publication:
    absence on the website is "không thấy công khai", never a violation. Inspectors count
    the agencies that held one and ask the others for the minutes.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(2)(c) and 4(4)(b): a management review at least once a year;
    TT 26/2014/TT-BKHCN Art. 7(2)(k) and 36(1)(e).

    ## Failing example
    As of 01/06/2026, the agency publishes its 2026 objectives and procedures, and nothing
    about a management review.

    ## Passing example
    "Biên bản họp xem xét của lãnh đạo năm 2025", or a 2025 report on applying the QMS that
    says "Đã thực hiện đánh giá nội bộ, họp xem xét của lãnh đạo".
    """

    code = "FRESH006"
    name = "no-recent-management-review"
    severity = Severity.WARNING
    verdict = Status.STALE
    advisory = True
    legal_basis = (
        "Điểm c Khoản 2 và Điểm b Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg (xem xét của lãnh "
        "đạo ít nhất mỗi năm một lần; không bắt buộc đăng tải); Điểm k Khoản 2 Điều 7, Điểm e "
        "Khoản 1 Điều 36 Thông tư 26/2014/TT-BKHCN"
    )
    activity = "management_review"
    label = "họp xem xét của lãnh đạo"
