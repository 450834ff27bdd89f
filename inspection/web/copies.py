"""Stored copies ("bản lưu"): which bytes an agency's page may link to, and how they are
served so that none runs as active content on the dashboard's origin.

Only bytes this agency's crawls fetched are served under its page. HTML, XML, SVG and
anything a browser might execute are sent as text/plain; types a browser shows passively
(PDF, images, plain text) are shown inline; everything else is a download. Every answer
says `nosniff`, and every one but PDF (whose viewer a sandbox stops) carries a
`Content-Security-Policy: sandbox` that gives it an opaque origin without scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from sqlmodel import Session, col, select

from store import Fetch

__all__ = ["SHA256", "StoredCopy", "served_headers", "stored_copy"]

SHA256 = re.compile(r"^[0-9a-f]{64}$")

# Shown in the browser as they are: no script runs in any of them.
INLINE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}
# Markup a browser would render (and run scripts in): shown as its source text instead.
AS_TEXT = {
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "image/svg+xml",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
}
SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class StoredCopy:
    sha256: str
    content_type: str | None  # as the site sent it
    filename: str | None
    url: str


def stored_copy(session: Session, agency_id: int, sha256: str) -> StoredCopy | None:
    """The latest fetch of these bytes by this agency's crawls, or None."""
    if not SHA256.match(sha256):
        return None
    fetch = session.exec(
        select(Fetch)
        .where(Fetch.agency_id == agency_id, Fetch.sha256 == sha256)
        .order_by(col(Fetch.id).desc())
        .limit(1)
    ).first()
    if fetch is None:
        return None
    return StoredCopy(
        sha256=sha256,
        content_type=fetch.content_type,
        filename=fetch.filename,
        url=fetch.final_url or fetch.url,
    )


def _parsed(content_type: str | None) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = content_type or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _filename(copy: StoredCopy) -> str:
    name = copy.filename or unquote(PurePosixPath(urlsplit(copy.url).path).name)
    return name or copy.sha256[:16]


def _disposition(kind: str, name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:120] or "ban-luu"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name[:200])}"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]{2,40})""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    # A page's own <meta charset>, so its source shows in the right encoding as text.
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def served_headers(copy: StoredCopy, head: bytes = b"") -> tuple[str, dict[str, str]]:
    """The media type to send the copy with, and the headers that go with it; `head`: the
    first bytes of the copy, where a page may declare its encoding."""
    media, charset = _parsed(copy.content_type)
    charset = charset or _declared_charset(head)
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"}
    name = _filename(copy)
    if media in AS_TEXT or media.startswith("text/"):
        sent = f"text/plain; charset={charset}" if charset else "text/plain"
        headers["Content-Disposition"] = _disposition("inline", name + ".txt")
    elif media in INLINE:
        sent = media
        headers["Content-Disposition"] = _disposition("inline", name)
    else:
        sent = "application/octet-stream" if media.startswith(("multipart/", "message/")) else media
        headers["Content-Disposition"] = _disposition("attachment", name)
    if sent != "application/pdf":
        headers["Content-Security-Policy"] = SANDBOX
    return sent, headers
