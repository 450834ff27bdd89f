"""Lay out a `Paper` as a DOCX file (python-docx), with stable bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from sandbox.paperwork import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Paper,
    Paragraph,
    Table,
    place_and_date,
)


def _centered(document: Document, text: str, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _header(document: Document, paper: Paper) -> None:
    left = [paper.issuer.parent or "", paper.issuer.name.upper()]
    if paper.number:
        left.append(f"Số: {paper.number}")
    right = [NATIONAL_NAME, NATIONAL_MOTTO, place_and_date(paper.issuer.place, paper.issued)]
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = "\n".join(line for line in lines if line)


def _table(document: Document, table: Table) -> None:
    width = max(len(row) for row in table.rows)
    docx_table = document.add_table(rows=len(table.rows), cols=width)
    docx_table.style = "Table Grid"
    for docx_row, row in zip(docx_table.rows, table.rows, strict=True):
        for cell, value in zip(docx_row.cells, row, strict=False):
            cell.text = value


def _closing(document: Document, paper: Paper) -> None:
    if paper.recipients:
        document.add_paragraph("Nơi nhận:\n" + "\n".join(f"- {r}" for r in paper.recipients))
    _centered(document, paper.signer_title, bold=True)
    _centered(document, paper.signer, bold=True)


def _stable_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite a zip with every entry dated `stamp`, so equal content gives equal bytes."""
    out = io.BytesIO()
    date_time = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def paper_to_docx(paper: Paper) -> bytes:
    """The DOCX bytes of `paper`; the same paper always gives the same bytes."""
    document = docx.Document()
    stamp = datetime(paper.issued.year, paper.issued.month, paper.issued.day, tzinfo=UTC)
    properties = document.core_properties
    properties.title = paper.title
    properties.author = paper.issuer.name
    properties.created = stamp
    properties.modified = stamp
    _header(document, paper)
    _centered(document, paper.kind, bold=True)
    if paper.subject:
        _centered(document, paper.subject, bold=True)
    for block in paper.blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph().add_run(block.text).bold = block.heading
        else:
            _table(document, block)
    _closing(document, paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), stamp)
