"""A stored document as the rules see it: `store.Document` -> `rules.DocumentFacts`."""

from __future__ import annotations

from rules import DocumentFacts
from store import Document

__all__ = ["document_facts"]


def document_facts(
    document: Document, *, url: str | None = None, evidence_id: int | None = None
) -> DocumentFacts:
    """The facts of `document`, seen at `url` with fetch `evidence_id` (default: as first seen)."""
    return DocumentFacts(
        url=url or document.url,
        doc_type=document.doc_type,
        iso_version=document.iso_version,
        year=document.year,
        number=document.number,
        issued=document.issued,
        title=document.title,
        evidence_id=evidence_id if evidence_id is not None else document.fetch_id,
    )
