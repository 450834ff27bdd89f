"""Plain values that describe a generated province: sites, resources, registry rows, truth."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from email.parser import BytesParser
from email.policy import default as default_policy
from enum import StrEnum
from urllib.parse import parse_qsl


class SiteBehaviour(StrEnum):
    """How a virtual host answers, whatever is asked of it."""

    NORMAL = "normal"
    ERROR_500 = "error_500"  # every path, robots.txt included, answers 500
    ROBOTS_FORBIDDEN = "robots_forbidden"  # pages are there, robots.txt disallows all
    TIMEOUT = "timeout"  # every request is held unanswered (bounded), then the connection closed


@dataclass(frozen=True, kw_only=True)
class Stream:
    """A large body produced on the fly: `head`, then `filler` repeated, `size` bytes in all."""

    head: bytes
    filler: bytes
    size: int

    def chunks(self) -> Iterator[bytes]:
        """The body in pieces of at most one `filler` (or the head), never all in memory."""
        yield self.head[: self.size]
        left = self.size - min(len(self.head), self.size)
        while left > 0:
            piece = self.filler[:left]
            yield piece
            left -= len(piece)


@dataclass(frozen=True, kw_only=True)
class Resource:
    """One thing a site serves at one path: a page, a file, robots.txt."""

    body: bytes
    content_type: str
    filename: str | None = None  # sent as Content-Disposition: attachment when set
    status: int = 200
    location: str | None = None  # sent as Location (redirects)
    stream: Stream | None = None  # a body too large to hold: sent instead of `body`
    headers: tuple[tuple[str, str], ...] = ()  # further headers, sent as given (CMS quirks)

    @property
    def size(self) -> int:
        """The number of body bytes sent (Content-Length)."""
        return self.stream.size if self.stream is not None else len(self.body)


@dataclass(frozen=True, kw_only=True)
class Posted:
    """A POST request as a site's handler sees it: the path (with query) and the body."""

    path: str
    content_type: str
    body: bytes

    def fields(self) -> dict[str, str]:
        """The form fields, url-encoded or multipart (as ASP.NET forms post); last value wins."""
        kind = self.content_type.split(";")[0].strip().lower()
        if kind == "multipart/form-data":
            return _multipart_fields(self.content_type, self.body)
        text = self.body.decode("utf-8", errors="replace")
        return {name: value for name, value in parse_qsl(text, keep_blank_values=True)}

    def json(self) -> object:
        """The body read as JSON; None when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def _multipart_fields(content_type: str, body: bytes) -> dict[str, str]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=default_policy).parsebytes(head + body)
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload.decode("utf-8", errors="replace")
    return fields


PostHandler = Callable[[Posted], Resource | None]  # None: nothing answers POSTs there (404)


@dataclass(frozen=True, kw_only=True)
class Site:
    """One virtual host on the sandbox port, its resources keyed by path (with query).

    `resources` is a plain dict for small provinces; large ones pass a mapping that renders
    each resource on first request (see `sandbox.lazy`). `answer_post` answers POSTs (form
    postbacks, JSON page methods); a site without one answers them 405.
    """

    host: str
    behaviour: SiteBehaviour = SiteBehaviour.NORMAL
    resources: Mapping[str, Resource] = field(default_factory=dict)
    answer_post: PostHandler | None = None


@dataclass(frozen=True, kw_only=True)
class RegistryRow:
    """One line of the agency registry as staff keep it."""

    code: str
    name: str
    level: str  # province, department, branch, district, commune
    website: str
    parent: str | None
    established: date | None


@dataclass(frozen=True, kw_only=True)
class TruthDocument:
    """A QMS document of the agency's own that a careful crawler can reach."""

    url: str
    doc_type: str
    iso_version: str | None
    year: int | None
    format: str = "pdf"  # pdf, image_pdf, docx, doc_rtf, tcvn3_pdf, vni_pdf, html, …
    needs: tuple[str, ...] = ()  # reading capabilities: "ocr", "doc", "tcvn3", "vni", …


@dataclass(frozen=True, kw_only=True)
class TruthFault:
    """A fault the crawl must record: the URL and the failure kind expected for it.

    failure is a crawler failure kind ("refused", "http", "timeout", "robots",
    "redirect_loop", "too_large") or "unreadable" for a file fetched but not readable.
    """

    url: str
    failure: str


@dataclass(frozen=True, kw_only=True)
class TruthAgency:
    """What the audit of one agency should conclude."""

    code: str
    name: str
    level: str
    website: str
    status: str
    iso_version: str | None  # "2015", "2008", "mixed" or None
    tags: tuple[str, ...]
    documents: tuple[TruthDocument, ...]
    needs: tuple[str, ...] = ()  # union of the needs of the documents that decide the status
    faults: tuple[TruthFault, ...] = ()
    # The rule codes the audit reports, exactly, under the default profile; () when the
    # agency's scenario does not say (only the agencies of `sandbox.rule_cases` do).
    findings: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Province:
    """A whole simulated province: what is served, what is registered, what is true."""

    seed: int
    as_of: date
    port: int
    sites: tuple[Site, ...]
    registry: tuple[RegistryRow, ...]
    truth: tuple[TruthAgency, ...]

    def site_for(self, host: str) -> Site | None:
        """The site served under `host` (no port, any case), if there is one."""
        wanted = host.lower()
        return next((site for site in self.sites if site.host == wanted), None)
