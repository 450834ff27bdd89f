import random
import unicodedata

import pytest

from extractors.legacy_fonts import from_unicode, repair_legacy
from extractors.rtf import read_rtf

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
DECLARATION = "Về việc công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015"


def unicode_escapes(text: str) -> str:
    """RTF as Word writes it: ASCII as is, everything else as \\uN? with a "?" fallback."""
    return "".join(
        ch if ord(ch) < 128 else f"\\u{ord(ch) - 65536 * (ord(ch) > 32767)}?" for ch in text
    )


def cp1258_escapes(text: str) -> str:
    """Windows-1258 bytes as \\'hh: base letters composed, tone marks as combining bytes."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        for byte in (base + tones).encode("cp1258"):
            out.append(chr(byte) if byte < 128 else f"\\'{byte:02x}")
    return "".join(out)


def word_rtf(body: str, *, code_page: int = 1252, fonts: str = "") -> bytes:
    return (
        f"{{\\rtf1\\ansi\\ansicpg{code_page}\\deff0\\uc1"
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman{\\*\\panose 02020603050405020304};}"
        f"{fonts}}}"
        "{\\colortbl;\\red0\\green0\\blue0;}"
        "{\\stylesheet{\\ql \\f0\\fs24 Normal;}{\\s1 heading 1;}}"
        "{\\*\\generator Riched20 10.0.19041}"
        "{\\info{\\title Quy\\u7871?t \\u273?\\u7883?nh}{\\author Nguy\\u7877?n V\\u259?n An}}"
        f"\\viewkind4\\pard\\plain\\f0\\fs26 {body}\\par}}"
    ).encode("ascii")


def test_unicode_escapes_are_read() -> None:
    result = read_rtf(
        word_rtf("QUY\\u7870?T \\u272?\\u7882?NH\\par " + unicode_escapes(DECLARATION))
    )
    assert result.error is None
    assert result.text == "QUYẾT ĐỊNH\n" + DECLARATION
    assert result.font_names == ("Times New Roman",)


def test_bytes_are_decoded_in_the_document_code_page() -> None:
    result = read_rtf(word_rtf(cp1258_escapes(DECLARATION), code_page=1258))
    assert result.text == DECLARATION  # combining tone marks composed (NFC)


def test_bytes_are_decoded_in_the_code_page_of_the_font_charset() -> None:
    fonts = "{\\f1\\fswiss\\fcharset163 Arial;}"
    body = "{\\f1 " + cp1258_escapes(DECLARATION) + "}\\par caf\\'e9"
    result = read_rtf(word_rtf(body, fonts=fonts))
    assert result.text == DECLARATION + "\ncafé"  # the rest is in the ANSI code page 1252
    assert result.font_names == ("Arial", "Times New Roman")


def test_legacy_font_text_comes_with_its_font_name_for_the_repair() -> None:
    typed = from_unicode(DECLARATION, "tcvn3")
    escaped = "".join(ch if ord(ch) < 128 else f"\\'{ord(ch):02x}" for ch in typed)
    result = read_rtf(word_rtf("{\\f2 " + escaped + "}", fonts="{\\f2\\fnil\\fcharset0 .VnTime;}"))
    assert result.text == typed
    assert result.font_names == (".VnTime",)
    assert repair_legacy(result.text, font_names=result.font_names) == (DECLARATION, "tcvn3")


def test_destinations_without_text_are_skipped() -> None:
    body = (
        "Tr\\u432?\\u7899?c "
        "{\\*\\bkmkstart muc1}{\\*\\bkmkend muc1}"
        '{\\field{\\*\\fldinst HYPERLINK "http://example.invalid/"}'
        "{\\fldrslt li\\u234?n k\\u7871?t}}"
        " {\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d49484452}"
        "{\\object\\objemb{\\*\\objdata 0105000002000000}}"
        "{\\*\\shppict{\\pict\\emfblip 0100}}{\\nonshppict{\\pict\\wmetafile8 0100}}"
        "{\\footnote ghi ch\\u250?}"
        "{\\*\\unknowndestination b\\u7887? qua}"
        " sau\\bin4 \\{}x"
    )
    result = read_rtf(word_rtf(body))
    assert result.text == "Trước liên kết sau"


def test_tables_symbols_and_line_breaks() -> None:
    body = (
        "\\trowd\\cellx4000\\cellx8000"
        "\\intbl S\\u7889?: 12/Q\\u272?-UBND\\cell \\intbl ng\\u224?y 05/3/2024\\cell\\row "
        "\\pard A\\tab B\\line C\\emdash D \\ldblquote E\\rdblquote  F\\~G \\{H\\} I\\\\J\\-K\n"
        "L\\\nM"
    )
    result = read_rtf(word_rtf(body))
    assert result.text.split("\n") == [
        "Số: 12/QĐ-UBND",
        "ngày 05/3/2024",
        "A\tB",
        "C—D “E” F\u00a0G {H} I\\JKL",  # line ends in the source mean nothing
        "M",  # but a backslash before one is a paragraph mark
    ]


def test_unicode_fallbacks_of_any_length_and_surrogate_pairs() -> None:
    body = "{\\uc2 \\u7889\\'3f\\'3f}{\\uc0 \\u7889}{\\u7889 x}\\u-10179?\\u-8704?"
    assert read_rtf(word_rtf(body)).text == "ốốố😀"


@pytest.mark.parametrize("data", [b"", b"plain text", b"%PDF-1.4", b"{\\rt"])
def test_what_is_not_rtf_is_an_error(data: bytes) -> None:
    result = read_rtf(data)
    assert result.text == "" and result.error is not None


def test_damaged_rtf_gives_what_can_be_read() -> None:
    data = word_rtf(unicode_escapes(DECLARATION))
    assert read_rtf(data[:-40]).text.startswith("Về việc công bố")
    assert read_rtf(data + b"}}}}\\").text == DECLARATION
    assert read_rtf(b"{\\rtf1 a\\'zz b\\'4").error is None


def test_random_damage_never_raises() -> None:
    data = bytearray(
        word_rtf(unicode_escapes(DECLARATION) + "\\par " + cp1258_escapes(DECLARATION))
    )
    generator = random.Random(1258)
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(10):
            damaged[generator.randrange(8, len(damaged))] = generator.choice(
                b"{}\\'?0123456789 abu-"
            )
        assert read_rtf(bytes(damaged)).error is None


def test_the_text_is_bounded() -> None:
    body = "\\par ".join(unicode_escapes(DECLARATION) for _ in range(20000))
    result = read_rtf(word_rtf(body), max_chars=1000)
    assert 900 < len(result.text) <= 1000
