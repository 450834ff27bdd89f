import pytest

from extractors.formats import sniff_format
from tests.extractors.documents import make_docx, make_pdf

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


def test_magic_bytes_win_over_the_hints() -> None:
    pdf = make_pdf(["Chính sách chất lượng"])
    assert sniff_format(pdf, content_type="text/html", filename="x.docx") == "pdf"
    assert sniff_format(make_docx(["a"]), content_type="application/octet-stream") == "docx"


@pytest.mark.parametrize(
    ("data", "hints", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", {}, "html"),
        (b"\xef\xbb\xbf  <html lang='vi'>", {}, "html"),
        (b"<!-- cms --><div>ISO</div>", {}, "html"),
        ("Quyết định công bố".encode(), {}, "txt"),
        ("Quyết định".encode(), {"content_type": "text/html; charset=utf-8"}, "html"),
        (OLE, {"filename": "qd.doc"}, "doc"),
        (OLE, {"url": "http://x.gov.vn/a/bang.xls"}, "xls"),
        (OLE, {}, "doc"),
        (b"PK\x03\x04garbage", {}, "zip"),
        (b"Rar!\x1a\x07\x00", {}, "rar"),
        (b"\x89PNG\r\n\x1a\n", {}, "image"),
        (b"\x00\x01\x02\x03\x04\x05" * 50, {}, "unknown"),
        (b"%PDF-1.4 broken", {}, "pdf"),
        (b"not a pdf at all \x00\x01\x02" * 3, {"filename": "x.pdf"}, "pdf"),
    ],
)
def test_sniff(data: bytes, hints: dict[str, str], expected: str) -> None:
    assert sniff_format(data, **hints) == expected


def test_an_ole_file_is_told_apart_by_its_streams_whatever_its_name() -> None:
    from tests.extractors.renderings import doc, xls

    workbook, document = xls(["Mục tiêu chất lượng năm 2026"]), doc(["Quyết định"])
    assert sniff_format(workbook) == "xls"
    assert sniff_format(workbook, filename="bang.doc") == "xls"
    assert sniff_format(document, url="http://x.gov.vn/tai-lieu.xls") == "doc"
