"""`read_document`: sniff the format, take out the text, repair it, classify it."""

from __future__ import annotations

import dataclasses

from extractors.classify import classify_text
from extractors.docx import read_docx
from extractors.formats import sniff_format
from extractors.html import HtmlPage, read_html
from extractors.metadata import title_region
from extractors.pdf import DEFAULT_MAX_PAGES, read_pdf
from extractors.reading import NOT_QMS, Classification, Reading
from extractors.text import decode_text
from extractors.vietnamese import normalize, repair_glyphs

__all__ = ["read_document"]

_UNSUPPORTED = {
    "doc": "legacy .doc not yet supported",
    "xls": "spreadsheets not yet supported",
    "xlsx": "spreadsheets not yet supported",
    "odt": "ODT not yet supported",
    "rtf": "RTF not yet supported",
    "zip": "archives not yet supported",
    "rar": "archives not yet supported",
    "7z": "archives not yet supported",
    "image": "images need OCR (not yet supported)",
}
_LISTING_LINKS = 3  # a page with at least this many links …
_LISTING_DENSITY = 0.5  # … and at least this share of its text in links is a listing
_MIN_OWN_CHARS = 150  # less text of its own than this: the document is an attachment


@dataclasses.dataclass(frozen=True)
class _Extracted:
    text: str
    title: str | None
    error: str | None
    legacy_encoding: bool = False
    page: HtmlPage | None = None  # for HTML: the measured main content
    own_text: str | None = None  # for HTML: what is classified, the text outside links


def _extract(data: bytes, fmt: str, content_type: str | None, max_pdf_pages: int) -> _Extracted:
    if fmt == "pdf":
        pdf = read_pdf(data, max_pages=max_pdf_pages)
        return _Extracted(pdf.text, None, pdf.error)
    if fmt == "docx":
        docx = read_docx(data)
        return _Extracted(docx.text, None, docx.error)
    if fmt == "txt":
        decoded = decode_text(data)
        return _Extracted(decoded.text, None, None, decoded.legacy)
    if fmt == "html":
        page = read_html(data, content_type=content_type)
        return _Extracted(
            page.text, page.title, None, page.legacy_encoding, page, normalize(page.own_text)
        )
    return _Extracted("", None, _UNSUPPORTED.get(fmt, "unknown format"))


def _not_a_page_of_its_own(page: HtmlPage) -> str | None:
    """Why an HTML page is a listing or a shell around an attachment, or None."""
    if page.link_count >= _LISTING_LINKS and page.link_density >= _LISTING_DENSITY:
        share = round(100 * page.link_density)
        return f"listing page: {page.link_count} links, {share}% of the text in links"
    if page.own_chars < _MIN_OWN_CHARS:
        return f"no text of its own ({page.own_chars} characters outside links)"
    return None


def _judge_page(classification: Classification, page: HtmlPage) -> Classification:
    """An HTML page counts only when its own body is the document, not a page of links."""
    reason = _not_a_page_of_its_own(page)
    return classification if reason is None else _as_not_qms(classification, reason)


def _as_not_qms(classification: Classification, cue: str) -> Classification:
    return dataclasses.replace(
        classification, doc_type=NOT_QMS, iso_version=None, scope=None, cues=(cue,)
    )


def read_document(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    url: str | None = None,
    max_pdf_pages: int = DEFAULT_MAX_PAGES,
) -> Reading:
    """Read and classify one page or file. Never raises for bad input: an empty, broken or
    unsupported file gives a Reading with `error` set and doc_type "not_qms"."""
    if not data:
        return Reading(format="unknown", error="empty file")
    fmt = sniff_format(data, content_type=content_type, filename=filename, url=url)
    extracted = _extract(data, fmt, content_type, max_pdf_pages)
    text, repair = repair_glyphs(normalize(extracted.text))
    if extracted.legacy_encoding:
        repair = "windows-1258"
    title = normalize(extracted.title) if extracted.title else title_region(text)
    if extracted.error:
        return Reading(
            format=fmt, title=title, text=text, encoding_repair=repair, error=extracted.error
        )
    own_text = text if extracted.own_text is None else extracted.own_text
    classification = classify_text(own_text, title=extracted.title)
    if extracted.page is not None:
        classification = _judge_page(classification, extracted.page)
    return Reading(
        format=fmt,
        title=title,
        text=text,
        encoding_repair=repair,
        classification=classification,
    )
