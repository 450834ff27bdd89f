"""Reading documents: bytes -> text -> metadata -> document type.

Formats: HTML (main content), PDF (text layer; Tesseract OCR for pages without a usable
one), DOCX, DOC, XLS, XLSX, ODT, RTF and plain text; text typed in legacy TCVN3 or VNI
fonts and windows-1258 pages are turned into Unicode.

`read_document` turns the bytes of a page or file into a `Reading` (text, title, and a
`Classification`); `classify_text` classifies plain text. Neither raises for bad input.
"""

from extractors.classify import classify_text
from extractors.read import read_document
from extractors.reading import DOC_TYPES, NOT_QMS, Classification, LegalBasis, Reading

__all__ = [
    "DOC_TYPES",
    "NOT_QMS",
    "Classification",
    "LegalBasis",
    "Reading",
    "classify_text",
    "read_document",
]
