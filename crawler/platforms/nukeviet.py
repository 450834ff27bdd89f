"""NukeViet (4.x), the Vietnamese open-source CMS most agencies and communes run.

Modules are addressed as `/vi/<module>/…` or, without rewriting, `/index.php?language=vi&nv=
<module>&op=…`. A post's or a law's files are served by a handler on the post itself:
`…/post-13.html?download=1&id=0`, `…&op=detail/…&download=1&id=0`. The header search is no
`<form>`: a button whose `data-url` (`/vi/seek/?q=`) the theme's script completes with the
words typed.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus, urljoin

from parsel import Selector

from crawler.platforms.base import PlatformAdapter, PlatformRequest

__all__ = ["NukeVietAdapter"]


class NukeVietAdapter(PlatformAdapter):
    name = "nukeviet"
    generator = re.compile(r"nukeviet", re.I)
    path_cues = re.compile(r"[?&]nv=\w+|/seek/\?q=", re.I)
    download_handlers = (re.compile(r"[?&]download=1&id=\d+(?:&|$)", re.I),)

    def searches(
        self, page: Selector, base_url: str, queries: tuple[str, ...]
    ) -> list[PlatformRequest]:
        """The search button's `data-url`, completed with each query."""
        prefixes = page.xpath("//*[self::button or self::a or self::span]/@data-url").getall()
        search = next((p for p in prefixes if p.rstrip().endswith("=")), None)
        if search is None:
            return []
        target = urljoin(base_url, search.strip())
        return [PlatformRequest(url=target + quote_plus(query), text=query) for query in queries]
