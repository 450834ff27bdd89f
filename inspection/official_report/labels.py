"""Vietnamese names of levels, statuses, document types and severities, and reading back
what a user typed: a code or its label, in any case, with or without diacritics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from extractors.vietnamese import fold
from inspection.status import STATUS_LABELS

__all__ = [
    "DOC_TYPE_LABELS",
    "LEVEL_LABELS",
    "SEVERITY_LABELS",
    "STATUS_ORDER",
    "UnknownChoiceError",
    "doc_type_label",
    "level_label",
    "parse_choices",
    "status_label",
]

LEVEL_LABELS: Mapping[str, str] = {
    "province": "UBND tỉnh",
    "department": "Sở, ban, ngành",
    "branch": "Chi cục",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}

# Verdict order, then agencies not checked yet.
STATUS_ORDER: tuple[str | None, ...] = (
    "unreachable",
    "not_published",
    "outdated",
    "incomplete",
    "stale",
    "compliant",
    None,
)

DOC_TYPE_LABELS: Mapping[str, str] = {
    "declaration": "Quyết định công bố HTQLCL",
    "quality_policy": "Chính sách chất lượng",
    "quality_objectives": "Mục tiêu chất lượng",
    "quality_manual": "Sổ tay/mô hình HTQLCL",
    "process_list": "Danh mục quy trình",
    "procedure": "Quy trình",
    "plan": "Kế hoạch",
    "report": "Báo cáo",
    "internal_audit": "Đánh giá nội bộ",
    "management_review": "Xem xét của lãnh đạo",
    "not_qms": "Không thuộc HTQLCL",
}

SEVERITY_LABELS: Mapping[str, str] = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}

K = TypeVar("K", str, str | None)


class UnknownChoiceError(ValueError):
    """A value the user typed is neither a code nor a label; `valid` lists what is."""

    def __init__(self, value: str, valid: Iterable[str]) -> None:
        self.value = value
        self.valid = tuple(valid)
        super().__init__(value)


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status, status or "")


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type)


def parse_choices(
    values: Iterable[str], labels: Mapping[K, str], *, aliases: Mapping[str, K] | None = None
) -> list[K]:
    """The keys of `labels` that `values` name, by key, label or one of `aliases`:
    "Chưa đăng tải", "chua dang tai", "not-published" and "not_published" all name
    `not_published`."""
    by_name: dict[str, K] = {_normal(name): key for name, key in (aliases or {}).items()}
    for key, label in labels.items():
        by_name[_normal(label)] = key
        if isinstance(key, str):
            by_name[_normal(key)] = key
    chosen: list[K] = []
    for value in values:
        normal = _normal(value)
        if normal not in by_name:
            raise UnknownChoiceError(value, _listing(labels))
        if by_name[normal] not in chosen:
            chosen.append(by_name[normal])
    return chosen


def _listing(labels: Mapping[K, str]) -> list[str]:
    return [f"{key} ({label})" if key else label for key, label in labels.items()]


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()
