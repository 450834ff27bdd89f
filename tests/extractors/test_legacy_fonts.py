import subprocess
import unicodedata

import pytest

from extractors.legacy_fonts import detect_legacy, from_unicode, repair_legacy, to_unicode

TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
OWN_CAPITALS = "ĂÂÊÔƠƯĐ"  # the only capitals TCVN3 has codes for

DECLARATION = (
    "QUYẾT ĐỊNH Về việc công bố Hệ thống quản lý chất lượng "
    "phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2008"
)
BODY = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ "
    "về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia vào hoạt động của "
    "các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước. Điều 1. Công bố Hệ thống quản "
    "lý chất lượng của Ủy ban nhân dân huyện phù hợp với yêu cầu của tiêu chuẩn."
)
ENGLISH = (
    "The quality management system of the agency is certified under ISO 9001:2015; "
    "the café's naïve résumé was reviewed by Microsoft® staff at 25°C, § 4.2 ¶ 3."
)
FRENCH = (
    "Le système de management de la qualité est décrit là où il faut : à côté de l'hôtel, "
    "près du château, d'une façon naïve ; le coût élevé, déjà vu à Noël et en août, "
    "« être ou ne pas être », où qu'il soit, s'il a reçu l'élève."
)


def test_the_alphabet_has_every_vietnamese_letter() -> None:
    assert len(set(LOWER)) == 73 and len(set(UPPER)) == 73


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_lower_case_letter_round_trips(encoding: str) -> None:
    for letter in LOWER:
        legacy = from_unicode(letter, encoding)
        assert legacy.isascii() == letter.isascii(), letter
        assert to_unicode(legacy, encoding) == letter, letter
    text = " ".join(LOWER)
    assert to_unicode(from_unicode(text, encoding), encoding) == text


def test_every_capital_round_trips_in_vni() -> None:
    for letter in UPPER:
        assert to_unicode(from_unicode(letter, "vni"), "vni") == letter, letter


def test_tcvn3_capitals_share_codes_with_lower_case_except_its_own_seven() -> None:
    for letter in UPPER:
        legacy = from_unicode(letter, "tcvn3")
        if letter in OWN_CAPITALS or letter.isascii():
            assert to_unicode(legacy, "tcvn3") == letter, letter
        else:
            assert legacy == from_unicode(letter.lower(), "tcvn3"), letter
            assert to_unicode(legacy, "tcvn3", capitals=True) == letter, letter
            # in a word of ASCII capitals a lower-case code is read as a capital
            assert to_unicode("NG" + legacy + "NH", "tcvn3") == "NG" + letter + "NH", letter


def test_real_sentences_are_converted() -> None:
    assert to_unicode("Qu¶n lý chÊt l−îng", "tcvn3") == "Quản lý chất lượng"
    assert to_unicode("Qu¶n lý chÊt l\xadîng", "tcvn3") == "Quản lý chất lượng"
    assert to_unicode("Quaûn lyù chaát löôïng", "vni") == "Quản lý chất lượng"
    tcvn3 = (
        "QUYÕT §ÞNH VÒ viÖc c«ng bè HÖ thèng qu¶n lý chÊt l\xadîng phï hîp "
        "Tiªu chuÈn quèc gia TCVN ISO 9001:2008"
    )
    vni = (
        "QUYEÁT ÑÒNH Veà vieäc coâng boá Heä thoáng quaûn lyù chaát löôïng phuø hôïp "
        "Tieâu chuaån quoác gia TCVN ISO 9001:2008"
    )
    assert to_unicode(tcvn3, "tcvn3") == DECLARATION
    assert to_unicode(vni, "vni") == DECLARATION
    assert from_unicode(DECLARATION, "tcvn3") == tcvn3
    assert from_unicode(DECLARATION, "vni") == vni


def test_output_is_nfc_and_tcvn3_combining_marks_are_applied() -> None:
    assert to_unicode("ca³c", "tcvn3") == "các"  # 0xB3: combining acute after a vowel
    assert to_unicode("25°C", "tcvn3") == "25°C"  # not after a vowel: left alone
    assert unicodedata.is_normalized("NFC", to_unicode(from_unicode(BODY, "vni"), "vni"))


def test_unknown_encoding_is_a_bug() -> None:
    with pytest.raises(ValueError):
        to_unicode("x", "viqr")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("text", [DECLARATION, BODY, "Quản lý chất lượng năm 2024"])
def test_legacy_text_is_detected(encoding: str, text: str) -> None:
    assert detect_legacy(from_unicode(text, encoding)) == encoding


@pytest.mark.parametrize(
    "text",
    [
        DECLARATION,
        BODY,
        unicodedata.normalize("NFD", BODY),
        ENGLISH,
        FRENCH,
        FRENCH.upper(),
        "Mục tiêu chất lượng năm 2024 của Sở Khoa học và Công nghệ",
        "",
    ],
)
def test_unicode_english_and_french_are_not_detected(text: str) -> None:
    assert detect_legacy(text) is None
    assert repair_legacy(text) == (text, None)


def test_repair_detects_and_converts() -> None:
    # TCVN3 has no code for a toned capital in the body font: "Ủy" comes back as "ủy"
    assert repair_legacy(from_unicode(BODY, "tcvn3")) == (BODY.replace("Ủy", "ủy"), "tcvn3")
    assert repair_legacy(from_unicode(BODY, "vni")) == (BODY, "vni")


def test_font_names_decide_when_given() -> None:
    short = from_unicode("quản lý", "tcvn3")  # too little text to detect on its own
    assert detect_legacy(short) is None
    assert repair_legacy(short, font_names=["ABCDEF+.VnTime,Bold"]) == ("quản lý", "tcvn3")
    vni_short = from_unicode("chất lượng", "vni")
    assert repair_legacy(vni_short, font_names=["VNI-Times-Bold"]) == ("chất lượng", "vni")


def test_a_capitals_font_upper_cases_the_text() -> None:
    typed = from_unicode("quyết định về việc công bố", "tcvn3")
    assert repair_legacy(typed, font_names=[".VnTimeH"]) == (
        "QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ",
        "tcvn3",
    )
    mixed = repair_legacy(typed, font_names=[".VnTimeH", ".VnTime"])
    assert mixed == ("quyết định về việc công bố", "tcvn3")


def test_a_legacy_font_name_over_unicode_text_changes_nothing() -> None:
    assert repair_legacy(BODY, font_names=[".VnTime"]) == (BODY, None)
    assert repair_legacy(BODY, font_names=["VNI-Times"]) == (BODY, None)
    assert repair_legacy(ENGLISH, font_names=["Times New Roman"]) == (ENGLISH, None)


def test_unicode_lines_above_a_legacy_body_are_left_alone() -> None:
    heading = "MỤC TIÊU CHẤT LƯỢNG NĂM 2024"
    text = heading + "\n" + from_unicode(BODY, "tcvn3")
    assert repair_legacy(text) == (heading + "\n" + BODY.replace("Ủy", "ủy"), "tcvn3")
    assert repair_legacy(heading + "\n" + from_unicode(BODY, "vni")) == (
        heading + "\n" + BODY,
        "vni",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Qualitätsmanagement für Behörden über die Überprüfung der Maßnahmen",
        "El señor del año pasado, la acción y la información están aquí",
        "A gestão da qualidade não é só ação, é também informação e atenção",
        "Microsoft® Word© 2003 ½ price · 25°C ± 2 µm ¶ § ¿qué? ¡sí!",
    ],
)
def test_other_latin_languages_are_not_detected(text: str) -> None:
    assert detect_legacy(text) is None


def test_short_legacy_titles_are_detected() -> None:
    assert detect_legacy("QUYÕT §ÞNH") == "tcvn3"
    assert detect_legacy("QUYEÁT ÑÒNH") == "vni"
    assert detect_legacy("Qu¶n lý chÊt l−îng") == "tcvn3"


def test_the_tcvn3_table_agrees_with_glibc_iconv() -> None:
    # iconv's TCVN5712-1 is the full TCVN 5712 set; its lower-case letters and the seven
    # capitals of its own are the TCVN3 (VN3) codes that the .VnTime fonts use.
    letters = [*LOWER, *OWN_CAPITALS]
    legacy = "\n".join(from_unicode(letter, "tcvn3") for letter in letters)
    done = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
        input=legacy.encode("latin-1"),
        capture_output=True,
        check=True,
    )
    decoded = unicodedata.normalize("NFC", done.stdout.decode("utf-8")).split("\n")
    assert decoded == letters
