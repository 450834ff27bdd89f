"""Completeness rules: whether the agency published QMS documents, and the required ones."""

from rules.completeness.missing_declaration import MissingDeclaration
from rules.completeness.missing_process_list import MissingProcessList
from rules.completeness.missing_quality_objectives import MissingQualityObjectives
from rules.completeness.missing_quality_policy import MissingQualityPolicy
from rules.completeness.no_qms_documents import NoQmsDocuments
from rules.completeness.unreadable_qms_document import UnreadableQmsDocument

__all__ = [
    "MissingDeclaration",
    "MissingProcessList",
    "MissingQualityObjectives",
    "MissingQualityPolicy",
    "NoQmsDocuments",
    "UnreadableQmsDocument",
]
