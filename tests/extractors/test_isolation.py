"""Reading in child processes: the same result as in-process, and limits that hold."""

import io
import zipfile

from extractors import read_document
from extractors.isolation import IsolatedReader, ReadLimits, ReadRequest

POLICY = (
    "<html><body><article><h1>CHÍNH SÁCH CHẤT LƯỢNG</h1>"
    "<p>Sở Khoa học và Công nghệ cam kết xây dựng, áp dụng, duy trì và cải tiến Hệ thống "
    "quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015.</p>"
    "</article></body></html>"
).encode()


def _zip_bomb_docx(uncompressed: int) -> bytes:
    """A DOCX whose document.xml inflates to `uncompressed` bytes of XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        with archive.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * (1 << 20)
            for _ in range(uncompressed >> 20):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def test_a_child_reads_what_the_parent_would() -> None:
    with IsolatedReader(workers=1) as reader:
        isolated = reader.read(ReadRequest(data=POLICY, content_type="text/html"))
    assert isolated == read_document(POLICY, content_type="text/html")
    assert isolated.classification.doc_type == "quality_policy"


def test_an_overrun_ends_as_an_error_and_the_next_document_is_still_read() -> None:
    with IsolatedReader(workers=1, limits=ReadLimits(seconds=0.0001)) as reader:
        first = reader.read(ReadRequest(data=POLICY, content_type="text/html"))
    assert first.error is not None and "timed out" in first.error
    assert first.classification.doc_type == "not_qms"
    with IsolatedReader(workers=1, limits=ReadLimits(seconds=0.0001)) as reader:
        readings = list(reader.read_all([ReadRequest(data=POLICY)] * 3))
    assert len(readings) == 3 and all(r.error for r in readings)


def test_a_zip_bomb_hits_the_memory_limit_without_taking_the_run_down() -> None:
    bomb = _zip_bomb_docx(1536 << 20)
    assert len(bomb) < 5 << 20
    limits = ReadLimits(seconds=120, memory_bytes=768 << 20)
    with IsolatedReader(workers=1, limits=limits) as reader:
        readings = list(
            reader.read_all([ReadRequest(data=bomb, filename="bom.docx"), ReadRequest(data=POLICY)])
        )
    assert readings[0].error is not None
    assert readings[0].format == "docx"
    assert readings[1].classification.doc_type == "quality_policy"


def test_a_scan_is_ocred_inside_a_worker_under_its_memory_limit() -> None:
    from tests.extractors.renderings import scanned
    from tests.extractors.test_read_formats import LINES

    limits = ReadLimits(seconds=120, memory_bytes=768 << 20)  # Tesseract inherits the limit
    with IsolatedReader(workers=1, limits=limits) as reader:
        reading = reader.read(ReadRequest(data=scanned(LINES), filename="qd.pdf"))
    assert (reading.error, reading.ocr) == (None, True)
    assert reading.classification.doc_type == "declaration"
