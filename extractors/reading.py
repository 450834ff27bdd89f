"""The values that reading a document produces: Reading, Classification, LegalBasis."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.vietnamese import fold

__all__ = ["DOC_TYPES", "NOT_QMS", "Classification", "LegalBasis", "Reading"]

NOT_QMS = "not_qms"

DOC_TYPES: tuple[str, ...] = (
    "declaration",
    "quality_policy",
    "quality_objectives",
    "quality_manual",
    "process_list",
    "procedure",
    "plan",
    "report",
    "internal_audit",
    "management_review",
    NOT_QMS,
)


@dataclass(frozen=True, kw_only=True)
class LegalBasis:
    """One "Căn cứ …" reference of a document.

    type: "law", "decree", "decision", "circular", "resolution", "directive",
    "official_letter", "plan", "standard" or "other".
    number: the number and symbol as written, e.g. "19/2014/QĐ-TTg" (None for a law cited
    by name only). year: from the number or the date. issuer: "Thủ tướng Chính phủ", …
    text: the whole reference, one line.
    """

    type: str
    number: str | None
    year: int | None
    issuer: str | None
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "year": self.year,
            "issuer": self.issuer,
            "text": self.text,
        }


@dataclass(frozen=True, kw_only=True)
class Classification:
    """What a document is and what it says about itself.

    iso_version is the edition the document adopts ("2015", "2008", "2026", None when it
    adopts none or is not a QMS document); versions_mentioned are all editions it names.
    year is the year a set of objectives, a plan or a report is for. cues say in words
    what decided the type and the version.

    signer_title: the signature title over the signer's name, lines joined with " / "
    ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"); its last line is the signer's position. scope_list:
    the document lists (or points to an attached list of) the procedures, sectors or
    processes it covers. cited_texts: the number of every legal text cited anywhere.
    vocabulary: (edition, phrase) for each phrase typical of one edition found in the body
    ("2008", "hành động phòng ngừa"). held: the QMS activities the text says were held
    ("internal_audit", "management_review").
    """

    doc_type: str = NOT_QMS
    iso_version: str | None = None
    versions_mentioned: tuple[str, ...] = ()
    year: int | None = None
    number: str | None = None
    issued: date | None = None
    issuer: str | None = None
    signer: str | None = None
    scope: str | None = None
    legal_bases: tuple[LegalBasis, ...] = ()
    cues: tuple[str, ...] = ()
    signer_title: str | None = None
    scope_list: bool = False
    cited_texts: tuple[str, ...] = ()
    vocabulary: tuple[tuple[str, str], ...] = ()
    held: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "iso_version": self.iso_version,
            "versions_mentioned": list(self.versions_mentioned),
            "year": self.year,
            "number": self.number,
            "issued": self.issued.isoformat() if self.issued else None,
            "issuer": self.issuer,
            "signer": self.signer,
            "scope": self.scope,
            "legal_bases": [basis.as_dict() for basis in self.legal_bases],
            "cues": list(self.cues),
            "signer_title": self.signer_title,
            "scope_list": self.scope_list,
            "cited_texts": list(self.cited_texts),
            "vocabulary": _vocabulary_dict(self.vocabulary),
            "held": list(self.held),
        }


def _vocabulary_dict(vocabulary: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """{"2008": ["hành động phòng ngừa", …]}: the phrases found, by edition."""
    by_edition: dict[str, list[str]] = {}
    for edition, phrase in vocabulary:
        by_edition.setdefault(edition, []).append(phrase)
    return by_edition


# What portals stamp anew on every answer, wherever it stands: today's date with the clock
# ("Thứ Tư, 02/12/2026 11:19:58"), today's date after its weekday, a line of a date alone,
# a time, a visitor counter ("Lượt truy cập: 1.234.567", "Đang online: 12"). Matched
# on folded text, whose offsets are the original's.
_WEEKDAY = r"(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)"
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_TIME = r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])(?:\s*[ap]m)?"  # not of "9001:2015"
_STAMPS = re.compile(
    rf"(?:{_WEEKDAY}\s*,?\s*)?(?:ngay\s+)?{_DATE}\s*[-,|]?\s*(?:luc\s+)?{_TIME}"
    rf"|{_WEEKDAY}\s*,?\s*(?:ngay\s+)?{_DATE}"
    rf"|^\s*{_DATE}\s*$|{_TIME}"
    r"|\b(?:luot truy cap|tong (?:so )?luot truy cap|so luot truy cap|luot xem|da xem"
    r"|dang truy cap|dang online|truc tuyen|online|hom nay|hom qua|tuan nay|thang nay"
    r"|thang hien tai|nam nay|tong cong|khach|thanh vien)\s*:?\s*\d[\d.,]*",
    re.MULTILINE,
)


def _without_stamps(text: str) -> str:
    kept, end = [], 0
    for stamp in _STAMPS.finditer(fold(text)):
        kept.append(text[end : stamp.start()])
        end = stamp.end()
    kept.append(text[end:])
    return " ".join("".join(kept).split())


@dataclass(frozen=True, kw_only=True)
class Reading:
    """The text of one document and its classification.

    format: "html", "pdf", "docx", "doc", "xlsx", "xls", "odt", "rtf", "txt", "image"
    (read by OCR), or a recognised but unsupported format ("zip", "rar", "7z"), or
    "unknown". error: a short English reason when the text could not be read; the
    classification is then "not_qms".
    encoding_repair names a repair applied to the text ("tcvn3", "vni", "windows-1258",
    "pdf-glyph-oi"), None when none was needed. ocr: some pages were read by OCR (their
    1-based numbers in ocr_pages); ocr_confidence is then Tesseract's mean word confidence
    over them (0-100). rendering: "print", "save" or "pdf_preview" when the page is a print,
    save-as or PDF-preview rendering of a post (its words again at another URL; typed
    "not_qms"), None otherwise.
    """

    format: str
    title: str | None = None
    text: str = ""
    ocr: bool = False
    ocr_confidence: float | None = None
    ocr_pages: tuple[int, ...] = ()
    encoding_repair: str | None = None
    error: str | None = None
    classification: Classification = field(default_factory=Classification)
    rendering: str | None = None

    @property
    def fingerprint(self) -> str | None:
        """A hash of what the page says (its title and main text, spaces folded, clocks
        and visitor counters left out), for a page read without error; None for files.
        Two fetches of a page whose counter, clock or view state changed, and nothing
        else, have one fingerprint."""
        if self.format != "html" or self.error is not None:
            return None
        said = _without_stamps(f"{self.title or ''}\n{self.text}")
        return hashlib.sha256(said.encode("utf-8")).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.classification.as_dict(),
            "format": self.format,
            "title": self.title,
            "encoding_repair": self.encoding_repair,
            "ocr": self.ocr,
            "ocr_confidence": self.ocr_confidence,
            "ocr_pages": list(self.ocr_pages),
            "error": self.error,
            "rendering": self.rendering,
        }
