"""The recommendations of the report, drawn from the open findings: for each problem, what
the agencies that have it must do, naming them, with the legal basis where the law asks it.

Keyed by rule code (codes are stable, rules.registry); a rule added later without an entry
here still gets a recommendation, in general words, so no finding goes unmentioned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rules import RULES, Severity

__all__ = ["ACTIONS", "Recommendation", "recommend"]

# What an agency with a finding of the rule must do; "{year}" is the report's year.
ACTIONS: dict[str, str] = {
    "SITE001": (
        "khắc phục sự cố để Trang thông tin điện tử truy cập được và tài liệu HTQLCL được "
        "công khai; trong thời gian chưa khắc phục, phối hợp với cơ quan kiểm tra để kiểm tra "
        "trực tiếp"
    ),
    "SITE002": (
        "cho phép truy cập tự động (tệp robots.txt) các trang đăng tải tài liệu HTQLCL, hoặc "
        "gửi tài liệu HTQLCL cho cơ quan kiểm tra để kiểm tra trực tiếp"
    ),
    "DOC001": (
        "đăng tải Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015 và các tài liệu HTQLCL "
        "(chính sách, mục tiêu chất lượng năm {year}, danh mục quy trình) lên Trang thông tin "
        "điện tử"
    ),
    "DOC002": "đăng tải Quyết định công bố HTQLCL lên Trang thông tin điện tử",
    "DOC003": "đăng tải chính sách chất lượng",
    "DOC004": "đăng tải mục tiêu chất lượng năm {year}",
    "DOC005": "đăng tải danh mục quy trình giải quyết công việc",
    "VER001": (
        "chuyển đổi HTQLCL sang TCVN ISO 9001:2015, công bố lại và đăng tải Quyết định công bố mới"
    ),
    "VER002": "gỡ bỏ hoặc thay thế các tài liệu còn áp dụng TCVN ISO 9001:2008 đã bị hủy bỏ",
    "FRESH001": "ban hành và đăng tải mục tiêu chất lượng năm {year}",
    "FRESH002": (
        "công bố lại HTQLCL sau khi được thành lập hoặc sắp xếp lại, và đăng tải Quyết định "
        "công bố mới"
    ),
    "FRESH003": "ghi rõ năm áp dụng trên văn bản mục tiêu chất lượng",
    "FRESH004": "ghi rõ số, ngày ban hành trên Quyết định công bố HTQLCL được đăng tải",
}


@dataclass(frozen=True)
class Recommendation:
    """One thing to do, the agencies (names) that must do it, and why."""

    rule: str
    action: str
    agencies: tuple[str, ...]
    basis: str  # the legal basis for an error; "thực hành tốt" for good practice

    def sentence(self) -> str:
        names = "; ".join(self.agencies)
        return f"{self.action[0].upper()}{self.action[1:]} ({self.basis}): {names}."


def recommend(rows: Sequence[dict[str, Any]], *, year: int) -> list[Recommendation]:
    """One recommendation per rule with open findings, in rule order; agencies in row order."""
    agencies: dict[str, list[str]] = {}
    for row in rows:
        for finding in row.get("findings") or []:
            names = agencies.setdefault(finding["rule"], [])
            if row["name"] not in names:
                names.append(row["name"])
    order = list(RULES)
    codes = sorted(agencies, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [
        Recommendation(
            rule=code,
            action=_action(code).format(year=year),
            agencies=tuple(agencies[code]),
            basis=_basis(code),
        )
        for code in codes
    ]


def _action(code: str) -> str:
    if code in ACTIONS:
        return ACTIONS[code]
    rule = RULES.get(code)
    return f"khắc phục phát hiện {code}" + (f" ({rule.name})" if rule else "")


def _basis(code: str) -> str:
    rule = RULES.get(code)
    if rule is None:
        return "theo phát hiện của đợt kiểm tra"
    if rule.severity is Severity.ERROR:
        return f"theo {rule.legal_basis}"
    return "thực hành tốt, khuyến khích thực hiện"
