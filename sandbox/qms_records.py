"""Words of the later QMS paperwork: a 2015 declaration converting from 2008, reports, reviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sandbox import qms_texts
from sandbox.paperwork import Issuer, Paper, Paragraph, Table, short_date


def converted_declaration(
    issuer: Issuer,
    *,
    number: str,
    issued: date,
    signer: str,
    sectors: tuple[str, ...],
    previous: str,
    previous_issued: date,
) -> Paper:
    """A 2015 declaration that replaces (chuyển đổi) an earlier TCVN ISO 9001:2008 one."""
    paper = qms_texts.declaration(
        issuer, number=number, issued=issued, signer=signer, sectors=sectors
    )
    conversion = Paragraph(
        text=f"Căn cứ kết quả chuyển đổi Hệ thống quản lý chất lượng của {issuer.name} từ Tiêu "
        "chuẩn quốc gia TCVN ISO 9001:2008 sang Tiêu chuẩn quốc gia TCVN ISO 9001:2015;"
    )
    repeal = Paragraph(
        text=f"Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số "
        f"{previous} ngày {short_date(previous_issued)} về việc công bố Hệ thống quản lý chất "
        "lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2008."
    )
    blocks = list(paper.blocks)
    decide = next(i for i, b in enumerate(blocks) if getattr(b, "text", "") == "QUYẾT ĐỊNH:")
    blocks.insert(decide - 1, conversion)
    blocks = [repeal if getattr(b, "text", "").startswith("Điều 2.") else b for b in blocks]
    return replace(paper, blocks=tuple(blocks))


def management_review(issuer: Issuer, *, number: str, issued: date, signer: str) -> Paper:
    """The minutes of the yearly management review (TCVN ISO 9001:2015 clause 9.3)."""
    year = issued.year
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="BIÊN BẢN",
        subject=f"Họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc "
        f"gia TCVN ISO 9001:2015 năm {year}",
        blocks=(
            Paragraph(
                text=f"Hôm nay, ngày {short_date(issued)}, tại trụ sở {issuer.name}, Ban Chỉ đạo "
                "ISO tổ chức họp xem xét của lãnh đạo."
            ),
            Paragraph(text="I. ĐẦU VÀO CỦA XEM XÉT", heading=True),
            Table(
                rows=(
                    ("STT", "Nội dung xem xét", "Kết quả"),
                    ("1", "Kết quả đánh giá nội bộ", "02 điểm không phù hợp đã khắc phục"),
                    ("2", "Mức độ đạt mục tiêu chất lượng", "Đạt 4/4 mục tiêu"),
                    ("3", "Rủi ro và cơ hội, các bên quan tâm", "Đã cập nhật"),
                )
            ),
            Paragraph(text="II. ĐẦU RA CỦA XEM XÉT", heading=True),
            Paragraph(
                text="Cập nhật quy trình theo văn bản mới; bổ sung nguồn lực cho Bộ phận Một cửa."
            ),
            Paragraph(text="Cuộc họp kết thúc lúc 11 giờ cùng ngày./."),
        ),
        signer=signer,
        signer_title=f"CHỦ TRÌ\n{issuer.head_title}",
    )


def application_report(issuer: Issuer, *, number: str, issued: date, signer: str) -> Paper:
    """The yearly report on applying the QMS, sent to the Department of Science and Technology."""
    year = issued.year
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="BÁO CÁO",
        subject=f"Tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
        f"theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 năm {year}",
        blocks=(
            Paragraph(
                text=f"Thực hiện Quyết định số 19/2014/QĐ-TTg, {issuer.name} báo cáo tình hình áp "
                f"dụng Hệ thống quản lý chất lượng năm {year} như sau:"
            ),
            Paragraph(text="1. Kết quả xây dựng, áp dụng", heading=True),
            Paragraph(text="Đã cập nhật 100% quy trình theo thủ tục hành chính mới công bố."),
            Paragraph(text="2. Kết quả duy trì, cải tiến", heading=True),
            Paragraph(text="Đã thực hiện đánh giá nội bộ, họp xem xét của lãnh đạo theo kế hoạch."),
            Paragraph(text="3. Đề xuất, kiến nghị", heading=True),
            Paragraph(text="Đề nghị Sở Khoa học và Công nghệ tiếp tục tập huấn ISO điện tử./."),
        ),
        signer=signer,
        signer_title=issuer.head_title,
        recipients=("Sở Khoa học và Công nghệ;", "Lưu: VT."),
    )
