"""Print, save-as and PDF-preview renderings of a post: its words again at another URL.

CMSs serve every post a second (third, fourth) time: NukeViet's `/print/` window and
`/savefile/` download and its `&pdf=1` quick view of an attachment, Joomla's
`tmpl=component&print=1`, DotNetNuke's `dnnprintmode=true`, WordPress print plugins'
`?print=1`. Such a page repeats a QMS post word for word, so it is not a document of its
own. It is known by its URL, or by its markup where the URL says nothing (a print template
that prints itself on load, a PDF viewer around a file).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import BeautifulSoup
from bs4.element import Tag

__all__ = ["PDF_PREVIEW", "PRINT", "SAVE", "rendering_by_markup", "rendering_by_url"]

PRINT = "print"
SAVE = "save"
PDF_PREVIEW = "pdf_preview"

_URL_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (SAVE, re.compile(r"/savefile/|[?&/]op=savefile/", re.IGNORECASE)),
    (
        PRINT,
        re.compile(
            r"/print/|[?&](op=print/|print=(1|true|yes|print)\b|dnnprintmode=true"
            r"|view=print\b|printable=(1|true)\b|tmpl=component&print=1)",
            re.IGNORECASE,
        ),
    ),
    (PDF_PREVIEW, re.compile(r"[?&]pdf=1(&|$)", re.IGNORECASE)),
)
_PRINTS_ITSELF = re.compile(r"window\.print\(\)", re.IGNORECASE)
_SIGNS = ("print()", "hd_print", "pop-print", "pdfjsLib", "pdf.js", "pdfviewer")
_VIEWER_TEXT = 200  # a page with more words of its own than this embeds a viewer, not is one


def rendering_by_url(url: str | None) -> tuple[str, str] | None:
    """(kind, the part of the URL that shows it) for a rendering's URL, else None."""
    if not url:
        return None
    address = unquote(url)
    for kind, shape in _URL_SHAPES:
        match = shape.search(address)
        if match:
            return kind, match.group(0).strip("?&")
    return None


def _print_template(soup: BeautifulSoup) -> str | None:
    body = soup.body
    if isinstance(body, Tag) and _PRINTS_ITSELF.search(str(body.get("onload") or "")):
        return "a page that prints itself on load"
    if soup.find(id="hd_print") is not None:
        return "NukeViet's print template (#hd_print)"
    if soup.find(id="pop-print") is not None:
        return "Joomla's print template (#pop-print)"
    return None


def _words(soup: BeautifulSoup) -> int:
    """Non-space characters of the page outside scripts and styles."""
    body = soup.body or soup
    strings = body.find_all(string=True)
    return sum(
        len("".join(text.split()))
        for text in strings
        if not (text.parent and text.parent.name in ("script", "style"))
    )


def _pdf_viewer(soup: BeautifulSoup) -> str | None:
    scripts = soup.find_all("script")
    code = " ".join(script.get_text() for script in scripts)
    sources = " ".join(str(script.get("src") or "") for script in scripts)
    viewer = "pdfjsLib" in code or "pdf.js" in sources or soup.find(id="pdfviewer") is not None
    if viewer and _words(soup) < _VIEWER_TEXT:
        return "a PDF viewer around a file"
    return None


def rendering_by_markup(soup: BeautifulSoup, markup_text: str) -> tuple[str, str] | None:
    """(kind, what shows it) for a page whose markup is a print template or a PDF viewer;
    read before scripts are dropped. `markup_text` is the page's HTML text."""
    if not any(word in markup_text for word in _SIGNS):
        return None
    printed = _print_template(soup)
    if printed:
        return PRINT, printed
    viewer = _pdf_viewer(soup)
    return (PDF_PREVIEW, viewer) if viewer else None
