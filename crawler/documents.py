"""Recognise a downloaded document from its bytes and headers, never from the URL alone.

A response is a document when its first bytes say so (`%PDF`, a ZIP holding `word/`, `xl/`
or an OpenDocument mimetype, an OLE2 compound file, `{\\rtf`), when its Content-Type is a
document type, or when its Content-Disposition names a document file. The name itself comes
from Content-Disposition (RFC 6266 / RFC 2231 `filename*=`, or raw UTF-8 bytes as many
servers send them).
"""

from __future__ import annotations

import re
from email.message import Message

from crawler.links import DOCUMENT_EXTENSIONS

__all__ = ["filename_from_disposition", "is_document", "sniff_document"]

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/x-pdf",
        "application/msword",
        "application/vnd.ms-word",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/rtf",
        "text/rtf",
    }
)
_ZIP_DOCUMENT_MARKERS = (b"word/", b"xl/", b"mimetypeapplication/vnd.oasis.opendocument")
_RAW_FILENAME = re.compile(rb'filename\s*=\s*"?([^";]+)"?', re.I)


def sniff_document(body: bytes) -> str | None:
    """The document format the bytes start with (`pdf`, `ooxml`, `ole2`, `odf`, `rtf`)."""
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if body.startswith(OLE2_MAGIC):
        return "ole2"
    if body.startswith(ZIP_MAGIC):
        if b"mimetypeapplication/vnd.oasis.opendocument" in body[:200]:
            return "odf"
        if any(marker in body for marker in _ZIP_DOCUMENT_MARKERS[:2]):
            return "ooxml"
    return None


def _decode_header(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def filename_from_disposition(header: bytes | str | None) -> str | None:
    """The file name a Content-Disposition header gives, or None."""
    if not header:
        return None
    text = _decode_header(header) if isinstance(header, bytes) else header
    message = Message()
    message["content-disposition"] = text
    name = message.get_filename()
    if name is None:
        raw = _RAW_FILENAME.search(text.encode("utf-8", "surrogateescape"))
        name = _decode_header(raw.group(1)) if raw else None
    if name is None:
        return None
    name = name.strip().replace("\\", "/").rsplit("/", 1)[-1]
    return name or None


def _extension(filename: str | None) -> str:
    if not filename or "." not in filename:
        return ""
    return filename.rsplit(".", 1)[-1].lower()


def is_document(body: bytes, content_type: str | None, filename: str | None) -> bool:
    """Whether a response is a document (a file to read) rather than a web page."""
    if sniff_document(body) is not None:
        return True
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type in DOCUMENT_CONTENT_TYPES:
        return True
    return _extension(filename) in DOCUMENT_EXTENSIONS
