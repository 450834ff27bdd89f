"""The QMS document type a link's text or a file's name says a document is, before reading it.

Reading decides a document's type from its text (`extractors.classify`); this only reads a
name ("Quyết định công bố HTQLCL", "chinh-sach-chat-luong-2024.pdf") so that a document
that could not be downloaded or read can still be named for what it claims to be. It is
deliberately strict: a name that only mentions ISO, or a bare decision number, says nothing.
"""

from __future__ import annotations

import re

from extractors.vietnamese import fold

__all__ = ["doc_type_named"]

_QMS = r"(he thong quan ly chat luong|htqlcl|iso 9001|tcvn iso)"
# Order matters: the first pattern that matches names the type.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (doc_type, re.compile(pattern))
    for doc_type, pattern in (
        ("declaration", rf"\bcong bo( lai)?\b.*\b{_QMS}|\b{_QMS}\b.*\bcong bo\b"),
        ("quality_policy", r"\bchinh sach chat luong\b"),
        ("quality_objectives", r"\bmuc tieu chat luong\b"),
        ("quality_manual", r"\bso tay chat luong\b|\bmo hinh (he thong quan ly chat luong|htqlcl)"),
        ("process_list", r"\bdanh muc (cac )?(quy trinh|tai lieu)\b"),
        ("internal_audit", r"\bdanh gia noi bo\b"),
        ("management_review", r"\bxem xet cua lanh dao\b"),
        ("procedure", rf"\bquy trinh\b.*\b({_QMS}|iso)\b|\bqt[ -]?\d+\b"),
    )
)
_SEPARATORS = re.compile(r"[-_./+%]+|\s+")


def doc_type_named(name: str) -> str | None:
    """The QMS document type `name` (a link text, a file name or both) claims, or None."""
    words = _SEPARATORS.sub(" ", fold(name).lower()).strip()
    for doc_type, pattern in _PATTERNS:
        if pattern.search(words):
            return doc_type
    return None
