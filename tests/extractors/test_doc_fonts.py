import io
import struct

import xlrd.compdoc
import xlwt

from extractors.compound_file import read_stream
from extractors.doc import read_doc
from extractors.doc_fonts import doc_font_names
from extractors.legacy_fonts import detect_legacy, from_unicode, repair_legacy
from tests.extractors.word97 import SECTOR, compound_file, word97_document

STREAMS = {
    "WordDocument": bytes(range(256)) * 20,  # 5120 bytes: ordinary sectors
    "1Table": b"\x02table" * 100,  # 600 bytes: the mini stream
    "\x05SummaryInformation": b"",
    "Data": b"x" * 4096,  # exactly the cutoff: ordinary sectors
}


def test_streams_come_back_as_written() -> None:
    container = compound_file(STREAMS)
    for name, data in STREAMS.items():
        assert read_stream(container, name) == data, name
    assert read_stream(container, "0Table") is None


def test_the_builder_and_the_reader_agree_with_xlrd() -> None:
    # xlrd's compound-file reader is an independent implementation of [MS-CFB]
    container = compound_file(STREAMS)
    other = xlrd.compdoc.CompDoc(container, logfile=io.StringIO())
    for name, data in STREAMS.items():
        if data:
            assert other.get_named_stream(name) == data, name
    workbook = xlwt.Workbook()
    workbook.add_sheet("Quy trình").write(0, 0, "Kiểm soát tài liệu")
    buffer = io.BytesIO()
    workbook.save(buffer)
    xls = buffer.getvalue()
    expected = xlrd.compdoc.CompDoc(xls, logfile=io.StringIO()).get_named_stream("Workbook")
    assert read_stream(xls, "Workbook") == expected


def test_a_looping_chain_gives_none_not_a_hang() -> None:
    container = bytearray(compound_file(STREAMS))
    fat_offset = SECTOR  # the FAT is the first sector
    fat = struct.unpack_from(f"<{SECTOR // 4}I", container, fat_offset)
    last = max(index for index, next_sector in enumerate(fat) if next_sector == 0xFFFFFFFE)
    struct.pack_into("<I", container, fat_offset + last * 4, last)  # points at itself
    assert read_stream(bytes(container), "WordDocument") is None  # the last chain written
    assert read_stream(bytes(container), "Data") == STREAMS["Data"]


def test_damaged_containers_give_none() -> None:
    container = compound_file(STREAMS)
    for damaged in [b"", b"garbage" * 100, container[:700], container[:SECTOR]]:
        assert read_stream(damaged, "WordDocument") is None
    assert read_stream(container, "WordDocument", max_bytes=100) is None


def test_the_font_table_of_a_word_file_is_read() -> None:
    fonts = ["Times New Roman", ".VnTime", ".VnTimeH", "VNI-Times", "Arial"]
    assert doc_font_names(word97_document("Quyết định", fonts=fonts)) == tuple(fonts)


def test_files_without_a_readable_font_table_give_no_names() -> None:
    document = word97_document("Quyết định")
    assert doc_font_names(document[:1000]) == ()
    assert doc_font_names(b"not a Word file") == ()
    assert doc_font_names(compound_file({"WordDocument": b"\xec\xa5\xc1\x00" + bytes(4096)})) == ()
    assert doc_font_names(word97_document("x", fonts=[])) == ()


def test_a_short_legacy_text_is_repaired_thanks_to_the_font_table() -> None:
    typed = from_unicode("quản lý", "tcvn3")
    result = read_doc(
        word97_document(typed, encoding="cp1252", fonts=["Times New Roman", ".VnTime"])
    )
    assert result.text == typed and result.font_names == ("Times New Roman", ".VnTime")
    assert detect_legacy(result.text) is None  # too short to tell from the text alone
    assert repair_legacy(result.text, font_names=result.font_names) == (
        "quản lý",
        "tcvn3",
    )
