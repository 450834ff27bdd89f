"""The text of an ODT (OpenDocument text) file: page headers, then paragraphs, headings,
list items and table cells in document order, parsed with defusedxml.

Like the DOCX reader, a table is read cell by cell, each paragraph of a cell on its own
line. Comments, tracked deletions and footnote bodies are left out. The declared font
faces come with the text, for the TCVN3/VNI repair.
"""

from __future__ import annotations

import io
import itertools
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from extractors.zip_packages import member_problem

__all__ = ["DEFAULT_MAX_CHARS", "OdtText", "read_odt"]

DEFAULT_MAX_CHARS = 4_000_000
MAX_PART_BYTES = 50_000_000  # a content.xml or styles.xml that unpacks to more is refused
MAX_DEPTH = 200  # elements nested deeper than this are not read
_MAX_SPACES = 100  # a <text:s text:c="…"/> run of spaces is cut to this

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_PARAGRAPHS = {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"}
_SPACE, _TAB, _BREAK = f"{{{_TEXT}}}s", f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"
_LEFT_OUT = {
    f"{{{_OFFICE}}}annotation",
    f"{{{_TEXT}}}note",
    f"{{{_TEXT}}}tracked-changes",
    f"{{{_TEXT}}}sequence-decls",
    f"{{{_TEXT}}}variable-decls",
    f"{{{_OFFICE}}}forms",
}
_WHITE_SPACE = str.maketrans("\n\r\t", "   ")
_HEADERS = {f"{{{_STYLE}}}header", f"{{{_STYLE}}}header-first"}
_FONT_FACE = f"{{{_STYLE}}}font-face"
_FONT_NAME = f"{{{_STYLE}}}name"


_UNREADABLE = (  # what zipfile and the XML parser raise on damaged or hostile files
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # an unknown compression method
    ValueError,
    ParseError,
    DefusedXmlException,
)


@dataclass(frozen=True)
class OdtText:
    text: str
    error: str | None  # a short English reason when no text could be read
    font_names: tuple[str, ...] = ()  # the font faces declared by content.xml and styles.xml


def _spaces(element: Element) -> str:
    count = element.get(f"{{{_TEXT}}}c", "1")
    return " " * min(int(count), _MAX_SPACES) if count.isdigit() else " "


def _collapsed(text: str | None) -> str:
    """Character data with its white space as ODF reads it: newlines and tabs are spaces."""
    return text.translate(_WHITE_SPACE) if text else ""


def _inline_text(element: Element, depth: int) -> str:
    """The text of a paragraph; a paragraph inside it (a text box) on lines of its own."""
    parts = [_collapsed(element.text)]
    for child in element:
        if depth >= MAX_DEPTH or child.tag in _LEFT_OUT:
            pass
        elif child.tag == _SPACE:
            parts.append(_spaces(child))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag in _PARAGRAPHS:
            parts.append("\n" + _inline_text(child, depth + 1) + "\n")
        else:
            parts.append(_inline_text(child, depth + 1))
        parts.append(_collapsed(child.tail))
    return "".join(parts)


def _lines(element: Element, depth: int = 0) -> Iterator[str]:
    """The lines of the paragraphs under `element`, in document order."""
    for child in element:
        if depth >= MAX_DEPTH or child.tag in _LEFT_OUT:
            continue
        if child.tag in _PARAGRAPHS:
            yield from _inline_text(child, depth + 1).split("\n")
        else:
            yield from _lines(child, depth + 1)


def _header_lines(styles: Element) -> Iterator[str]:
    for header in styles.iter():
        if header.tag in _HEADERS:
            yield from _lines(header)


def _font_names(*parts: Element | None) -> tuple[str, ...]:
    names: dict[str, None] = {}
    for part in parts:
        if part is not None:
            for face in part.iter(_FONT_FACE):
                name = (face.get(_FONT_NAME) or "").strip().strip("'\"")
                if name:
                    names[name] = None
    return tuple(names)


def _part(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        member = archive.getinfo(name)
    except KeyError:
        return None
    if member.file_size > MAX_PART_BYTES:
        raise ValueError(f"{name} unpacks to more than {MAX_PART_BYTES} bytes")
    if problem := member_problem(member, kind="ODT"):
        raise ValueError(problem)
    parsed: Element = fromstring(archive.read(member), forbid_dtd=True)
    return parsed


def _bounded(lines: Iterator[str], max_chars: int) -> str:
    kept: list[str] = []
    size = 0
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        kept.append(line)
        size += len(line) + 1
        if size >= max_chars:
            break
    return "\n".join(kept)[:max_chars]


def read_odt(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> OdtText:
    """Return the text of an ODT file, or an error when it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = _part(archive, "content.xml")
            styles = _part(archive, "styles.xml")
    except _UNREADABLE as exc:
        return OdtText("", f"unreadable ODT ({type(exc).__name__}: {str(exc)[:120]})")
    if content is None:
        return OdtText("", "unreadable ODT (no content.xml)")
    headers = _header_lines(styles) if styles is not None else iter(())
    body = content.find(f"{{{_OFFICE}}}body")
    lines = _lines(body) if body is not None else iter(())
    text = _bounded(itertools.chain(headers, lines), max_chars)
    return OdtText(text, None, _font_names(content, styles))
