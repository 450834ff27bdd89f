"""`read_document`: sniff the format, take out the text, repair it, classify it."""

from __future__ import annotations

import dataclasses

from extractors.classify import classify_text
from extractors.extraction import Extracted, extract
from extractors.formats import sniff_format
from extractors.html import HtmlPage
from extractors.legacy_fonts import repair_legacy
from extractors.metadata import title_region
from extractors.pdf import DEFAULT_MAX_PAGES
from extractors.pdf_pages import DEFAULT_MAX_OCR_PAGES
from extractors.print_views import rendering_by_url
from extractors.reading import NOT_QMS, Classification, Reading
from extractors.vietnamese import normalize, repair_glyphs

__all__ = ["read_document"]

_LISTING_LINKS = 3  # a page with at least this many links …
_LISTING_DENSITY = 0.5  # … and at least this share of its text in links is a listing
_MIN_OWN_CHARS = 150  # less text of its own than this: the document is an attachment
_MIN_BODY_CHARS = 100  # less than this besides the title (no spaces): an attachment post


def _repaired(extracted: Extracted) -> tuple[str, str | None]:
    """The text in Unicode NFC and the repair it needed: a legacy font first (before
    `normalize`, which drops U+00AD, the TCVN3 "ư"), then windows-1258, then PDF glyphs."""
    text, legacy = repair_legacy(extracted.text, font_names=extracted.font_names)
    text, glyphs = repair_glyphs(normalize(text))
    windows_1258 = "windows-1258" if extracted.legacy_encoding else None
    return text, legacy or extracted.legacy_font or windows_1258 or glyphs


def _own_text(extracted: Extracted, text: str) -> str:
    """What is classified: for an HTML page, its text outside links."""
    if extracted.page is None:
        return text
    return normalize(extracted.page.own_text)


def _not_a_page_of_its_own(page: HtmlPage) -> str | None:
    """Why an HTML page is a listing or a shell around an attachment, or None."""
    if page.link_count >= _LISTING_LINKS and page.link_density >= _LISTING_DENSITY:
        share = round(100 * page.link_density)
        return f"listing page: {page.link_count} links, {share}% of the text in links"
    if page.own_chars < _MIN_OWN_CHARS:
        return f"no text of its own ({page.own_chars} characters outside links)"
    if page.body_chars < _MIN_BODY_CHARS:
        return f"only a title over links ({page.body_chars} characters besides the title)"
    return None


def _rendering(page: HtmlPage, url: str | None) -> tuple[str, str] | None:
    """(kind, cue) when the page is a print, save-as or PDF-preview rendering of a post."""
    by_url = rendering_by_url(url)
    if by_url is not None:
        return by_url[0], f"a {by_url[0]} rendering of a post (URL '{by_url[1]}')"
    if page.rendering is not None:
        return page.rendering[0], f"a {page.rendering[0]} rendering of a post ({page.rendering[1]})"
    return None


def _judge_page(classification: Classification, page: HtmlPage) -> Classification:
    """An HTML page counts only when its own body is the document, not a page of links."""
    reason = _not_a_page_of_its_own(page)
    return classification if reason is None else _as_not_qms(classification, reason)


def _as_not_qms(classification: Classification, cue: str) -> Classification:
    return dataclasses.replace(
        classification,
        doc_type=NOT_QMS,
        iso_version=None,
        scope=None,
        scope_list=False,
        vocabulary=(),
        held=(),
        cues=(cue,),
    )


def read_document(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    url: str | None = None,
    max_pdf_pages: int = DEFAULT_MAX_PAGES,
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES,
) -> Reading:
    """Read and classify one page or file. Never raises for bad input: an empty, broken or
    unsupported file gives a Reading with `error` set and doc_type "not_qms".

    PDF pages without a usable text layer are OCRed, at most `max_ocr_pages` of them
    (0: none)."""
    if not data:
        return Reading(format="unknown", error="empty file")
    fmt = sniff_format(data, content_type=content_type, filename=filename, url=url)
    extracted = extract(
        data,
        fmt,
        content_type=content_type,
        max_pdf_pages=max_pdf_pages,
        max_ocr_pages=max_ocr_pages,
    )
    text, repair = _repaired(extracted)
    title = normalize(extracted.title) if extracted.title else title_region(text)
    reading = Reading(
        format=fmt,
        title=title,
        text=text,
        ocr=bool(extracted.ocr_pages),
        ocr_confidence=extracted.ocr_confidence,
        ocr_pages=extracted.ocr_pages,
        encoding_repair=repair,
        error=extracted.error,
    )
    if extracted.error:
        return reading
    classification = classify_text(_own_text(extracted, text), title=extracted.title)
    if extracted.page is None:
        return dataclasses.replace(reading, classification=classification)
    rendering = _rendering(extracted.page, url)
    if rendering is not None:
        classification = _as_not_qms(classification, rendering[1])
        return dataclasses.replace(reading, classification=classification, rendering=rendering[0])
    classification = _judge_page(classification, extracted.page)
    return dataclasses.replace(reading, classification=classification)
