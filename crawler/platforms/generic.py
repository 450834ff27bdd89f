"""The generic fallback: what holds on any site, whatever serves it.

A site whose start page is a language folder or a page in it (`/vi/`, `/en/trang-chu.html`:
NukeViet, Joomla, WordPress with a language plugin) is the whole host: its lists and files
sit beside the folder (`/index.php?language=vi&nv=laws…`, `/images/…`), not inside it. A
folder inside the language folder (`/vi/xa-an-binh/`) is a member's area of a shared
portal, and stays one.
"""

from __future__ import annotations

import re

from crawler.platforms.base import PlatformAdapter

__all__ = ["GenericAdapter"]

_LANGUAGE_FOLDER = re.compile(
    r"^(.*?/)(?:vi|en|vn|fr|zh|ja|ko|vi-vn|en-us|en-gb|tieng-viet)/[^/]*$", re.I
)


class GenericAdapter(PlatformAdapter):
    """Any site: the language folder of a start URL."""

    name = "generic"

    def site_prefix(self, path: str) -> str | None:
        match = _LANGUAGE_FOLDER.match(path)
        return match.group(1) if match else None
