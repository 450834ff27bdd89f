"""A stored document as the rules see it: `document_facts` maps a `store.Document` (its
columns, and the reading kept in `Document.details`, the `classify --json` object) to
`rules.DocumentFacts`. Pure: no session, no I/O.

`details` is JSON written by whichever version of the reading stored the document: keys it
lacks, or holds in an unexpected shape, give the field's "nothing found" default rather than
an error, so a document read before a key existed is judged on what is known of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rules import DocumentFacts
from store import Document

__all__ = ["document_facts"]

ACTIVITIES = ("internal_audit", "management_review")


def document_facts(
    document: Document, *, url: str | None = None, evidence_id: int | None = None
) -> DocumentFacts:
    """What the rules know of one stored document, seen at `url` with fetch `evidence_id`
    (by default where and how it was first seen)."""
    details: Mapping[str, object] = document.details if isinstance(document.details, dict) else {}
    return DocumentFacts(
        url=url or document.url,
        doc_type=document.doc_type,
        iso_version=document.iso_version,
        year=document.year,
        number=document.number,
        issued=document.issued,
        title=document.title,
        evidence_id=evidence_id if evidence_id is not None else document.fetch_id,
        issuer=_text(details.get("issuer")),
        signer=_text(details.get("signer")),
        signer_title=_text(details.get("signer_title")),
        scope=_text(details.get("scope")),
        scope_list=details.get("scope_list") is True,
        cited=_cited(details),
        vocabulary=_vocabulary(details.get("vocabulary")),
        held=tuple(a for a in _strings(details.get("held")) if a in ACTIVITIES),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item.strip())


def _cited(details: Mapping[str, object]) -> tuple[str, ...]:
    """Every text cited anywhere (`cited_texts`), and the numbers of the "Căn cứ" lines
    (`legal_bases`) that older readings kept alone; each once, in order."""
    bases = details.get("legal_bases")
    numbers: Iterable[object] = (
        (basis.get("number") for basis in bases if isinstance(basis, dict))
        if isinstance(bases, list)
        else ()
    )
    cited = [*_strings(details.get("cited_texts")), *_strings(list(numbers))]
    return tuple(dict.fromkeys(cited))


def _vocabulary(value: object) -> tuple[tuple[str, str], ...]:
    """{"2008": ["hành động phòng ngừa"]} -> (("2008", "hành động phòng ngừa"),)."""
    if not isinstance(value, dict):
        return ()
    return tuple(
        (edition, phrase)
        for edition, phrases in value.items()
        if isinstance(edition, str)
        for phrase in _strings(phrases)
    )
