"""Questions the rules ask of an agency's documents, and how findings name a document."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rules.facts import AgencyFacts, DocumentFacts

NOT_QMS = "not_qms"


def qms_documents(agency: AgencyFacts) -> tuple[DocumentFacts, ...]:
    """The agency's QMS documents (anything classified `not_qms` does not count)."""
    return tuple(document for document in agency.documents if document.doc_type != NOT_QMS)


def of_type(agency: AgencyFacts, *doc_types: str) -> tuple[DocumentFacts, ...]:
    return tuple(document for document in agency.documents if document.doc_type in doc_types)


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
