import io
import zipfile

import pytest

from extractors.odt import read_odt

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
BODY = """
<table:table table:name="Header">
  <table:table-column table:number-columns-repeated="2"/>
  <table:table-row>
    <table:table-cell>
      <text:p>ỦY BAN NHÂN DÂN</text:p><text:p>HUYỆN TÂN PHƯỚC</text:p>
    </table:table-cell>
    <table:table-cell><text:p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell><text:p>Số: 12/QĐ-UBND</text:p></table:table-cell>
    <table:table-cell><text:p>Tân Phước, ngày 05 tháng 3 năm 2024</text:p></table:table-cell>
  </table:table-row>
</table:table>
<text:h text:outline-level="1">QUYẾT ĐỊNH</text:h>
<text:p>Về việc <text:span>công bố</text:span> Hệ thống<text:s/>quản lý<text:s text:c="3"/>chất
  lượng<office:annotation>
    <dc:creator>An</dc:creator><text:p>xem lại</text:p>
  </office:annotation></text:p>
<text:p>phù hợp<text:tab/>TCVN ISO 9001:2015<text:note text:note-class="footnote">
    <text:note-citation>1</text:note-citation>
    <text:note-body><text:p>chú thích</text:p></text:note-body>
  </text:note><text:line-break/>Điều 1.</text:p>
<text:tracked-changes>
  <text:changed-region text:id="c1">
    <text:deletion><text:p>văn bản đã xóa</text:p></text:deletion>
  </text:changed-region>
</text:tracked-changes>
<text:list>
  <text:list-item><text:p>Chính sách chất lượng</text:p></text:list-item>
  <text:list-item><text:p>Mục tiêu chất lượng</text:p></text:list-item>
</text:list>
<text:p><draw:frame><draw:text-box><text:p>Nơi nhận:</text:p></draw:text-box></draw:frame></text:p>
"""
EXPECTED = [
    "Trang đầu",
    "ỦY BAN NHÂN DÂN",
    "HUYỆN TÂN PHƯỚC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 12/QĐ-UBND",
    "Tân Phước, ngày 05 tháng 3 năm 2024",
    "QUYẾT ĐỊNH",
    "Về việc công bố Hệ thống quản lý chất lượng",
    "phù hợp TCVN ISO 9001:2015",
    "Điều 1.",
    "Chính sách chất lượng",
    "Mục tiêu chất lượng",
    "Nơi nhận:",
]


def content_xml(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES} '
        f'office:version="1.3"><office:body><office:text>{body}</office:text></office:body>'
        "</office:document-content>"
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NAMESPACES}>'
    '<office:master-styles><style:master-page style:name="Standard">'
    "<style:header><text:p>Trang đầu</text:p></style:header>"
    "</style:master-page></office:master-styles></office:document-styles>"
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def odt(content: str | None, styles: str | None = STYLES) -> bytes:
    """An ODT package as LibreOffice lays it out: the mimetype first and stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        if content is not None:
            archive.writestr("content.xml", content)
        if styles is not None:
            archive.writestr("styles.xml", styles)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return buffer.getvalue()


def test_headers_paragraphs_lists_and_table_cells_are_read_in_order() -> None:
    result = read_odt(odt(content_xml(BODY)))
    assert result.error is None
    assert result.text.splitlines() == EXPECTED


def test_without_styles_there_is_no_header() -> None:
    result = read_odt(odt(content_xml(BODY), styles=None))
    assert result.text.splitlines() == EXPECTED[1:]


def test_entity_expansion_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f"<office:document-content {NAMESPACES}><office:body><office:text>"
        "<text:p>&lol2;</text:p></office:text></office:body></office:document-content>"
    )
    result = read_odt(odt(bomb))
    assert result.text == "" and result.error is not None


@pytest.mark.parametrize(
    "data",
    [b"", b"not a zip", odt(None), odt("<office:document-content"), odt(content_xml(BODY))[:200]],
)
def test_bad_files_are_errors(data: bytes) -> None:
    result = read_odt(data)
    assert result.text == "" and result.error is not None


def test_deep_nesting_is_cut_not_crashed() -> None:
    deep = "<text:span>" * 5000 + "sâu" + "</text:span>" * 5000
    result = read_odt(odt(content_xml(f"<text:p>Mở đầu</text:p><text:p>{deep}</text:p>")))
    assert result.error is None
    assert result.text.splitlines()[:2] == ["Trang đầu", "Mở đầu"]


def test_reading_stops_after_max_chars() -> None:
    body = "<text:p>Quy trình kiểm soát tài liệu và hồ sơ</text:p>" * 50_000
    result = read_odt(odt(content_xml(body)), max_chars=1000)
    assert result.error is None and 900 < len(result.text) <= 1000
