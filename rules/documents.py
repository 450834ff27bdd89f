"""Questions the rules ask of an agency's documents, and how findings name a document."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from rules.facts import AgencyFacts, DocumentFacts, UnreadableCandidate

NOT_QMS = "not_qms"

# How findings name a document type, in Vietnamese.
DOC_TYPE_LABELS: dict[str, str] = {
    "declaration": "quyết định công bố HTQLCL",
    "quality_policy": "chính sách chất lượng",
    "quality_objectives": "mục tiêu chất lượng",
    "quality_manual": "sổ tay chất lượng",
    "process_list": "danh mục quy trình",
    "procedure": "quy trình",
    "plan": "kế hoạch",
    "report": "báo cáo",
    "internal_audit": "tài liệu đánh giá nội bộ",
    "management_review": "tài liệu xem xét của lãnh đạo",
}


def qms_documents(agency: AgencyFacts) -> tuple[DocumentFacts, ...]:
    """The agency's QMS documents (anything classified `not_qms` does not count)."""
    return tuple(document for document in agency.documents if document.doc_type != NOT_QMS)


def of_type(agency: AgencyFacts, *doc_types: str) -> tuple[DocumentFacts, ...]:
    return tuple(document for document in agency.documents if document.doc_type in doc_types)


def unreadable_of_type(agency: AgencyFacts, *doc_types: str) -> tuple[UnreadableCandidate, ...]:
    """Links named as documents of these types that could not be downloaded or read."""
    return tuple(candidate for candidate in agency.unreadable if candidate.doc_type in doc_types)


def stated_versions(documents: Iterable[DocumentFacts]) -> set[str]:
    """The ISO 9001 editions the documents adopt, of those that state one."""
    return {document.iso_version for document in documents if document.iso_version}


def document_year(document: DocumentFacts) -> int | None:
    """The year a document is for (objectives, a plan, a report); its issue year when the
    year is not stated."""
    if document.year is not None:
        return document.year
    return document.issued.year if document.issued is not None else None


def objectives_year(document: DocumentFacts) -> int | None:
    """The year a set of objectives is for; its issue year when the year is not stated."""
    return document_year(document)


def years_text(first: int, last: int) -> str:
    """Years as findings write them: "năm 2026", "năm 2025 hoặc năm 2026", "từ năm 2024
    đến năm 2026"."""
    if first >= last:
        return f"năm {last}"
    if first == last - 1:
        return f"năm {first} hoặc năm {last}"
    return f"từ năm {first} đến năm {last}"


def newest_dated(documents: Iterable[DocumentFacts]) -> DocumentFacts | None:
    """The document with the latest issue date, of those that have one."""
    dated = [document for document in documents if document.issued is not None]
    return max(dated, key=lambda document: document.issued or date.min, default=None)


def day(value: date) -> str:
    """A date the way Vietnamese documents write it: 05/03/2024."""
    return value.strftime("%d/%m/%Y")


def capitalized(text: str) -> str:
    """The first letter in upper case, the rest as it is: "quyết định công bố HTQLCL"."""
    return text[:1].upper() + text[1:]


def edition(version: str) -> str:
    return f"TCVN ISO 9001:{version}"


def document_label(document: DocumentFacts) -> str:
    """How a finding names a document: its number and date, else its title, else its URL."""
    parts = []
    if document.number:
        parts.append(f"số {document.number}")
    if document.issued is not None:
        parts.append(f"ngày {day(document.issued)}")
    if parts:
        return " ".join(parts)
    return f"“{document.title}”" if document.title else document.url


_NOT_KEY = re.compile(r"[^0-9a-z/]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ as d), one space between words, for matching only:
    "ỦY BAN NHÂN DÂN  Huyện" -> "uy ban nhan dan huyen"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return _SPACES.sub(" ", plain).strip()


def subject_key(text: str) -> str:
    """Lower case, no diacritics, a hyphen for any run of other signs: "QĐ-UBND 12" ->
    "qd-ubnd-12"."""
    return _NOT_KEY.sub("-", fold(text)).strip("-")


def document_subject(document: DocumentFacts) -> str:
    """A document's key within its agency, stable across runs and URL changes.

    Its number when it has one ("12/QĐ-UBND"; a CMS may move the file, the number stays),
    else its type and year, else its type and title, else the path of its URL.
    """
    if document.number:
        return f"{document.doc_type}:{subject_key(document.number)}"
    if document.year is not None:
        return f"{document.doc_type}:{document.year}"
    if document.title:
        return f"{document.doc_type}:{subject_key(document.title)[:120]}"
    return f"{document.doc_type}:{urlsplit(document.url).path}"
