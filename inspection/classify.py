"""`qmsaudit classify`: read one document from a file or a URL and say what it is.

With the crawl's protections: a URL is downloaded streamed, cut at
`settings.max_document_bytes` and `settings.timeout`, its redirects followed one by one
and private addresses refused unless allowed; a file over the cap is refused; the bytes
are read in a child process under `settings.read_limits()`, as the crawl reads them.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from crawler.middlewares.private_guard import refusal_reason
from crawler.resolver import LOOPBACK, is_localhost_name
from extractors.isolation import IsolatedReader, ReadRequest
from inspection.settings import Settings

__all__ = ["MAX_REDIRECTS", "ClassifyError", "classify_source"]

MAX_REDIRECTS = 5


class ClassifyError(Exception):
    """The source could not be fetched or opened (the message is for the user)."""


def classify_source(source: str, settings: Settings) -> dict[str, Any]:
    """The reading of one document as `classify --json` prints it: "source", then the
    keys of `Reading.as_dict()` ("error" says why a document could not be read)."""
    if source.startswith(("http://", "https://")):
        request = _download(source, settings)
    else:
        request = _open(Path(source), settings.max_document_bytes)
    with IsolatedReader(workers=1, limits=settings.read_limits()) as reader:
        reading = reader.read(request)
    return {"source": request.url or source, **reading.as_dict()}


def _open(path: Path, limit: int) -> ReadRequest:
    if not path.is_file():
        raise ClassifyError(f"không tìm thấy tệp {path}")
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)  # not more, even if it grows meanwhile
    except OSError as error:
        raise ClassifyError(f"không đọc được tệp {path}: {error.strerror}") from error
    if len(data) > limit:
        raise ClassifyError(f"tệp {path} lớn hơn giới hạn {limit} byte")
    return ReadRequest(data=data, filename=path.name)


def _download(url: str, settings: Settings) -> ReadRequest:
    headers = {"User-Agent": settings.crawl_options().user_agent}
    with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target, host_header = _checked_target(url, settings)
            try:
                with client.stream(
                    "GET", target, headers={**headers, "Host": host_header}
                ) as answer:
                    if answer.is_redirect:
                        url = _redirected(url, answer)
                        continue
                    if answer.status_code >= 400:
                        raise ClassifyError(f"{url} trả về HTTP {answer.status_code}")
                    data = _body(url, answer, settings)
                    return ReadRequest(
                        data=data, content_type=answer.headers.get("content-type"), url=url
                    )
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise ClassifyError(f"không tải được {url}: {error}") from error
    raise ClassifyError(f"{url}: quá {MAX_REDIRECTS} lần chuyển hướng")


def _redirected(url: str, answer: httpx.Response) -> str:
    location: str = answer.headers.get("location", "")
    if not location:
        raise ClassifyError(f"{url} chuyển hướng mà không nói tới đâu")
    return urljoin(url, location)


def _body(url: str, answer: httpx.Response, settings: Settings) -> bytes:
    """The body, refused once it passes the size cap or the time limit.

    Decoded bytes are counted (a gzip body is held unpacked); one network read of 64 KiB
    inflates to at most ~64 MiB before the count sees it."""
    limit = settings.max_document_bytes
    too_large = ClassifyError(f"{url} lớn hơn giới hạn {limit} byte")
    declared = answer.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    deadline = time.monotonic() + settings.timeout
    chunks: list[bytes] = []
    size = 0
    for chunk in answer.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise too_large
        if time.monotonic() > deadline:
            raise ClassifyError(f"tải {url} quá {settings.timeout:g} giây")
        chunks.append(chunk)
    return b"".join(chunks)


def _checked_target(url: str, settings: Settings) -> tuple[str, str]:
    """The URL to connect to and the Host header, refusing private addresses unless allowed.

    `*.localhost` names are connected to on 127.0.0.1 directly (RFC 6761), since the system
    resolver does not know them.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError as error:
        raise ClassifyError(f"URL không hợp lệ: {url}") from error
    address = LOOPBACK if is_localhost_name(host) else _resolve(host)
    reason = refusal_reason(address)
    if reason is not None and not settings.allow_private:
        raise ClassifyError(
            f"{host} là địa chỉ nội bộ ({reason}); đặt QMSAUDIT_ALLOW_PRIVATE=1 để cho phép"
        )
    if not is_localhost_name(host):
        return url, parts.netloc
    netloc = f"{LOOPBACK}:{port}" if port else LOOPBACK
    return urlunsplit(parts._replace(netloc=netloc)), parts.netloc


def _resolve(host: str) -> str:
    try:
        return str(socket.getaddrinfo(host, None)[0][4][0])
    except (socket.gaierror, IndexError) as error:
        raise ClassifyError(f"không phân giải được tên miền {host}") from error
