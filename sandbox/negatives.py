"""Hard negatives: pages and files that talk of ISO or "công bố" but are no QMS of the agency."""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.news import NewsItem
from sandbox.paperwork import Issuer, Paper, Paragraph, Table


def iso_conference_news(*, as_of: date) -> NewsItem:
    """News about a provincial conference on ISO 9001 in administration."""
    held = as_of - timedelta(days=40)
    return NewsItem(
        title=f"Hội nghị triển khai áp dụng, duy trì Hệ thống quản lý chất lượng theo TCVN ISO "
        f"9001:2015 năm {held.year}",
        published=held,
        paragraphs=(
            f"Ngày {held.day:02d}/{held.month}/{held.year}, Sở Khoa học và Công nghệ tỉnh Demo tổ "
            "chức Hội nghị triển khai áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
            "theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 tại các cơ quan hành chính nhà nước.",
            "Hội nghị đề nghị các cơ quan, đơn vị chưa công bố HTQLCL sau sắp xếp tổ chức bộ máy "
            "khẩn trương xây dựng và công bố lại theo Quyết định số 19/2014/QĐ-TTg.",
            "Đại diện các sở, ngành và UBND các xã, phường tham dự hội nghị.",
        ),
    )


def consultancy_advert() -> NewsItem:
    """An ISO consultancy's advert placed on an agency page."""
    return NewsItem(
        title="Tư vấn ISO 9001:2015 trọn gói cho cơ quan hành chính nhà nước",
        published=date(2024, 9, 9),
        paragraphs=(
            "Công ty Cổ phần Tư vấn Chất lượng Việt nhận tư vấn xây dựng, áp dụng và công bố Hệ "
            "thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 cho sở, ban, ngành và UBND xã.",
            "Cam kết hoàn thành công bố HTQLCL trong 90 ngày. Chi phí trọn gói, hỗ trợ soạn thảo "
            "chính sách chất lượng, mục tiêu chất lượng và toàn bộ quy trình.",
            "Liên hệ: 0909 000 000 - tuvan@chatluongviet.example",
        ),
    )


def conformity_notice(issuer: Issuer, *, number: str, issued: date, signer: str) -> Paper:
    """A notice receiving a company's product conformity declaration (công bố hợp quy)."""
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="THÔNG BÁO",
        subject="Tiếp nhận hồ sơ công bố hợp quy",
        blocks=(
            Paragraph(
                text=f"{issuer.name} xác nhận đã nhận Bản công bố hợp quy số 01/{issued.year}/CBHQ "
                "của Công ty TNHH Thép Demo cho sản phẩm thép cốt bê tông phù hợp Quy chuẩn kỹ "
                "thuật quốc gia QCVN 7:2019/BKHCN."
            ),
            Table(
                rows=(
                    ("STT", "Sản phẩm", "Quy chuẩn", "Phương thức đánh giá"),
                    ("1", "Thép cốt bê tông D10-D32", "QCVN 7:2019/BKHCN", "Phương thức 5"),
                )
            ),
            Paragraph(
                text="Doanh nghiệp có Giấy chứng nhận hệ thống quản lý chất lượng ISO 9001:2015 do "
                "tổ chức chứng nhận cấp; doanh nghiệp chịu trách nhiệm về sự phù hợp của sản phẩm."
            ),
        ),
        signer=signer,
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    )


def environmental_iso_news(*, as_of: date) -> NewsItem:
    """A page on ISO 14001 (environmental management), which is no QMS."""
    return NewsItem(
        title="Doanh nghiệp trên địa bàn tỉnh áp dụng Hệ thống quản lý môi trường ISO 14001:2015",
        published=as_of - timedelta(days=75),
        paragraphs=(
            "Nhiều doanh nghiệp trong khu công nghiệp đã được chứng nhận Hệ thống quản lý môi "
            "trường phù hợp tiêu chuẩn ISO 14001:2015, góp phần giảm chất thải và tiết kiệm "
            "năng lượng.",
            "Tiêu chuẩn TCVN ISO 14001:2015 quy định các yêu cầu đối với hệ thống quản lý môi "
            "trường; chứng nhận do tổ chức chứng nhận được chỉ định cấp.",
        ),
    )


def safety_iso_news(*, as_of: date) -> NewsItem:
    """A page on ISO 45001 (occupational health and safety), which is no QMS."""
    return NewsItem(
        title="Tập huấn Hệ thống quản lý an toàn và sức khỏe nghề nghiệp ISO 45001:2018",
        published=as_of - timedelta(days=95),
        paragraphs=(
            "Lớp tập huấn giới thiệu các yêu cầu của tiêu chuẩn ISO 45001:2018 về an toàn, vệ "
            "sinh lao động cho doanh nghiệp sản xuất.",
            "Học viên được hướng dẫn nhận diện mối nguy, đánh giá rủi ro an toàn lao động.",
        ),
    )


def enterprise_certificate_news(*, as_of: date) -> NewsItem:
    """An enterprise announcing its own ISO 9001 certificate: ISO 9001, but not the agency's."""
    return NewsItem(
        title="Công ty Cổ phần Xi măng Demo nhận Giấy chứng nhận ISO 9001:2015",
        published=as_of - timedelta(days=130),
        paragraphs=(
            "Công ty Cổ phần Xi măng Demo vừa được tổ chức chứng nhận cấp Giấy chứng nhận Hệ "
            "thống quản lý chất lượng phù hợp tiêu chuẩn ISO 9001:2015, số chứng nhận "
            "QMS-2025-0815, hiệu lực 03 năm.",
            "Phạm vi chứng nhận: sản xuất và kinh doanh xi măng PCB40, clinker thương phẩm.",
        ),
    )


def product_quality_notice(issuer: Issuer, *, number: str, issued: date, signer: str) -> Paper:
    """A notice receiving a company's product quality declaration (công bố chất lượng sản phẩm)."""
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="THÔNG BÁO",
        subject="Tiếp nhận bản công bố chất lượng sản phẩm",
        blocks=(
            Paragraph(
                text=f"{issuer.name} tiếp nhận bản tự công bố sản phẩm và công bố chất lượng sản "
                "phẩm nước mắm truyền thống của Hợp tác xã Chế biến Thủy sản Demo, phù hợp Tiêu "
                "chuẩn cơ sở TCCS 01:2025/HTX."
            ),
            Table(
                rows=(
                    ("STT", "Sản phẩm", "Tiêu chuẩn công bố"),
                    ("1", "Nước mắm cá cơm 30 độ đạm", "TCCS 01:2025/HTX"),
                )
            ),
            Paragraph(
                text="Tổ chức công bố chịu trách nhiệm về chất lượng sản phẩm đã công bố theo "
                "Luật Chất lượng sản phẩm, hàng hóa."
            ),
        ),
        signer=signer,
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    )
