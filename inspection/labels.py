"""Vietnamese labels for what staff see: statuses, levels, severities, runs, changes."""

from __future__ import annotations

STATUS_LABELS: dict[str | None, str] = {
    "unreachable": "Không truy cập được",
    "not_published": "Chưa đăng tải",
    "outdated": "Phiên bản 2008",
    "incomplete": "Chưa đầy đủ",
    "stale": "Chưa cập nhật",
    "compliant": "Đạt",
    None: "Chưa kiểm tra",
}
LEVEL_LABELS = {
    "province": "Cấp tỉnh",
    "department": "Sở, ban, ngành",
    "branch": "Chi cục",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}
SEVERITY_LABELS = {"error": "Vi phạm", "warning": "Cảnh báo", "info": "Thông tin"}
RUN_STATE_LABELS = {
    "running": "Đang chạy",
    "complete": "Hoàn thành",
    "interrupted": "Bị dừng",
    "failed": "Thất bại",
}
TRIGGER_LABELS = {"manual": "Dòng lệnh", "schedule": "Theo lịch", "web": "Trang web"}
RUN_KIND_LABELS = {"crawl": "Thu thập và đánh giá", "audit": "Đánh giá lại"}
CHANGE_LABELS = {
    "status": "Đổi trạng thái",
    "document_added": "Tài liệu mới",
    "document_removed": "Tài liệu bị gỡ",
    "document_changed": "Tài liệu thay đổi",
    "finding_opened": "Phát hiện mới",
    "finding_resolved": "Phát hiện đã khắc phục",
}
DOC_TYPE_LABELS = {
    "declaration": "Quyết định công bố",
    "quality_policy": "Chính sách chất lượng",
    "quality_objectives": "Mục tiêu chất lượng",
    "quality_manual": "Sổ tay chất lượng / mô hình HTQLCL",
    "process_list": "Danh mục quy trình",
    "procedure": "Quy trình",
    "plan": "Kế hoạch",
    "report": "Báo cáo",
    "internal_audit": "Đánh giá nội bộ",
    "management_review": "Xem xét của lãnh đạo",
    "not_qms": "Không phải tài liệu HTQLCL",
}
