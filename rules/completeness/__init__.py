"""Completeness rules: whether the agency published QMS documents, the required ones, and
a declaration in due form."""

from rules.completeness.declaration_form_incomplete import DeclarationFormIncomplete
from rules.completeness.declaration_issued_by_another_body import DeclarationIssuedByAnotherBody
from rules.completeness.missing_declaration import MissingDeclaration
from rules.completeness.missing_process_list import MissingProcessList
from rules.completeness.missing_quality_objectives import MissingQualityObjectives
from rules.completeness.missing_quality_policy import MissingQualityPolicy
from rules.completeness.no_qms_documents import NoQmsDocuments
from rules.completeness.unreadable_qms_document import UnreadableQmsDocument

__all__ = [
    "DeclarationFormIncomplete",
    "DeclarationIssuedByAnotherBody",
    "MissingDeclaration",
    "MissingProcessList",
    "MissingQualityObjectives",
    "MissingQualityPolicy",
    "NoQmsDocuments",
    "UnreadableQmsDocument",
]
