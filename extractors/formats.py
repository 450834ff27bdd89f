"""Which file format some bytes are: magic bytes first, then content type, then file name."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from extractors.compound_file import stream_names

__all__ = ["sniff_format"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "rtf"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table|script)\b",
    re.IGNORECASE | re.DOTALL,
)
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
    "text/plain": "txt",
}
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".aspx": "html",
    ".php": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".xls": "xls",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".txt": "txt",
}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MIMETYPE_BYTES = 128


def _head(archive: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of a member: sniffing runs in the reading parent too, so a bomb is
    never unpacked (only deflate inflates in bounded steps; ODF stores the mimetype)."""
    member = archive.getinfo(name)
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return b""
    with archive.open(member) as stream:
        return stream.read(_MIMETYPE_BYTES)


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = _head(archive, "mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt"
    return "zip"


def _magic_format(data: bytes) -> str | None:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(_OLE):
        return "ole"  # .doc or .xls: decided by the hints
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    body = head
    for bom in _BOMS:
        body = body.removeprefix(bom)
    if _HTML_START.match(body.replace(b"\x00", b"")):
        return "html"
    return None


def _ole_format(data: bytes, hint: str | None) -> str:
    """A Word or an Excel file by the streams it holds, else by the hint (.doc by default)."""
    names = stream_names(data)
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
    return hint if hint in ("doc", "xls") else "doc"


def _hinted_format(content_type: str | None, filename: str | None, url: str | None) -> str | None:
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in _CONTENT_TYPES:
            return _CONTENT_TYPES[mime]
    for name in (filename, urlsplit(url).path if url else None):
        if name:
            suffix = PurePosixPath(name.lower()).suffix
            if suffix in _EXTENSIONS:
                return _EXTENSIONS[suffix]
    return None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith(_BOMS[1:]):
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls <= len(sample) // 100


def sniff_format(
    data: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    url: str | None = None,
) -> str:
    """Name the format of `data`: "html", "pdf", "docx", "doc", "xlsx", "xls", "odt", "rtf",
    "txt", "zip", "rar", "7z", "image" or "unknown". Magic bytes win over the hints."""
    magic = _magic_format(data)
    hint = _hinted_format(content_type, filename, url)
    if magic == "ole":
        return _ole_format(data, hint)
    if magic == "zip" and hint in ("docx", "xlsx", "odt"):
        return hint  # a damaged Office file: its reader will say what is wrong
    if magic is not None:
        return magic
    if hint in ("html", "txt", None) and data:
        if not _looks_like_text(data):
            return "unknown"
        return hint or "txt"
    return hint or "unknown"
