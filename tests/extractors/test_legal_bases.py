from extractors.legal_bases import find_cited_texts, find_legal_bases

TEXT = """Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;
Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện
thủ tục hành chính theo cơ chế một cửa, một cửa liên thông;
Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng
Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008;
Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ trưởng Bộ Khoa học và Công nghệ;
Căn cứ Quyết định số 101/QĐ-BKHCN ngày 21 tháng 01 năm 2019 của Bộ Khoa học và Công nghệ;
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ chức năng, nhiệm vụ, quyền hạn của Sở;
Xét đề nghị của Chánh Văn phòng Sở,
"""


def test_each_reference_with_type_number_year_and_issuer() -> None:
    bases = find_legal_bases(TEXT)
    summary = [(b.type, b.number, b.year, b.issuer) for b in bases]
    assert summary == [
        ("law", "72/2025/QH15", 2025, None),
        ("decree", "118/2025/NĐ-CP", 2025, "Chính phủ"),
        ("decision", "19/2014/QĐ-TTg", 2014, "Thủ tướng Chính phủ"),
        ("circular", "26/2014/TT-BKHCN", 2014, "Bộ trưởng Bộ Khoa học và Công nghệ"),
        ("decision", "101/QĐ-BKHCN", 2019, "Bộ Khoa học và Công nghệ"),
        ("law", None, 2015, None),
    ]


def test_a_reference_keeps_its_text_on_one_line() -> None:
    decree = find_legal_bases(TEXT)[1]
    assert "\n" not in decree.text
    assert decree.text.startswith("Nghị định số 118/2025/NĐ-CP")
    assert decree.as_dict()["number"] == "118/2025/NĐ-CP"


def test_without_diacritics_and_with_a_broken_number() -> None:
    text = "Can cu Quyet dinh so 19/2014/QD-\nTTg ngay 05/3/2014 cua Thu tuong Chinh phu;"
    (basis,) = find_legal_bases(text)
    assert (basis.type, basis.number, basis.year) == ("decision", "19/2014/QD-TTg", 2014)
    assert basis.issuer == "Thu tuong Chinh phu"


def test_no_references() -> None:
    assert find_legal_bases("CHÍNH SÁCH CHẤT LƯỢNG\nSở cam kết.") == ()


def test_a_chain_of_texts_under_one_can_cu() -> None:
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ"
        " sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
        " ngày 22 tháng 11 năm 2019;\nCăn cứ chức năng, nhiệm vụ của Sở; các phòng chuyên môn;\n"
        "Xét đề nghị của Chánh Văn phòng;\nNơi nhận: - Như Điều 3; - Lưu: VT."
    )
    assert [(b.type, b.year) for b in find_legal_bases(text)] == [("law", 2015), ("law", 2019)]


PROCEDURE = """QUY TRÌNH
Cấp Phiếu lý lịch tư pháp
Mã hiệu: QT-02/STP | Lần ban hành: 02 | Ngày ban hành: 12/3/2024
3. TÀI LIỆU VIỆN DẪN
- Tiêu chuẩn quốc gia TCVN ISO 9001:2015;
- Quyết định số 101/QĐ-BKHCN ngày 21/01/2019, mục 5;
- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018.
5. NỘI DUNG QUY TRÌNH
B1 | Tiếp nhận hồ sơ theo NĐ 107/2021/NĐ-CP | Bộ phận Một cửa
"""


def test_cited_texts_anywhere_in_a_procedure() -> None:
    assert find_cited_texts(PROCEDURE) == ("101/QĐ-BKHCN", "61/2018/NĐ-CP", "107/2021/NĐ-CP")


def test_cited_texts_include_the_can_cu_lines_once_each() -> None:
    cited = find_cited_texts(TEXT + "Điều 1. Theo Quyết định số 19/2014/QĐ-TTg.")
    assert cited == (
        "72/2025/QH15",
        "118/2025/NĐ-CP",
        "19/2014/QĐ-TTg",
        "26/2014/TT-BKHCN",
        "101/QĐ-BKHCN",
    )


def test_a_text_said_to_be_replaced_is_not_cited() -> None:
    text = (
        "Số: 145/QĐ-SKHCN\nCăn cứ Quyết định\nsố 19/2014/QĐ-TTg ngày 05/3/2014;\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số "
        "45/QĐ-SKHCN ngày 15/3/2017 về việc công bố HTQLCL.\n"
        "Điều 3. Nghị định 110/2004/NĐ-CP đã hết hiệu lực."
    )
    assert find_cited_texts(text) == ("19/2014/QĐ-TTg",)


def test_no_cited_texts() -> None:
    assert find_cited_texts("CHÍNH SÁCH CHẤT LƯỢNG\nSố: 12/QĐ-SKHCN\nSở cam kết.") == ()
