"""Vietnamese text in legacy forms: TCVN3 and VNI font codes, windows-1258, no marks, NFD."""

from __future__ import annotations

import unicodedata

import pytest

from sandbox.legacy_text import to_nfd, to_tcvn3, to_vni, to_windows_1258, without_diacritics


@pytest.mark.parametrize(
    ("text", "tcvn3", "vni"),
    [
        ("quản lý chất lượng", "qu¶n lý chÊt l\xadîng", "quaûn lyù chaát löôïng"),
        ("Hệ thống", "HÖ thèng", "Heä thoáng"),
        ("đường", "®\xadêng", "ñöôøng"),
        ("ĐỊNH", "§ÞNH", "ÑÒNH"),  # TCVN3 capitals without a code of their own: lower-case codes
        ("ISO 9001:2015", "ISO 9001:2015", "ISO 9001:2015"),
    ],
)
def test_legacy_font_codes(text: str, tcvn3: str, vni: str) -> None:
    assert to_tcvn3(text) == tcvn3
    assert to_vni(text) == vni


def test_tcvn3_and_vni_read_as_windows_1252_bytes() -> None:
    text = "Quyết định công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2008"
    assert to_tcvn3(text).encode("cp1252")
    assert to_vni(text).encode("cp1252")
    assert to_tcvn3(text) != text and to_vni(text) != text


def test_windows_1258_keeps_tone_marks_as_combining_characters() -> None:
    text = "Quyết định công bố Hệ thống quản lý chất lượng"
    encoded = to_windows_1258(text)
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == text
    assert encoded.decode("cp1258") != text  # "ế" is "ê" + a combining acute in cp1258
    with pytest.raises(UnicodeDecodeError):
        encoded.decode("utf-8")


def test_titles_without_marks_and_nfd() -> None:
    assert (
        without_diacritics("Quyết định công bố HTQLCL Đợt 1") == "Quyet dinh cong bo HTQLCL Dot 1"
    )
    decomposed = to_nfd("chất lượng")
    assert decomposed != "chất lượng" and unicodedata.normalize("NFC", decomposed) == "chất lượng"
