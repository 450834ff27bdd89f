"""Ordinary news posts of an agency website: what surrounds (and hides) the QMS material."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

ORDINARY_TOPICS = (
    (
        "Hội nghị tổng kết công tác năm {prev} và triển khai nhiệm vụ năm {year}",
        "Hội nghị đánh giá kết quả thực hiện nhiệm vụ năm {prev}, đề ra phương hướng năm {year}.",
    ),
    (
        "Tập huấn kỹ năng chuyển đổi số cho cán bộ, công chức",
        "Lớp tập huấn giúp cán bộ, công chức sử dụng thành thạo hệ thống quản lý văn bản và "
        "điều hành.",
    ),
    (
        "Đoàn công tác của tỉnh làm việc về tiến độ giải ngân vốn đầu tư công",
        "Đoàn công tác đề nghị các đơn vị đẩy nhanh tiến độ, tháo gỡ vướng mắc trong giải ngân.",
    ),
    (
        "Ra quân hưởng ứng Tháng hành động vì môi trường",
        "Cán bộ, đoàn viên thanh niên tham gia dọn dẹp vệ sinh, trồng cây xanh quanh trụ sở.",
    ),
    (
        "Triển khai Bộ phận Một cửa theo Nghị định 118/2025/NĐ-CP",
        "Bộ phận Một cửa tiếp nhận và trả kết quả thủ tục hành chính trên Cổng Dịch vụ công.",
    ),
    (
        "Chi bộ tổ chức sinh hoạt chuyên đề quý {quarter} năm {year}",
        "Buổi sinh hoạt chuyên đề quán triệt các nghị quyết mới của Đảng.",
    ),
    (
        "Thông báo lịch tiếp công dân tháng {month} năm {year}",
        "Lãnh đạo đơn vị tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở.",
    ),
)


@dataclass(frozen=True, kw_only=True)
class NewsItem:
    """A news post: a title, a date and a few paragraphs."""

    title: str
    published: date
    paragraphs: tuple[str, ...]


_CLOSING = (
    "Phát biểu chỉ đạo, lãnh đạo đơn vị yêu cầu các phòng chuyên môn tổ chức thực hiện "
    "nghiêm túc, hiệu quả."
)


def _post(topic: tuple[str, str], *, agency: str, published: date, closing: bool) -> NewsItem:
    """A post on `topic` (title and lead templates), its dates filled in from `published`."""
    title, lead = topic
    values = {
        "year": published.year,
        "prev": published.year - 1,
        "month": published.month,
        "quarter": (published.month - 1) // 3 + 1,
    }
    paragraphs = (f"({agency}) - {lead.format(**values)}",) + ((_CLOSING,) if closing else ())
    return NewsItem(title=title.format(**values), published=published, paragraphs=paragraphs)


def ordinary_news(rng: random.Random, *, agency: str, as_of: date, count: int) -> list[NewsItem]:
    """`count` everyday posts of `agency`, newest first, all dated before `as_of`."""
    topics = rng.sample(ORDINARY_TOPICS, k=min(count, len(ORDINARY_TOPICS)))
    return [
        _post(
            topic,
            agency=agency,
            published=as_of - timedelta(days=3 + 17 * offset + rng.randrange(10)),
            closing=True,
        )
        for offset, topic in enumerate(topics)
    ]


def archive_news(rng: random.Random, *, agency: str, as_of: date, count: int) -> list[NewsItem]:
    """`count` older everyday posts, one every week or two before the recent ones: the
    archive that fills a real portal's news list page after page."""
    return [
        _post(
            rng.choice(ORDINARY_TOPICS),
            agency=agency,
            published=as_of - timedelta(days=130 + 9 * offset + rng.randrange(7)),
            closing=False,
        )
        for offset in range(count)
    ]
