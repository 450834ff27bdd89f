"""The labelled corpus: per-type precision/recall and adopted-version accuracy.

The corpus is every file as it is plus, for the rows whose `render` column names them, the
same document written out as a real file of another format (`renderings.py`: scans, legacy
TCVN3/VNI fonts, DOC, XLS(X), ODT, RTF, windows-1258 HTML, NFD text). Every text document
is also read as a PDF and as a DOCX made from its lines, and as a PDF with its header laid
out in two columns; each must classify the same way as the text.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors import DOC_TYPES, Reading, read_document
from extractors.vietnamese import fold
from tests.extractors.documents import make_docx, make_pdf
from tests.extractors.renderings import RENDERINGS

CORPUS = Path(__file__).parent / "corpus"
TYPE_ACCURACY = 0.97
VERSION_ACCURACY = 0.99
MIN_SCAN_CONFIDENCE = 85.0


FORMATS = {"html", "txt", "pdf", "docx", "doc", "xls", "xlsx", "odt", "rtf", "image"}
OCRED = {"scan", "photo"}
# What each rendering must show in the Reading besides its type: OCR, or a named repair.
EXPECTED_REPAIR = {
    "html-cp1258": "windows-1258",
    **{name: name.rsplit("-", 1)[1] for name in RENDERINGS if name.endswith(("-tcvn3", "-vni"))},
}


@dataclass(frozen=True)
class Label:
    file: str
    doc_type: str
    iso_version: str | None
    renders: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One document of the corpus: a file as it is (rendering None) or rendered."""

    label: Label
    rendering: str | None

    @property
    def name(self) -> str:
        return self.label.file + (f" as {self.rendering}" if self.rendering else "")

    def data(self) -> bytes:
        if self.rendering is None:
            return (CORPUS / self.label.file).read_bytes()
        lines = (CORPUS / self.label.file).read_text(encoding="utf-8").splitlines()
        return RENDERINGS[self.rendering][1](lines)


def _labels() -> list[Label]:
    with (CORPUS / "labels.csv").open(encoding="utf-8") as handle:
        return [
            Label(
                row["file"],
                row["doc_type"],
                row["iso_version"] or None,
                tuple(row["render"].split()),
            )
            for row in csv.DictReader(handle)
        ]


LABELS = _labels()
TEXT_LABELS = [label for label in LABELS if label.file.endswith(".txt")]
ITEMS = [Item(label, None) for label in LABELS] + [
    Item(label, rendering) for label in LABELS for rendering in label.renders
]


def _scores(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float, int]]:
    """Precision, recall and support per type from (expected, found) pairs."""
    scores = {}
    for doc_type in DOC_TYPES:
        true_positive = sum(1 for want, got in pairs if want == got == doc_type)
        found = sum(1 for _, got in pairs if got == doc_type)
        support = sum(1 for want, _ in pairs if want == doc_type)
        precision = true_positive / found if found else 1.0
        recall = true_positive / support if support else 1.0
        scores[doc_type] = (precision, recall, support)
    return scores


def test_every_file_is_labelled_and_every_type_is_covered() -> None:
    files = {path.name for path in CORPUS.iterdir()} - {"labels.csv", "README.md"}
    assert files == {label.file for label in LABELS}
    assert {label.doc_type for label in LABELS} == set(DOC_TYPES)
    assert all(label.doc_type in DOC_TYPES for label in LABELS)
    assert len(LABELS) >= 150
    assert all(rendering in RENDERINGS for label in LABELS for rendering in label.renders)


def test_every_format_and_quirk_is_in_the_corpus() -> None:
    renderings = {item.rendering for item in ITEMS}
    assert renderings >= set(RENDERINGS)
    formats = {RENDERINGS[name][0] for name in RENDERINGS} | {"html", "txt"}
    assert formats == FORMATS
    scanned_types = {item.label.doc_type for item in ITEMS if item.rendering == "scan"}
    assert len(scanned_types) >= 5 and "not_qms" in scanned_types


def _quirk_problem(item: Item, reading: Reading) -> str | None:
    """What is wrong with the format, OCR or repair of a rendered document, or None."""
    if item.rendering is None:
        return None
    fmt = RENDERINGS[item.rendering][0]
    want = (fmt, item.rendering in OCRED, EXPECTED_REPAIR.get(item.rendering), None)
    got = (reading.format, reading.ocr, reading.encoding_repair, reading.error)
    if want != got:
        return f"{item.name}: expected {want}, got {got}"
    confidence = reading.ocr_confidence
    if item.rendering in OCRED and (confidence is None or confidence < MIN_SCAN_CONFIDENCE):
        return f"{item.name}: OCR confidence {confidence}"
    return None


def test_type_and_version_accuracy_over_the_corpus() -> None:
    pairs: list[tuple[str, str]] = []
    wrong: list[str] = []
    quirks: list[str] = []
    versions_right = 0
    by_format: dict[str, list[bool]] = {}
    for item in ITEMS:
        found = read_document(item.data(), filename=None if item.rendering else item.label.file)
        got = found.classification
        pairs.append((item.label.doc_type, got.doc_type))
        versions_right += got.iso_version == item.label.iso_version
        right = (got.doc_type, got.iso_version) == (item.label.doc_type, item.label.iso_version)
        by_format.setdefault(item.rendering or found.format, []).append(right)
        if not right:
            wrong.append(f"{item.name}: {got.doc_type}/{got.iso_version} {got.cues}")
        if (problem := _quirk_problem(item, found)) is not None:
            quirks.append(problem)
    print(
        f"\n{len(ITEMS)} documents ({len(LABELS)} files and {len(ITEMS) - len(LABELS)} renderings)"
    )
    print(f"{'type':<20}{'precision':>10}{'recall':>8}{'n':>5}")
    for doc_type, (precision, recall, support) in _scores(pairs).items():
        print(f"{doc_type:<20}{precision:>10.2f}{recall:>8.2f}{support:>5}")
    print("right per format: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in by_format.items()))
    type_accuracy = sum(want == got for want, got in pairs) / len(pairs)
    version_accuracy = versions_right / len(ITEMS)
    print(f"type accuracy {type_accuracy:.3f}, adopted-version accuracy {version_accuracy:.3f}")
    print("\n".join(wrong + quirks))
    assert quirks == []
    assert type_accuracy >= TYPE_ACCURACY
    assert version_accuracy >= VERSION_ACCURACY


@pytest.mark.parametrize("label", TEXT_LABELS, ids=lambda label: label.file)
def test_pdf_and_docx_renderings_classify_like_the_text(label: Label) -> None:
    lines = (CORPUS / label.file).read_text(encoding="utf-8").splitlines()
    # reportlab draws decomposed marks as glyphs of their own: the PDF gets composed text
    composed = [unicodedata.normalize("NFC", line) for line in lines]
    for data, fmt in ((make_pdf(composed), "pdf"), (make_docx(lines), "docx")):
        reading = read_document(data)
        assert (reading.format, reading.error) == (fmt, None)
        found = reading.classification
        assert (found.doc_type, found.iso_version) == (label.doc_type, label.iso_version), (
            fmt,
            found.cues,
        )


_KIND = re.compile(
    r"(quyet dinh|ke hoach|bao cao|quy trinh|chinh sach|muc tieu|so tay|mo hinh|danh muc"
    r"|bien ban|chuong trinh|thong bao|huong dan)"
)
_RIGHT_COLUMN = re.compile(r"cong hoa|doc lap|ngay \d")


def _two_columns(lines: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """Split a document's header like an official layout: agency and number on the left,
    motto and date on the right; the body below. None when it has no such header."""
    left: list[str] = []
    right: list[str] = []
    for index, line in enumerate(lines):
        folded = fold(line)
        if _KIND.match(folded) and line.upper() == line:
            return (left, right, lines[index:]) if left else None
        (right if _RIGHT_COLUMN.search(folded) else left).append(line)
    return None


def _text(label: Label) -> str:
    return unicodedata.normalize("NFC", (CORPUS / label.file).read_text(encoding="utf-8"))


HEADED = [label for label in TEXT_LABELS if _two_columns(_text(label).splitlines())]


def test_most_text_documents_have_a_header_to_lay_out() -> None:
    assert len(HEADED) >= 60


@pytest.mark.parametrize("label", HEADED, ids=lambda label: label.file)
def test_a_two_column_header_pdf_gives_the_same_metadata(label: Label) -> None:
    text = _text(label)
    layout = _two_columns(text.splitlines())
    assert layout is not None
    left, right, body = layout
    from_pdf = read_document(make_pdf(body, header=(left, right))).classification
    from_text = read_document(text.encode()).classification
    assert from_pdf.doc_type == from_text.doc_type == label.doc_type
    fields = ("iso_version", "number", "issued", "issuer", "signer", "year")
    assert [getattr(from_pdf, name) for name in fields] == [
        getattr(from_text, name) for name in fields
    ]
