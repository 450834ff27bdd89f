import subprocess
from pathlib import Path

import pytest

from extractors.doc import read_doc
from extractors.legacy_fonts import from_unicode, repair_legacy
from tests.extractors.word97 import word97_document

DECLARATION = [
    "ỦY BAN NHÂN DÂN HUYỆN TÂN PHƯỚC",
    "Số: 12/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia "
    "TCVN ISO 9001:2015 áp dụng cho hoạt động của Ủy ban nhân dân huyện",
]
LEGACY_LINE = "Về việc công bố Hệ thống quản lý chất lượng phù hợp tiêu chuẩn TCVN ISO 9001:2008"


def antiword_text(document: bytes, folder: Path) -> str:
    path = folder / "document.doc"
    path.write_bytes(document)
    done = subprocess.run(
        ["antiword", "-m", "UTF-8.txt", str(path)],
        capture_output=True,
        check=True,
        env={"LANG": "C", "HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    return done.stdout.decode("utf-8")


def test_a_unicode_word_97_file_is_read_paragraph_by_paragraph() -> None:
    result = read_doc(word97_document("\n".join(DECLARATION)))
    assert result.error is None
    assert result.text.splitlines() == DECLARATION  # one line per paragraph, no wrapping


def test_legacy_font_text_survives_for_the_repair() -> None:
    typed = from_unicode(LEGACY_LINE, "tcvn3")
    assert "\xad" in typed  # TCVN3 "ư" is the soft hyphen
    result = read_doc(word97_document(typed, encoding="cp1252"))
    assert result.error is None
    assert result.text == typed
    assert repair_legacy(result.text) == (LEGACY_LINE, "tcvn3")


def test_vni_text_survives_for_the_repair() -> None:
    typed = from_unicode(LEGACY_LINE, "vni")
    result = read_doc(word97_document(typed, encoding="cp1252"))
    assert result.text == typed
    assert repair_legacy(result.text) == (LEGACY_LINE, "vni")


def test_catdoc_reads_what_antiword_finds_no_text_in(tmp_path: Path) -> None:
    document = word97_document("\n".join(DECLARATION), piece_table=False)
    assert antiword_text(document, tmp_path).strip() == ""
    result = read_doc(document)
    assert result.error is None
    assert result.text.splitlines() == DECLARATION


def test_catdoc_keeps_the_soft_hyphen_of_tcvn3() -> None:
    typed = from_unicode(LEGACY_LINE, "tcvn3")
    result = read_doc(word97_document(typed, encoding="cp1252", piece_table=False))
    assert result.text == typed


@pytest.mark.parametrize("data", [b"", b"not a Word file", b"%PDF-1.4\n", b"PK\x03\x04"])
def test_what_is_not_an_ole2_file_is_an_error(data: bytes) -> None:
    result = read_doc(data)
    assert result.text == "" and result.error is not None


def test_a_truncated_file_is_an_error_within_the_timeout() -> None:
    result = read_doc(word97_document("QUYẾT ĐỊNH")[:600], timeout=3)
    assert result.text == ""
    assert result.error is not None and "antiword" in result.error


def test_a_tool_that_hangs_is_stopped_by_the_timeout() -> None:
    # catdoc loops for ever on this damaged block depot; antiword refuses it
    result = read_doc(word97_document("QUYẾT ĐỊNH")[:2048], timeout=1)
    assert result.text == ""
    assert result.error is not None and "timed out" in result.error


def test_the_text_is_bounded() -> None:
    result = read_doc(word97_document("\n".join(DECLARATION)), max_chars=20)
    assert result.error is None
    assert len(result.text) <= 20 and result.text.startswith("ỦY BAN")
