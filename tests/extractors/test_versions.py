import re

import pytest

from extractors.versions import adopted_version, editions, parse_editions, versions_mentioned
from extractors.vietnamese import fold

QD19 = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng"
    " Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của"
    " các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;\n"
)


def _decide(title: str, text: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    decision = adopted_version(fold(title), fold(text))
    return decision.adopted, decision.mentioned, decision.cues


def test_editions_are_data_with_room_for_2026() -> None:
    assert [edition.year for edition in editions()] == ["2000", "2008", "2015", "2026"]
    (v2008,) = [edition for edition in editions() if edition.year == "2008"]
    assert "hành động phòng ngừa" in v2008.strong


def test_a_new_edition_is_a_row_of_data() -> None:
    table = parse_editions(
        '[[edition]]\nyear = "2015"\nstrong = ["rủi ro và cơ hội"]\n[[edition]]\nyear = "2029"\n'
    )
    decision = adopted_version(fold("Quy trình theo TCVN ISO 9001:2029"), "", table=table)
    assert (decision.adopted, decision.mentioned) == ("2029", ("2029",))
    assert adopted_version(fold("Quy trình theo TCVN ISO 9001:2029"), "").adopted is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[edition]]\nyear = 2015\n", "four digits"),
        ('[[edition]]\nyear = "2015"\nstrong = "rủi ro"\n', "list"),
        ('[[edition]]\nyear = "2015"\nwords = []\n', "expected year"),
        ('[[edition]]\nyear = "2015"\n[[edition]]\nyear = "2008"\n', "oldest first"),
        ('[[edition]]\nyear = "2015"\n[[edition]]\nyear = "2015"\n', "distinct"),
        ("editions = []\n", "only [[edition]]"),
    ],
)
def test_a_bad_editions_table_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_editions(text)


@pytest.mark.parametrize(
    ("title", "adopted"),
    [
        ("Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2026", "2026"),
        ("Sổ tay chất lượng theo ISO 9001:2026", "2026"),
        ("Chính sách chất lượng theo TCVN ISO 9001:2015/Amd 1:2024", "2015"),
        ("Quy trình theo ISO 9001:2015/Amd.1:2024", "2015"),
        ("Quy trình theo ISO 9001:2015 (sửa đổi 1:2024)", "2015"),
    ],
)
def test_2026_reads_as_2026_and_an_amendment_as_its_edition(title: str, adopted: str) -> None:
    decision = adopted_version(fold(title), fold(QD19 + "Điều 1. Áp dụng."))
    assert decision.adopted == adopted
    assert "2024" not in decision.mentioned


def test_the_vocabulary_lists_the_strong_phrases_of_each_edition_as_written() -> None:
    body = QD19 + "Đại diện lãnh đạo xem xét rủi ro và cơ hội; kiểm soát hồ sơ theo mục 4.2.3."
    decision = adopted_version(fold("QUY TRÌNH theo TCVN ISO 9001:2015"), fold(body))
    assert decision.vocabulary == (
        ("2008", "đại diện lãnh đạo"),
        ("2008", "mục 4.2.3"),
        ("2015", "rủi ro và cơ hội"),
    )


def test_phrases_in_the_can_cu_lines_are_not_vocabulary() -> None:
    body = (
        "Căn cứ Quyết định số 05/QĐ-SKHCN về việc bãi bỏ quy trình hành động phòng ngừa;\n"
        "Điều 1. Ban hành quy trình."
    )
    assert adopted_version("", fold(body)).vocabulary == ()


def test_versions_mentioned_in_several_spellings() -> None:
    text = fold("TCVN ISO 9001:2008, ISO 9001 : 2015, ISO 9001-2000 và ISO 9001:2015/Amd 1:2024")
    assert versions_mentioned(text) == ("2000", "2008", "2015")


def test_the_title_decides() -> None:
    adopted, mentioned, cues = _decide("Công bố HTQLCL phù hợp TCVN ISO 9001:2015", QD19)
    assert adopted == "2015"
    assert mentioned == ("2008", "2015")
    assert cues == ("version: title names ISO 9001:2015",)


def test_the_qd19_citation_does_not_make_a_2008_document() -> None:
    body = QD19 + "Điều 1. Công bố HTQLCL phù hợp TCVN ISO 9001:2015."
    assert _decide("", body)[0] == "2015"
    inline = "Theo Quyết định 19/2014/QĐ-TTg áp dụng HTQLCL theo TCVN ISO 9001:2008 vào hoạt động"
    assert _decide("", inline + " của các cơ quan, tổ chức thuộc hệ thống hành chính")[0] is None


def test_a_conversion_from_2008_adopts_2015() -> None:
    body = "Công bố lại HTQLCL sau khi chuyển đổi từ TCVN ISO 9001:2008 sang TCVN ISO 9001:2015."
    assert _decide("", body)[0] == "2015"


def test_a_2008_document_stays_2008() -> None:
    assert _decide("", "Công bố HTQLCL phù hợp TCVN ISO 9001:2008 đối với 215 TTHC")[0] == "2008"


def test_vocabulary_decides_without_a_version() -> None:
    adopted, _, cues = _decide("", "Đại diện lãnh đạo; hành động phòng ngừa; kiểm soát hồ sơ")
    assert adopted == "2008"
    assert cues[0].startswith("version: 2008 vocabulary")
    assert _decide("", "rủi ro và cơ hội; thông tin dạng văn bản")[0] == "2015"
    assert _decide("", "kiểm soát tài liệu")[0] is None  # one weak marker is not enough


def test_a_2015_title_over_2008_content_is_a_cue() -> None:
    body = "Đại diện lãnh đạo chỉ đạo hành động phòng ngừa đối với sản phẩm không phù hợp."
    adopted, _, cues = _decide("QUY TRÌNH theo TCVN ISO 9001:2015", body)
    assert adopted == "2015"
    assert any("older vocabulary" in cue and "hanh dong phong ngua" in cue for cue in cues)
