"""An HTML page's main content: decoded, menus/sidebars/footers stripped, links measured.

Text typed in a legacy TCVN3 or VNI font (`<font face=".VnTime">`) is turned into Unicode
before anything else, while its soft hyphens (the TCVN3 "ư") are still there. Which element
is the main one is `extractors.main_text`'s business; whether the page is a print or
PDF-preview rendering of a post is `extractors.print_views`'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from extractors.legacy_fonts import repair_legacy
from extractors.main_text import find_main
from extractors.print_views import rendering_by_markup
from extractors.text import decode_text
from extractors.vietnamese import normalize

__all__ = ["HtmlPage", "read_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "button",
    "select", "input", "nav", "footer", "aside", "menu", "object", "embed",
)  # fmt: skip
_PAGE_FORM_CHARS = 200  # a form with more text than this wraps the page (ASP.NET), keep it
_BOILERPLATE = re.compile(
    r"(^|[-_\s])(menu|menubar|nav|navbar|navigation|sidebar|side-bar|leftcol|rightcol|footer"
    r"|breadcrumbs?|banner|share|social|related|comments?|pagination|pager|copyright|topbar"
    r"|top-bar|login|advert|ads|tags|tin-khac|tinkhac|lienquan|other-news|aside)([-_\s]|$)",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "hr", "header",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_FONT_FACES = re.compile(
    r"""(?:face\s*=\s*["']?|font-family\s*:\s*["']?)([.\w][\w .-]*)""", re.IGNORECASE
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class HtmlPage:
    """The main content of a page: its title, text, and how much of that text is links."""

    title: str | None
    text: str
    own_text: str  # the main text without the text of its links
    link_count: int
    link_chars: int
    legacy_encoding: bool
    legacy_font: str | None = None  # "tcvn3" or "vni" when the text was typed in such a font
    platform: str | None = None  # the CMS the markup shows ("nukeviet", "wordpress", …)
    main_by: str = "page"  # how the main element was found (`MainText.found_by`)
    rendering: tuple[str, str] | None = None  # (kind, what shows it) for a print/PDF view

    @property
    def own_chars(self) -> int:
        """Characters of the main text that are not link text."""
        return max(len(self.text.replace("\n", "")) - self.link_chars, 0)

    @property
    def body_chars(self) -> int:
        """Characters of the page's own text once its title is set aside: a post that is
        only a long title over an attachment has next to none."""
        own = self.own_text
        if self.title and self.title in own:
            own = own.replace(self.title, "", 1)
        return len("".join(own.split()))

    @property
    def link_density(self) -> float:
        total = len(self.text.replace("\n", ""))
        return self.link_chars / total if total else 0.0


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        param = _CHARSET_PARAM.search(content_type)
        if param:
            return param.group(1)
    meta = _META_CHARSET.search(data[:8192])
    return meta.group(1).decode("ascii", errors="replace") if meta else None


def _class_and_id(tag: Tag) -> str:
    classes: object = tag.get("class") or []
    names = " ".join(classes) if isinstance(classes, list) else str(classes)
    return f"{names} {tag.get('id') or ''}"


def _strip_boilerplate(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for form in soup.find_all("form"):
        wraps = form.find(("h1", "h2", "article", "main")) is not None
        if not wraps and len("".join(form.get_text().split())) < _PAGE_FORM_CHARS:
            form.decompose()  # a search or login box; a form wrapping the page stays
    for tag in soup.find_all("header"):
        if tag.find_parent(("article", "main")) is None:
            tag.decompose()
    boilerplate = [
        tag
        for tag in soup.find_all(True)
        if tag.name not in ("html", "body") and _BOILERPLATE.search(_class_and_id(tag))
    ]
    for tag in boilerplate:
        if not tag.decomposed:
            tag.decompose()


def _block_text(root: Tag) -> str:
    parts: list[str] = []
    for node in root.descendants:
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in _BLOCK_TAGS:
            parts.append("\n")
        elif isinstance(node, Tag) and node.name in _CELL_TAGS:
            parts.append("\t")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def _link_chars(root: Tag) -> tuple[int, int]:
    links = root.find_all("a")
    return len(links), sum(len(_SPACES.sub(" ", a.get_text()).strip()) for a in links)


def _heading(scope: Tag, names: str | tuple[str, ...]) -> str | None:
    heading = scope.find(names)
    if heading is not None and heading.get_text(strip=True):
        return _SPACES.sub(" ", heading.get_text(" ", strip=True))
    return None


def _title(soup: BeautifulSoup, main: Tag | None) -> str | None:
    if main is not None:  # a post's h1 before the h2 of the module frame around it
        found = _heading(main, "h1") or _heading(main, "h2")
        if found:
            return found
    for scope in (soup.find(("article", "main")), soup):
        if isinstance(scope, Tag) and (found := _heading(scope, ("h1", "h2"))):
            return found
    meta = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(meta, Tag) and meta.get("content"):
        return str(meta["content"]).strip()
    if soup.title is not None and soup.title.get_text(strip=True):
        return _SPACES.sub(" ", soup.title.get_text(" ", strip=True))
    return None


def read_html(data: bytes, *, content_type: str | None = None) -> HtmlPage:
    """Decode `data` with the declared, meta or detected charset and return its main content."""
    decoded = decode_text(data, declared=_declared_charset(data, content_type))
    fonts = [name.strip() for name in _FONT_FACES.findall(decoded.text)]
    markup, legacy_font = repair_legacy(decoded.text, font_names=fonts)
    markup = normalize(markup)
    soup = BeautifulSoup(markup, "lxml")
    rendering = rendering_by_markup(soup, markup)
    _strip_boilerplate(soup)
    found = find_main(soup, markup)
    main = found.element
    title = _title(soup, main)
    link_count, link_chars = _link_chars(main) if main is not None else (0, 0)
    text = _block_text(main) if main is not None else ""
    for link in main.find_all("a") if main is not None else ():
        link.decompose()
    own_text = _block_text(main) if main is not None else ""
    return HtmlPage(
        title,
        text,
        own_text,
        link_count,
        link_chars,
        decoded.legacy,
        legacy_font,
        platform=found.platform,
        main_by=found.found_by,
        rendering=rendering,
    )
