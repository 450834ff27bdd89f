"""The Vietnamese words of the tier's own posts and pages: titles, leads, intro, a negative."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from sandbox.news import NewsItem
from sandbox.paperwork import Paper
from sandbox.roster import AgencySpec

NEWS = ("tin-tuc", "Tin tức")
NOTICES = ("thong-bao", "Thông báo")
ISO_PAGE_TITLE = "Hệ thống quản lý chất lượng"
INTRO_TITLE = "Giới thiệu"


def number_only_title(paper: Paper, head_title: str) -> str:
    """'Quyết định số 27/QĐ-SCT ngày 20/11/2025 của Giám đốc Sở Công Thương': no subject."""
    return (
        f"Quyết định số {paper.number} ngày {paper.issued:%d/%m/%Y} của "
        f"{head_title.capitalize()} {paper.issuer.name}"
    )


def label(paper: Paper) -> str:
    """How a link or a post names a document: 'Mục tiêu chất lượng năm 2026', 'Quyết định …'."""
    kind = paper.kind.capitalize()
    if paper.kind == "QUYẾT ĐỊNH" and paper.number:
        kind = f"Quyết định số {paper.number}"
    return f"{kind} {paper.subject[:1].lower()}{paper.subject[1:]}" if paper.subject else kind


def post_body(lead: str, links: list[tuple[str, str]]) -> str:
    """A post or page body: a lead paragraph, then a list of links (label, href)."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in links)
    return f"<p>{escape(lead)}</p>\n<ul>{items}</ul>" if links else f"<p>{escape(lead)}</p>"


def announcement_lead(paper: Paper) -> str:
    return (
        f"{paper.issuer.name} đăng tải {label(paper)}. Toàn văn quyết định và danh mục kèm "
        "theo xem tại tệp đính kèm."
    )


def iso_page_lead(spec: AgencySpec) -> str:
    return (
        f"{spec.name} công khai các tài liệu của Hệ thống quản lý chất lượng đang áp dụng "
        "theo quy định tại Quyết định số 19/2014/QĐ-TTg của Thủ tướng Chính phủ."
    )


def intro(spec: AgencySpec) -> str:
    """The "Giới thiệu" page: who the agency is and what it handles."""
    sectors = ", ".join(sector.lower() for sector in spec.sectors)
    return (
        f"<p>{escape(spec.name)} là cơ quan thuộc hệ thống hành chính nhà nước của tỉnh Demo, "
        f"thực hiện chức năng tham mưu, quản lý nhà nước và giải quyết thủ tục hành chính về "
        f"{escape(sectors)}.</p>\n<p>Địa chỉ: Trung tâm hành chính tỉnh Demo. Điện thoại: "
        "0200 3 800 800.</p>"
    )


def iso_training_news(spec: AgencySpec, *, as_of: date) -> NewsItem:
    """News of an ISO 9001 training course: every ISO word, no QMS document of the agency."""
    held = as_of - timedelta(days=26)
    return NewsItem(
        title="Tập huấn xây dựng, áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2015",
        published=held,
        paragraphs=(
            f"Ngày {held:%d/%m/%Y}, {spec.name} phối hợp với Trung tâm Kỹ thuật Tiêu chuẩn Đo "
            "lường Chất lượng tổ chức lớp tập huấn về TCVN ISO 9001:2015 cho cán bộ, công chức.",
            "Học viên được hướng dẫn cách viết chính sách chất lượng, mục tiêu chất lượng, "
            "quy trình giải quyết thủ tục hành chính và cách công bố Hệ thống quản lý chất lượng "
            "theo Quyết định số 19/2014/QĐ-TTg.",
            "Sau lớp tập huấn, đơn vị sẽ xây dựng hệ thống tài liệu và công bố Hệ thống quản lý "
            "chất lượng trong năm tới.",
        ),
    )


def news_body(item: NewsItem) -> str:
    return "\n".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
