"""WordPress: posts, pages and the media library (`/wp-content/uploads/…`), and download
plugins that serve files behind a handler: WordPress Download Manager `?wpdmdl=N`,
Download Monitor `/download/N/` and `?download=N`."""

from __future__ import annotations

import re

from crawler.platforms.base import PlatformAdapter

__all__ = ["WordPressAdapter"]


class WordPressAdapter(PlatformAdapter):
    name = "wordpress"
    generator = re.compile(r"wordpress", re.I)
    path_cues = re.compile(r"/wp-content/|/wp-includes/|[?&]wpdmdl=", re.I)
    download_handlers = (
        re.compile(r"[?&]wpdmdl=\d+", re.I),
        re.compile(r"/wp-content/uploads/", re.I),
        re.compile(r"[?&]download=\d+(?:&|$)", re.I),
    )
