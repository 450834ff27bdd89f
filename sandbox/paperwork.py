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
