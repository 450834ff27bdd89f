"""`qmsaudit classify`: read one document from a file or a URL and say what it is."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from crawler.middlewares.private_guard import refusal_reason
from crawler.resolver import LOOPBACK, is_localhost_name
from extractors import read_document
from inspection.settings import Settings

MAX_REDIRECTS = 5


class ClassifyError(Exception):
    """The source could not be fetched or opened (the message is for the user)."""


def classify_source(source: str, settings: Settings) -> dict[str, Any]:
    if source.startswith(("http://", "https://")):
        data, content_type, url = _download(source, settings)
        reading = read_document(data, content_type=content_type, url=url)
        return {"source": url, **reading.as_dict()}
    path = Path(source)
    if not path.is_file():
        raise ClassifyError(f"không tìm thấy tệp {source}")
    reading = read_document(path.read_bytes(), filename=path.name)
    return {"source": str(path), **reading.as_dict()}


def _download(url: str, settings: Settings) -> tuple[bytes, str | None, str]:
    headers = {"User-Agent": settings.crawl_options().user_agent}
    with httpx.Client(timeout=settings.timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target, host_header = _checked_target(url, settings)
            try:
                response = client.get(target, headers={**headers, "Host": host_header})
            except httpx.HTTPError as error:
                raise ClassifyError(f"không tải được {url}: {error}") from error
            if response.is_redirect:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code >= 400:
                raise ClassifyError(f"{url} trả về HTTP {response.status_code}")
            if len(response.content) > settings.max_document_bytes:
                raise ClassifyError(f"{url} lớn hơn giới hạn {settings.max_document_bytes} byte")
            return response.content, response.headers.get("content-type"), url
    raise ClassifyError(f"{url}: quá {MAX_REDIRECTS} lần chuyển hướng")


def _checked_target(url: str, settings: Settings) -> tuple[str, str]:
    """The URL to connect to and the Host header, refusing private addresses unless allowed.

    `*.localhost` names are connected to on 127.0.0.1 directly (RFC 6761), since the system
    resolver does not know them.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    address = LOOPBACK if is_localhost_name(host) else _resolve(host)
    reason = refusal_reason(address)
    if reason is not None and not settings.allow_private:
        raise ClassifyError(
            f"{host} là địa chỉ nội bộ ({reason}); đặt QMSAUDIT_ALLOW_PRIVATE=1 để cho phép"
        )
    if not is_localhost_name(host):
        return url, parts.netloc
    netloc = f"{LOOPBACK}:{parts.port}" if parts.port else LOOPBACK
    return urlunsplit(parts._replace(netloc=netloc)), parts.netloc


def _resolve(host: str) -> str:
    try:
        return str(socket.getaddrinfo(host, None)[0][4][0])
    except (socket.gaierror, IndexError) as error:
        raise ClassifyError(f"không phân giải được tên miền {host}") from error
