"""Where a page's main text is: the CMS's own markup first, then a measure of the page.

Agency sites run on a few CMSs (NukeViet, WordPress, DotNetNuke, SharePoint, Liferay, Joomla)
and many home-made Bootstrap themes. Each CMS marks the element that holds a post and the
columns that hold its blocks; `MARKUPS` says which, as data (one row per CMS). A page is
matched to the CMS whose marks it shows; that CMS's chrome (side columns, block frames) is
dropped and its main element taken. Pages of no known CMS, or where its main element is
missing, fall back to the measure: grid columns much narrower than their widest sibling
that hold blocks are side columns, and the element holding most of the page's text
outside links is the main one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Tag

__all__ = ["MARKUPS", "MainText", "Markup", "find_main", "own_chars"]

_MIN_MAIN_CHARS = 80  # a CMS's main element with less text than this is an empty frame
_CONTENT_HINT = re.compile(
    r"content|detail|article|post|entry|news|body|noidung|noi-dung|chitiet|chi-tiet|main",
    re.IGNORECASE,
)
_COLUMN = re.compile(r"^(?:col-(?:(xs|sm|md|lg|xl)-)?(\d{1,2})|span(\d{1,2}))$")
_BREAKPOINTS = ("md", "lg", "sm", "xl", "", "xs")
_BLOCKS = re.compile(r"panel|block|module|widget|portlet|box", re.IGNORECASE)


@dataclass(frozen=True)
class Markup:
    """What one CMS's pages look like: how to know one (`generator` in the generator meta
    tag, or any of `marks` in its markup: ids, classes or paths only it uses), where its post
    is (`main`, CSS selectors, most specific first; an element must be the only match) and
    what is never content (`chrome`, CSS selectors)."""

    name: str
    generator: str
    marks: tuple[str, ...]
    main: tuple[str, ...]
    chrome: tuple[str, ...] = ()


MARKUPS: tuple[Markup, ...] = (
    Markup(
        name="nukeviet",
        generator="nukeviet",
        marks=('id="news-bodyhtml"', "news_column", "nv_base_siteurl"),
        main=(
            "[itemtype$='NewsArticle']",
            ".news-detail",
            "#news-bodyhtml",
            ".bodytext",
            "#main",
        ),
        chrome=("[class*='col-sm-pull-']", "[class*='col-md-pull-']", ".panel-primary"),
    ),
    Markup(
        name="wordpress",
        generator="wordpress",
        marks=("/wp-content/", "/wp-includes/", "wp-block-"),
        main=("article.post .entry-content", "article.page .entry-content", ".entry-content"),
        chrome=(
            ".widget-area",
            "#secondary",
            ".widget",
            ".post-navigation",
            ".comments-area",
            ".sharedaddy",
        ),
    ),
    Markup(
        name="dotnetnuke",
        generator="dotnetnuke",
        marks=('id="dnn_', "DnnModule", "/Portals/_default/"),
        main=("#dnn_ContentPane", ".ContentPane", "[id$='_ContentPane'].contentPane"),
        chrome=("#dnn_LeftPane", "#dnn_RightPane", "[id$='_dnnBREADCRUMB']", ".actions"),
    ),
    Markup(
        name="sharepoint",
        generator="microsoft sharepoint",
        marks=("DeltaPlaceHolderMain", "s4-workspace", "ms-webpart-zone", "_layouts/15/"),
        main=(".ms-rtestate-field", "#DeltaPlaceHolderMain", "#contentBox"),
        chrome=("#sideNavBox", "#DeltaPlaceHolderLeftNavBar", "#s4-ribbonrow", "#suiteBar"),
    ),
    Markup(
        name="liferay",
        generator="liferay",
        marks=("portlet-boundary", "journal-content-article", 'id="p_p_id_'),
        main=(".journal-content-article", ".asset-full-content", "#content"),
        chrome=(".portlet-topper", ".taglib-page-iterator", ".lfr-pagination"),
    ),
    Markup(
        name="joomla",
        generator="joomla",
        marks=("item-page", "moduletable", "option=com_content", "/media/jui/"),
        main=(".item-page", "[itemprop='articleBody']", "#content"),
        chrome=("#aside", ".icons", ".pager", ".pagenav"),
    ),
)


@dataclass(frozen=True)
class MainText:
    """The element that holds a page's main text, and how it was found: "<cms>: <selector>",
    or "measure" (the element holding most text), or "page" (nothing better than the body).
    `platform` is the CMS the page's markup shows, None when it shows none."""

    element: Tag | None
    found_by: str
    platform: str | None


def _platform(soup: BeautifulSoup, markup_text: str) -> Markup | None:
    meta = soup.find("meta", attrs={"name": re.compile("^generator$", re.IGNORECASE)})
    generator = str(meta.get("content") or "").lower() if isinstance(meta, Tag) else ""
    for markup in MARKUPS:
        if generator and markup.generator in generator:
            return markup
    for markup in MARKUPS:
        if any(mark in markup_text for mark in markup.marks):
            return markup
    return None


def own_chars(tag: Tag) -> int:
    """Non-space characters of `tag`'s text outside links."""
    text = len("".join(tag.get_text().split()))
    links = sum(len("".join(a.get_text().split())) for a in tag.find_all("a"))
    return text - links


def _drop(tags: list[Tag], *, keep: Tag | None = None) -> None:
    for tag in tags:
        if tag.decomposed or (keep is not None and (tag is keep or keep in tag.parents)):
            continue  # a chrome selector must not take the main element with it
        tag.decompose()


def _by_markup(soup: BeautifulSoup, markup: Markup) -> tuple[Tag, str] | None:
    for selector in markup.main:
        found = soup.select(selector)
        if len(found) == 1 and own_chars(found[0]) >= _MIN_MAIN_CHARS:
            return found[0], selector
    return None


def _width(tag: Tag) -> dict[str, int]:
    widths: dict[str, int] = {}
    classes: object = tag.get("class") or []
    for name in classes if isinstance(classes, list) else str(classes).split():
        match = _COLUMN.match(str(name))
        if match:
            breakpoint_, size, span = match.groups()
            widths[breakpoint_ or ""] = int(size or span)
    return widths


def _rows(soup: BeautifulSoup) -> list[list[tuple[Tag, dict[str, int]]]]:
    """Sibling grid columns with their widths, one list per parent."""
    by_parent: dict[int, list[tuple[Tag, dict[str, int]]]] = {}
    for column in soup.find_all(class_=_COLUMN):
        if column.parent is not None:
            by_parent.setdefault(id(column.parent), []).append((column, _width(column)))
    return [columns for columns in by_parent.values() if len(columns) >= 2]


def _side_columns(soup: BeautifulSoup) -> list[Tag]:
    """Grid columns at most half as wide as their widest sibling that hold blocks or links:
    the side columns of a Bootstrap layout (a label column of a form has neither)."""
    side: list[Tag] = []
    for columns in _rows(soup):
        shared = next((bp for bp in _BREAKPOINTS if all(bp in width for _, width in columns)), None)
        if shared is None:
            continue
        widest = max(width[shared] for _, width in columns)
        for child, width in columns:
            blocky = child.find(class_=_BLOCKS) is not None or len(child.find_all("a")) >= 2
            if width[shared] * 2 <= widest and blocky:
                side.append(child)
    return side


def _class_and_id(tag: Tag) -> str:
    classes: object = tag.get("class") or []
    names = " ".join(classes) if isinstance(classes, list) else str(classes)
    return f"{names} {tag.get('id') or ''}"


def _by_measure(soup: BeautifulSoup) -> tuple[Tag | None, str]:
    body = soup.body or soup
    candidates = [
        tag
        for tag in body.find_all(True)
        if tag.name in ("article", "main")
        or tag.get("role") == "main"
        or tag.get("itemprop") == "articleBody"
        or (tag.name in ("div", "section", "td") and _CONTENT_HINT.search(_class_and_id(tag)))
    ]
    body_chars = own_chars(body) if isinstance(body, Tag) else 0
    best = max(((own_chars(tag), tag) for tag in candidates), key=lambda p: p[0], default=None)
    if best is None or best[0] < 0.5 * body_chars:
        return (body if isinstance(body, Tag) else None), "page"
    return best[1], "measure"


def find_main(soup: BeautifulSoup, markup_text: str) -> MainText:
    """The main element of `soup` (menus, headers and footers already gone), whose HTML
    text is `markup_text`; side columns and the CMS's chrome are removed from the tree."""
    markup = _platform(soup, markup_text)
    if markup is not None:
        found = _by_markup(soup, markup)
        if found is not None:
            main, selector = found
            _drop([tag for sel in markup.chrome for tag in main.select(sel)])
            return MainText(main, f"{markup.name}: {selector}", markup.name)
        _drop([tag for sel in markup.chrome for tag in soup.select(sel)])
    _drop(_side_columns(soup))
    element, how = _by_measure(soup)
    return MainText(element, how, markup.name if markup else None)
