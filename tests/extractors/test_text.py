from extractors.text import decode_text
from extractors.vietnamese import normalize
from tests.extractors.documents import windows_1258

SAMPLE = "Quyết định công bố Hệ thống quản lý chất lượng Đồng Tháp, ưu tiên thủ tục"


def test_utf8() -> None:
    decoded = decode_text(SAMPLE.encode())
    assert (decoded.text, decoded.encoding, decoded.legacy) == (SAMPLE, "utf-8", False)


def test_windows_1258_detected_without_a_declaration() -> None:
    decoded = decode_text(windows_1258(SAMPLE))
    assert decoded.legacy and decoded.encoding == "cp1258"
    assert normalize(decoded.text) == SAMPLE


def test_windows_1258_declared_western_is_still_detected() -> None:
    decoded = decode_text(windows_1258(SAMPLE), declared="iso-8859-1")
    assert normalize(decoded.text) == SAMPLE


def test_declared_windows_1258() -> None:
    decoded = decode_text(windows_1258(SAMPLE), declared="windows-1258")
    assert decoded.encoding == "cp1258" and normalize(decoded.text) == SAMPLE


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    assert decode_text(SAMPLE.encode(), declared="iso-8859-1").text == SAMPLE


def test_byte_order_marks() -> None:
    assert decode_text(b"\xef\xbb\xbf" + SAMPLE.encode()).text == SAMPLE
    assert decode_text(SAMPLE.encode("utf-16")).text == SAMPLE


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_text(SAMPLE.encode(), declared="x-no-such-charset").text == SAMPLE
