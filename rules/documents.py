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


def objectives_year(document: DocumentFacts) -> int | None:
    """The year a set of objectives is for; its issue year when the year is not stated."""
    if document.year is not None:
        return document.year
    return document.issued.year if document.issued is not None else None


def newest_dated(documents: Iterable[DocumentFacts]) -> DocumentFacts | None:
    """The document with the latest issue date, of those that have one."""
    dated = [document for document in documents if document.issued is not None]
    return max(dated, key=lambda document: document.issued or date.min, default=None)


def day(value: date) -> str:
    """A date the way Vietnamese documents write it: 05/03/2024."""
    return value.strftime("%d/%m/%Y")


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


def subject_key(text: str) -> str:
    """Lower case, no diacritics (đ kept apart), no spaces: "QĐ-UBND 12" -> "qd-ubnd12"."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    return _NOT_KEY.sub("-", plain).strip("-")


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
