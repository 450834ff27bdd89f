"""The text of a DOCX file with python-docx: headers, then body paragraphs and tables in order.

The fonts named by its runs and styles come with it, for the legacy-encoding repair: text
typed in `.VnTime` or `VNI-Times` is stored as the Windows-1252 reading of its bytes.
The same bytes always give the same text: tables are walked in the order of their XML, never
through object identities (python-docx makes a new proxy for a cell at each access, and
Python reuses the ids of freed ones). A zip bomb is refused before python-docx loads every
part into memory (`extractors.zip_packages`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from extractors.zip_packages import package_problem

__all__ = ["DocxText", "read_docx"]


@dataclass(frozen=True)
class DocxText:
    text: str
    error: str | None
    font_names: tuple[str, ...] = ()  # of runs and styles, in order of first mention


def _table_lines(table: Table) -> Iterator[str]:
    """Cell by cell, row by row, left column first, like a layout-aware PDF reader.

    Each `w:tc` element is read once, so a merged cell is read once: one spanning columns
    is a single element, and the cells below the first of a vertical merge hold nothing."""
    for row in table._tbl.tr_lst:
        for tc in row.tc_lst:
            yield from _block_lines(_Cell(tc, table))


def _block_lines(container: DocumentObject | _Cell) -> Iterator[str]:
    """The paragraphs and tables of the body or of a cell, in document order."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from _table_lines(block)


def _header_lines(document: DocumentObject) -> Iterator[str]:
    for section in document.sections:
        if section.header.is_linked_to_previous:
            continue
        for paragraph in section.header.paragraphs:
            yield paragraph.text


_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


def _font_names(document: DocumentObject) -> tuple[str, ...]:
    """The fonts that the body, the headers and the styles set, in order of first mention."""
    parts = [document.element, document.styles.element]
    parts += [section.header._element for section in document.sections]
    names: dict[str, None] = {}
    for part in parts:
        for fonts in part.xpath(".//w:rFonts"):
            for attribute in _FONT_ATTRIBUTES:
                name = fonts.get(qn(attribute))
                if name:
                    names[name] = None
    return tuple(names)


def read_docx(data: bytes) -> DocxText:
    """Return the text of a DOCX file, or an error when it cannot be opened."""
    try:
        refused = package_problem(data, kind="DOCX")
        if refused is not None:
            return DocxText("", refused)
        document = Document(io.BytesIO(data))
        lines = [*_header_lines(document), *_block_lines(document)]
        fonts = _font_names(document)
    except Exception as exc:  # a bad zip, bad XML, a missing part: python-docx raises many kinds
        return DocxText("", f"unreadable DOCX ({type(exc).__name__}: {str(exc)[:120]})")
    return DocxText("\n".join(line.strip() for line in lines if line.strip()), None, fonts)
