"""Words of TCVN ISO 9001:2015 QMS documents as Vietnamese agencies publish them."""

from __future__ import annotations

from datetime import date

from sandbox.paperwork import Block, Issuer, Paper, Paragraph, Table, short_date

QD19 = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ "
    "về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 "
    "vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;"
)
TT26 = (
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học "
    "và Công nghệ quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;"
)
QD101 = (
    "Căn cứ Quyết định số 101/QĐ-BKHCN ngày 21 tháng 01 năm 2019 của Bộ trưởng Bộ Khoa học và "
    "Công nghệ công bố Mô hình khung hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
    "TCVN ISO 9001:2015 cho các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước tại địa "
    "phương;"
)
ND118 = (
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện "
    "thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng "
    "Dịch vụ công quốc gia;"
)


def _authority(issuer: Issuer) -> Paragraph:
    return Paragraph(text=f"{issuer.head_title} {issuer.name.upper()}", heading=True)


def declaration(
    issuer: Issuer, *, number: str, issued: date, signer: str, sectors: tuple[str, ...]
) -> Paper:
    """The decision declaring the QMS conformant to TCVN ISO 9001:2015 (QĐ 19 Art. 4(3))."""
    bases = [QD19, TT26, QD101]
    if issued >= date(2025, 7, 1):
        bases.append(ND118)
    scope_rows = tuple((str(i), sector, "Toàn bộ") for i, sector in enumerate(sectors, 1))
    blocks: list[Block] = [
        _authority(issuer),
        *(Paragraph(text=basis) for basis in bases),
        Paragraph(text="Theo đề nghị của Chánh Văn phòng."),
        Paragraph(text="QUYẾT ĐỊNH:", heading=True),
        Paragraph(
            text=f"Điều 1. Công bố Hệ thống quản lý chất lượng của {issuer.name} phù hợp "
            "Tiêu chuẩn quốc gia TCVN ISO 9001:2015 đối với các hoạt động xử lý công việc, "
            "giải quyết thủ tục hành chính thuộc phạm vi áp dụng tại Danh mục kèm theo."
        ),
        Paragraph(text="Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        Paragraph(
            text="Điều 3. Chánh Văn phòng, Trưởng các phòng, đơn vị trực thuộc và các cá nhân "
            "có liên quan chịu trách nhiệm thi hành Quyết định này./."
        ),
        Paragraph(text="DANH MỤC LĨNH VỰC THUỘC PHẠM VI ÁP DỤNG", heading=True),
        Table(rows=(("STT", "Lĩnh vực", "Thủ tục hành chính"), *scope_rows)),
    ]
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="QUYẾT ĐỊNH",
        subject="Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia "
        "TCVN ISO 9001:2015",
        blocks=tuple(blocks),
        signer=signer,
        signer_title=issuer.head_title,
        recipients=("Như Điều 3;", "Sở Khoa học và Công nghệ (để báo cáo);", "Lưu: VT."),
    )


def quality_policy(issuer: Issuer, *, decision: str, issued: date, signer: str) -> Paper:
    """The quality policy, issued with an ISO decision (TCVN ISO 9001:2015 clause 5.2)."""
    name = issuer.name
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind="CHÍNH SÁCH CHẤT LƯỢNG",
        subject=None,
        blocks=(
            Paragraph(
                text=f"(Ban hành kèm theo Quyết định số {decision} ngày {short_date(issued)})"
            ),
            Paragraph(
                text=f"{name} cam kết xây dựng, áp dụng, duy trì và cải tiến thường xuyên Hệ "
                "thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015, "
                "nhằm phục vụ người dân, tổ chức ngày càng tốt hơn."
            ),
            Paragraph(text="1. Giải quyết thủ tục hành chính công khai, minh bạch, đúng hạn."),
            Paragraph(text="2. Lấy sự hài lòng của người dân, tổ chức làm thước đo chất lượng."),
            Paragraph(
                text="3. Nhận diện và xử lý rủi ro và cơ hội; đáp ứng nhu cầu và mong đợi của "
                "các bên quan tâm."
            ),
            Paragraph(text="4. Mọi cán bộ, công chức hiểu và thực hiện Chính sách chất lượng này."),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def quality_objectives(
    issuer: Issuer, *, decision: str, issued: date, signer: str, year: int
) -> Paper:
    """The quality objectives for one year (TCVN ISO 9001:2015 clause 6.2)."""
    rows = (
        ("STT", "Mục tiêu", "Chỉ tiêu", "Thời hạn"),
        ("1", "Hồ sơ thủ tục hành chính được giải quyết đúng hạn", "100%", f"31/12/{year}"),
        ("2", "Tỷ lệ người dân, tổ chức hài lòng", "≥ 95%", f"31/12/{year}"),
        ("3", "Thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình", "100%", "Quý II"),
        ("4", "Hoàn thành đánh giá nội bộ và họp xem xét của lãnh đạo", "01 lần", "Quý IV"),
    )
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind=f"MỤC TIÊU CHẤT LƯỢNG NĂM {year}",
        subject=None,
        blocks=(
            Paragraph(
                text=f"(Ban hành kèm theo Quyết định số {decision} ngày {short_date(issued)})"
            ),
            Paragraph(
                text=f"Căn cứ Chính sách chất lượng, {issuer.name} xác định mục tiêu chất "
                f"lượng năm {year} theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 như sau:"
            ),
            Table(rows=rows),
            Paragraph(
                text="Các phòng, đơn vị xây dựng kế hoạch thực hiện mục tiêu và báo cáo kết quả "
                "theo dõi, đo lường hằng quý."
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def process_list(
    issuer: Issuer,
    *,
    number: str,
    issued: date,
    signer: str,
    procedures: tuple[str, ...],
    edition: str = "01",
) -> Paper:
    """The list of the QMS's procedures, each with its code QT-nn/CODE."""
    rows = tuple(
        (str(i), f"QT-{i:02d}/{issuer.code}", title, edition)
        for i, title in enumerate(procedures, 1)
    )
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="DANH MỤC QUY TRÌNH",
        subject="thuộc Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
        blocks=(
            Paragraph(text=f"(Kèm theo Quyết định số {number} ngày {short_date(issued)})"),
            Table(rows=(("STT", "Mã hiệu", "Tên quy trình", "Lần ban hành"), *rows)),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def _one_stop_decree(issued: date) -> str:
    """The one-stop-shop decree in force on `issued`."""
    if issued >= date(2025, 7, 1):
        return "- Nghị định số 118/2025/NĐ-CP ngày 09/6/2025."
    return "- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018."


def procedure(
    issuer: Issuer,
    *,
    index: int,
    title: str,
    issued: date,
    signer: str,
    drafter: str,
    edition: str = "01",
) -> Paper:
    """One work procedure in the framework-model format (QĐ 101/QĐ-BKHCN)."""
    code = f"QT-{index:02d}/{issuer.code}"
    steps = (
        ("Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian"),
        ("B1", "Tiếp nhận hồ sơ, kiểm tra thành phần hồ sơ", "Bộ phận Một cửa", "0,5 ngày"),
        ("B2", "Thẩm định hồ sơ, đề xuất kết quả", "Chuyên viên phụ trách", "03 ngày"),
        ("B3", "Xem xét, ký duyệt kết quả", "Lãnh đạo", "01 ngày"),
        ("B4", "Trả kết quả, lưu hồ sơ", "Bộ phận Một cửa", "0,5 ngày"),
    )
    return Paper(
        issuer=issuer,
        number=None,
        issued=issued,
        kind="QUY TRÌNH",
        subject=title,
        blocks=(
            Table(
                rows=(
                    ("Mã hiệu", "Lần ban hành", "Ngày ban hành"),
                    (code, edition, short_date(issued)),
                )
            ),
            Table(
                rows=(("Soạn thảo", "Xem xét", "Phê duyệt"), (drafter, "Chánh Văn phòng", signer))
            ),
            Paragraph(text="1. MỤC ĐÍCH", heading=True),
            Paragraph(text=f"Quy định trình tự, thủ tục {title[:1].lower()}{title[1:]}."),
            Paragraph(text="2. PHẠM VI", heading=True),
            Paragraph(text=f"Áp dụng đối với các phòng, đơn vị thuộc {issuer.name}."),
            Paragraph(text="3. TÀI LIỆU VIỆN DẪN", heading=True),
            Paragraph(text="- Tiêu chuẩn quốc gia TCVN ISO 9001:2015;"),
            Paragraph(text="- Quyết định số 101/QĐ-BKHCN ngày 21/01/2019, mục 5;"),
            Paragraph(text=_one_stop_decree(issued)),
            Paragraph(text="4. ĐỊNH NGHĨA VÀ TỪ VIẾT TẮT", heading=True),
            Paragraph(text="TTHC: Thủ tục hành chính; HTQLCL: Hệ thống quản lý chất lượng."),
            Paragraph(text="5. NỘI DUNG QUY TRÌNH", heading=True),
            Table(rows=steps),
            Paragraph(text="6. BIỂU MẪU", heading=True),
            Paragraph(text=f"BM.{index:02d}.01 Phiếu kiểm soát quá trình giải quyết hồ sơ."),
            Paragraph(text="7. HỒ SƠ CẦN LƯU", heading=True),
            Paragraph(text="Hồ sơ được lưu theo quy định về kiểm soát thông tin dạng văn bản."),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def maintenance_plan(issuer: Issuer, *, number: str, issued: date, signer: str, year: int) -> Paper:
    """The yearly plan to maintain and improve the QMS."""
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="KẾ HOẠCH",
        subject=f"Duy trì, cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
        f"TCVN ISO 9001:2015 năm {year}",
        blocks=(
            Paragraph(text="I. MỤC ĐÍCH, YÊU CẦU", heading=True),
            Paragraph(
                text="Duy trì có hiệu lực Hệ thống quản lý chất lượng; cập nhật quy trình khi "
                "văn bản quy phạm pháp luật thay đổi trong thời hạn 03 tháng."
            ),
            Paragraph(text="II. NỘI DUNG THỰC HIỆN", heading=True),
            Table(
                rows=(
                    ("STT", "Nội dung", "Thời gian"),
                    ("1", "Rà soát, cập nhật thông tin dạng văn bản", "Quý I"),
                    ("2", "Đánh giá nội bộ", "Quý III"),
                    ("3", "Họp xem xét của lãnh đạo", "Quý IV"),
                )
            ),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )


def internal_audit_report(
    issuer: Issuer, *, number: str, issued: date, signer: str, year: int
) -> Paper:
    """The report of the yearly internal audit (TCVN ISO 9001:2015 clause 9.2)."""
    return Paper(
        issuer=issuer,
        number=number,
        issued=issued,
        kind="BÁO CÁO",
        subject=f"Kết quả đánh giá nội bộ Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
        f"TCVN ISO 9001:2015 năm {year}",
        blocks=(
            Paragraph(
                text=f"Thực hiện Kế hoạch duy trì Hệ thống quản lý chất lượng năm {year}, Đoàn "
                "đánh giá nội bộ đã đánh giá tại các phòng, đơn vị."
            ),
            Paragraph(text="1. Kết quả: phát hiện 02 điểm không phù hợp, 05 khuyến nghị."),
            Paragraph(text="2. Hành động khắc phục được hoàn thành trong 30 ngày."),
        ),
        signer=signer,
        signer_title=issuer.head_title,
    )
