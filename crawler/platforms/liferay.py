"""Liferay, on which many provincial portals are built.

A site is `/web/<site>/…` (its articles under `/-/asset_publisher/…`); its document library
serves files at `/documents/<groupId>/<folderId>/<name>/<uuid>` and through
`/c/document_library/get_file?…`, outside the site's path.
"""

from __future__ import annotations

import re

from crawler.platforms.base import PlatformAdapter

__all__ = ["LiferayAdapter"]

_SITE = re.compile(r"^(/(?:web|group)/[^/]+/)", re.I)
_SITE_ONLY = re.compile(r"^(/(?:web|group)/[^/]+)/?$", re.I)


class LiferayAdapter(PlatformAdapter):
    name = "liferay"
    generator = re.compile(r"liferay", re.I)
    path_cues = re.compile(r"^/(?:web|group)/[^/]+|/-/asset_publisher/|/c/document_library/", re.I)
    download_handlers = (
        re.compile(r"^/documents/\d+/", re.I),
        re.compile(r"/c/document_library/get_file\?", re.I),
    )

    def site_prefix(self, path: str) -> str | None:
        match = _SITE.match(path) or _SITE_ONLY.match(path)
        return match.group(1).rstrip("/") + "/" if match else None
