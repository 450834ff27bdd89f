"""Vietnamese words the dashboard needs beyond `inspection.labels`: crawl failures, run
phases, ISO versions, audit-log actions and the filters' choices."""

from __future__ import annotations

from inspection.labels import DOC_TYPE_LABELS, STATUS_LABELS
from inspection.official_report.labels import STATUS_ORDER
from inspection.users import ROLE_LABELS

__all__ = [
    "ACTION_LABELS",
    "DETAIL_LABELS",
    "FAILURE_LABELS",
    "PHASE_LABELS",
    "STATUS_CHOICES",
    "VERSION_LABELS",
    "audit_detail",
    "version_label",
]

FAILURE_LABELS = {
    "dns": "Không phân giải được tên miền",
    "refused": "Máy chủ từ chối kết nối",
    "timeout": "Quá thời gian chờ",
    "tls": "Lỗi chứng chỉ TLS/SSL",
    "http": "Máy chủ trả lỗi HTTP",
    "robots": "Bị robots.txt cấm",
    "private": "Địa chỉ nội bộ (không được phép)",
    "too_large": "Tệp quá lớn",
    "redirect_loop": "Chuyển hướng vòng lặp",
    "connection": "Kết nối bị ngắt",
    "other": "Lỗi khác",
}
PHASE_LABELS = {
    None: "Đang chuẩn bị",
    "crawling": "Đang thu thập và đánh giá",
    "publishing": "Đang công bố kết quả",
}
VERSION_LABELS = {
    "2015": "TCVN ISO 9001:2015",
    "2008": "TCVN ISO 9001:2008",
    "mixed": "Lẫn 2008 và 2015",
    "2026": "TCVN ISO 9001:2026",
}
ACTION_LABELS = {
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất",
    "user_add": "Thêm tài khoản",
    "user_disable": "Khóa tài khoản",
    "user_enable": "Mở khóa tài khoản",
    "password_change": "Đổi mật khẩu",
    "run_start": "Bắt đầu lượt kiểm tra",
    "override_finding": "Đánh dấu phát hiện không đúng",
    "override_document_type": "Sửa loại tài liệu",
    "revoke_override": "Thu hồi điều chỉnh",
    "registry_import": "Nhập danh sách cơ quan",
}
# The status filter's choices, worst first, then agencies not checked yet ("none").
STATUS_CHOICES = [(status or "none", STATUS_LABELS[status]) for status in STATUS_ORDER]


def version_label(version: str | None) -> str:
    if version is None:
        return "—"
    return VERSION_LABELS.get(version, version)


DETAIL_LABELS = {
    "reason": "Lý do",
    "rule": "Quy tắc",
    "subject": "Đối tượng",
    "sha256": "Mã băm",
    "doc_type": "Loại tài liệu",
    "override": "Điều chỉnh số",
    "role": "Vai trò",
    "agencies": "Số cơ quan",
    "selection": "Cơ quan",
    "created": "Mới",
    "updated": "Cập nhật",
    "errors": "Dòng lỗi",
    "via": "Qua",
}


def audit_detail(detail: dict[str, object] | None) -> list[tuple[str, str]]:
    """An audit entry's detail as (label, value) pairs staff read."""
    values: dict[str, dict[str, str]] = {
        "doc_type": DOC_TYPE_LABELS,
        "role": ROLE_LABELS,
        "via": {"cli": "dòng lệnh", "web": "trang web"},
    }
    pairs = []
    for key, value in (detail or {}).items():
        if value is None:
            text = "tất cả" if key == "selection" else "—"
        elif isinstance(value, list):
            text = ", ".join(str(item) for item in value)
        else:
            text = values.get(key, {}).get(str(value), str(value))
        pairs.append((DETAIL_LABELS.get(key, key), text))
    return pairs
