"""Words of TCVN ISO 9001:2008 QMS documents, with the 2008 vocabulary still met on old sites."""

from __future__ import annotations

from datetime import date

from sandbox.paperwork import Issuer, Paper, Paragraph, Table, short_date
from sandbox.qms_texts import QD19, TT26

QD118 = (
    "Căn cứ Quyết định số 118/2009/QĐ-TTg ngày 30 tháng 9 năm 2009 của Thủ tướng Chính phủ "
    "sửa đổi, bổ sung một số điều của Quy chế áp dụng Hệ thống quản lý chất lượng theo tiêu "
    "chuẩn TCVN ISO 9001:2000;"
)


def declaration(
    issuer: Issuer, *, number: str, issued: date, signer: str, sectors: tuple[str, ...]
) -> Paper:
    """A declaration of conformity with TCVN ISO 9001:2008, as issued before the conversion."""
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="QUYẾT ĐỊNH",
        subject="Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2008",
        blocks=(
            Paragraph(text=f"{issuer.head_title} {issuer.name.upper()}", heading=True),
            Paragraph(text=QD19),
            Paragraph(text=TT26),
            Paragraph(text="Xét đề nghị của Đại diện lãnh đạo về chất lượng."),
            Paragraph(text="QUYẾT ĐỊNH:", heading=True),
            Paragraph(
                text=f"Điều 1. Công bố Hệ thống quản lý chất lượng của {issuer.name} phù hợp "
                "Tiêu chuẩn quốc gia TCVN ISO 9001:2008 đối với các lĩnh vực: "
                + "; ".join(sectors)
                + "."
            ),
            Paragraph(text="Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            Paragraph(
                text="Điều 3. Đại diện lãnh đạo, Trưởng các phòng và cán bộ, công chức chịu "
                "trách nhiệm thi hành Quyết định này./."
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
        recipients=("Như Điều 3;", "Lưu: VT."),
    )


def quality_manual(issuer: Issuer, *, issued: date, signer: str) -> Paper:
    """The quality manual that TCVN ISO 9001:2008 clause 4.2.2 made mandatory."""
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind="SỔ TAY CHẤT LƯỢNG",
        subject="Theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008",
        blocks=(
            Table(
                rows=(
                    ("Mã hiệu", "Lần ban hành", "Ngày ban hành"),
                    ("STCL", "02", short_date(issued)),
                )
            ),
            Paragraph(text="TÀI LIỆU VIỆN DẪN", heading=True),
            Paragraph(text=QD118.removeprefix("Căn cứ ").rstrip(";") + "."),
            Paragraph(text="4.2 YÊU CẦU VỀ HỆ THỐNG TÀI LIỆU", heading=True),
            Paragraph(text="Mục 4.2.3 Kiểm soát tài liệu: theo quy trình QT-01."),
            Paragraph(text="Mục 4.2.4 Kiểm soát hồ sơ: theo quy trình QT-02."),
            Paragraph(text="5. TRÁCH NHIỆM CỦA LÃNH ĐẠO", heading=True),
            Paragraph(
                text="5.5.2 Đại diện lãnh đạo: Phó Giám đốc được giao làm Đại diện lãnh đạo về "
                "chất lượng."
            ),
            Paragraph(text="7. TẠO SẢN PHẨM", heading=True),
            Paragraph(text="Sản phẩm là kết quả giải quyết thủ tục hành chính."),
            Paragraph(text="8. ĐO LƯỜNG, PHÂN TÍCH VÀ CẢI TIẾN", heading=True),
            Paragraph(
                text="8.3 Kiểm soát sản phẩm không phù hợp; 8.5.2 Hành động khắc phục; 8.5.3 "
                "Hành động phòng ngừa."
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def quality_policy(issuer: Issuer, *, issued: date, signer: str) -> Paper:
    """A 2008-era quality policy."""
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind="CHÍNH SÁCH CHẤT LƯỢNG",
        subject=None,
        blocks=(
            Paragraph(
                text=f"{issuer.name} cam kết áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn "
                "TCVN ISO 9001:2008 vào hoạt động giải quyết công việc."
            ),
            Paragraph(
                text="Đại diện lãnh đạo chịu trách nhiệm phổ biến Chính sách chất lượng đến toàn "
                "thể cán bộ, công chức và thực hiện hành động phòng ngừa."
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def quality_objectives(issuer: Issuer, *, issued: date, signer: str, year: int) -> Paper:
    """2008-era quality objectives for one year."""
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind=f"MỤC TIÊU CHẤT LƯỢNG NĂM {year}",
        subject=None,
        blocks=(
            Paragraph(
                text="Theo yêu cầu mục 5.4.1 của Tiêu chuẩn TCVN ISO 9001:2008, các mục tiêu "
                f"chất lượng năm {year} như sau:"
            ),
            Table(
                rows=(
                    ("STT", "Mục tiêu"),
                    ("1", "95% hồ sơ được giải quyết đúng hẹn"),
                    ("2", "Không có sản phẩm không phù hợp bị khiếu nại"),
                )
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def preventive_action_procedure(issuer: Issuer, *, issued: date, signer: str) -> Paper:
    """The mandatory 2008 procedure on corrective and preventive action (8.5.2, 8.5.3)."""
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind="QUY TRÌNH",
        subject="Hành động khắc phục và hành động phòng ngừa",
        blocks=(
            Table(rows=(("Mã hiệu", "Lần ban hành"), (f"QT-06/{issuer.code}", "01"))),
            Paragraph(text="1. MỤC ĐÍCH", heading=True),
            Paragraph(
                text="Loại bỏ nguyên nhân của sự không phù hợp tiềm ẩn bằng hành động phòng ngừa."
            ),
            Paragraph(text="2. TÀI LIỆU VIỆN DẪN", heading=True),
            Paragraph(text="Tiêu chuẩn TCVN ISO 9001:2008, mục 8.5.2 và 8.5.3; Sổ tay chất lượng."),
            Paragraph(text="3. NỘI DUNG", heading=True),
            Paragraph(text="Đại diện lãnh đạo xem xét phiếu yêu cầu hành động phòng ngừa."),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )
