"""The shape of a Vietnamese administrative document, independent of its file format.

Renderers (HTML, PDF, DOCX) lay out an `Paper`; builders in `qms_texts`, `qms2008_texts`
and `negatives` fill it with words. Layout follows Nghị định 30/2020/NĐ-CP: the issuing
body top left, the national motto top right, number and place-date line, title, body,
signature block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """A run of body text; `heading` paragraphs are set in bold."""

    text: str
    heading: bool = False


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table whose first row is the header."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """Who issues a document: the body above it, the body itself, its short code, its place."""

    parent: str | None  # "ỦY BAN NHÂN DÂN TỈNH DEMO"; None for a People's Committee
    name: str  # as running text writes it: "Sở Khoa học và Công nghệ"
    code: str  # "SKHCN", used in numbers such as 12/QĐ-SKHCN
    place: str  # "Tỉnh Demo", used in the place-date line
    head_title: str  # "GIÁM ĐỐC", "CHỦ TỊCH"


@dataclass(frozen=True, kw_only=True)
class Paper:
    """One administrative document, ready to be rendered in any format."""

    issuer: Issuer
    number: str | None  # "12/QĐ-SKHCN"; None for documents that carry no number
    issued: date
    kind: str  # "QUYẾT ĐỊNH", "CHÍNH SÁCH CHẤT LƯỢNG", "QUY TRÌNH"…
    subject: str | None  # "Về việc công bố Hệ thống quản lý chất lượng…"
    blocks: tuple[Block, ...]
    signer: str
    signer_title: str
    recipients: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """The title as one line: kind and subject."""
        return f"{self.kind} {self.subject}" if self.subject else self.kind


def place_and_date(place: str, issued: date) -> str:
    """The place-date line, with the zero padding NĐ 30/2020 asks for (days < 10, months 1-2)."""
    month = f"{issued.month:02d}" if issued.month <= 2 else str(issued.month)
    return f"{place}, ngày {issued.day:02d} tháng {month} năm {issued.year}"


def short_date(value: date) -> str:
    """A date as body text writes it: 05/3/2024."""
    return f"{value.day:02d}/{value.month}/{value.year}"


@dataclass(frozen=True, kw_only=True)
class Line:
    """One line of a paper laid out as plain text: what scans, RTF and legacy fonts show."""

    text: str
    bold: bool = False
    center: bool = False


def paper_lines(paper: Paper) -> list[Line]:
    """`paper` as lines of text in reading order; table rows become cells joined by " | "."""
    lines = [Line(text=line, center=True, bold=True) for line in _issuer_lines(paper)]
    if paper.number:
        lines.append(Line(text=f"Số: {paper.number}", center=True))
    lines += [
        Line(text=NATIONAL_NAME, center=True, bold=True),
        Line(text=NATIONAL_MOTTO, center=True, bold=True),
        Line(text=place_and_date(paper.issuer.place, paper.issued), center=True),
        Line(text=""),
        Line(text=paper.kind, center=True, bold=True),
    ]
    if paper.subject:
        lines.append(Line(text=paper.subject, center=True, bold=True))
    for block in paper.blocks:
        if isinstance(block, Paragraph):
            lines.append(Line(text=block.text, bold=block.heading))
        else:
            lines += [Line(text=" | ".join(row)) for row in block.rows]
    if paper.recipients:
        lines += [Line(text="Nơi nhận:"), *(Line(text=f"- {r}") for r in paper.recipients)]
    lines += [Line(text=t, center=True, bold=True) for t in paper.signer_title.split("\n")]
    lines += [Line(text=""), Line(text=paper.signer, center=True, bold=True)]
    return lines


def _issuer_lines(paper: Paper) -> list[str]:
    return [line for line in (paper.issuer.parent, paper.issuer.name.upper()) if line]
