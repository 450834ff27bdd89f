"""The looks of three vendors' portal software: page chrome, lists, document tables, pagers.

Every function returns HTML text; the caller encodes it (UTF-8, NFD or windows-1258).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from sandbox.features import PortalStyle

Link = tuple[str, str]  # (label, href)
Entry = tuple[str, str, str]  # (title, href, note)


@dataclass(frozen=True, kw_only=True)
class MenuItem:
    label: str
    href: str
    children: tuple[Link, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DocRow:
    """A row of a document table."""

    number: str
    issued: str
    title: str
    href: str
    link_text: str | None = None  # "Tải về": the title stays in its own cell, unlinked


@dataclass(frozen=True, kw_only=True)
class Chrome:
    """What every page of one site shares."""

    style: PortalStyle
    banner: str
    site_name: str
    menu: tuple[MenuItem, ...]
    footer: tuple[Link, ...]
    sidebar: tuple[Link, ...] = ()
    sidebar_heading: str = "Liên kết"
    search: tuple[str, str] | None = None  # (action path, query parameter) of the search box


def _anchor(label: str, href: str) -> str:
    return f'<a href="{escape(href)}">{escape(label)}</a>'


def _links(links: tuple[Link, ...] | list[Link]) -> str:
    return "".join(f"<li>{_anchor(label, href)}</li>" for label, href in links)


def _menu(chrome: Chrome) -> str:
    if chrome.style is PortalStyle.CLASSIC:
        items = "".join(f"<li>{_anchor(m.label, m.href)}</li>" for m in chrome.menu)
        return f'<nav class="menu"><ul>{items}</ul></nav>'
    if chrome.style is PortalStyle.TABLE:
        items = " | ".join(_anchor(m.label, m.href) for m in chrome.menu)
        return f'<div class="navbar navbar-top">{items}</div>'
    items = "".join(
        f'<li class="dropdown">{_anchor(m.label, m.href)}'
        + (f'<ul class="dropdown-menu">{_links(m.children)}</ul>' if m.children else "")
        + "</li>"
        for m in chrome.menu
    )
    return f'<div id="dnn_ctr_Menu" class="portlet-menu"><ul class="nav">{items}</ul></div>'


def _search_form(chrome: Chrome) -> str:
    """The search box of the header: a GET form, as the CMS renders it ("" when none)."""
    if chrome.search is None:
        return ""
    action, param = chrome.search
    hidden = (
        '<input type="hidden" name="tabid" value="1">'
        if chrome.style is PortalStyle.PORTLET
        else ""
    )
    return (
        f'<form action="{escape(action)}" method="get" class="search">'
        f'<input type="text" name="{escape(param)}" placeholder="Tìm kiếm...">{hidden}'
        '<button type="submit">Tìm</button></form>'
    )


def _crumbs(chrome: Chrome, crumbs: tuple[Link, ...]) -> str:
    if not crumbs:
        return ""
    if chrome.style is PortalStyle.TABLE:
        items = "".join(f'<li class="breadcrumb-item">{_anchor(*c)}</li>' for c in crumbs)
        return f'<ol class="breadcrumb">{items}</ol>'
    separator = " › " if chrome.style is PortalStyle.CLASSIC else " &gt; "
    return '<div class="breadcrumbs">' + separator.join(_anchor(*c) for c in crumbs) + "</div>"


def _sidebar(chrome: Chrome) -> str:
    if not chrome.sidebar:
        return ""
    heading = escape(chrome.sidebar_heading)
    if chrome.style is PortalStyle.PORTLET:
        return (
            f'<div class="portlet portlet-links"><div class="portlet-title">{heading}</div>'
            f'<div class="portlet-body"><ul>{_links(chrome.sidebar)}</ul></div></div>'
        )
    return f'<aside class="sidebar"><h3>{heading}</h3><ul>{_links(chrome.sidebar)}</ul></aside>'


def page(
    chrome: Chrome,
    *,
    title: str,
    content: str,
    crumbs: tuple[Link, ...] = (),
    charset: str = "utf-8",
) -> str:
    """A whole page in the site's look."""
    if charset == "utf-8":
        meta = '<meta charset="utf-8">'
    else:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    main = f"{_crumbs(chrome, crumbs)}\n{content}"
    if chrome.style is PortalStyle.PORTLET:
        main = f'<div class="portlet"><div class="portlet-body">{main}</div></div>'
    body = (
        f'<header><div class="banner">{escape(chrome.banner)}</div>'
        f'<h1 class="site-name">{escape(chrome.site_name)}</h1>{_search_form(chrome)}</header>\n'
        f"{_menu(chrome)}\n"
        f'<div class="container">{_sidebar(chrome)}<main>\n{main}\n</main></div>\n'
        f"<footer><h3>Liên kết website</h3><ul>{_links(chrome.footer)}</ul>"
        f"<p>Bản quyền thuộc về {escape(chrome.site_name)}</p></footer>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>{meta}'
        f"<title>{escape(title)} - {escape(chrome.site_name)}</title></head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def listing(style: PortalStyle, heading: str, entries: list[Entry]) -> str:
    """Entries as a category page lists them."""
    if style is PortalStyle.TABLE:
        items = "".join(
            f'<div class="news-item"><h4>{_anchor(title, href)}</h4>'
            f'<span class="date">{escape(note)}</span></div>'
            for title, href, note in entries
        )
        return f'<h2 class="title-cat">{escape(heading)}</h2>\n<div class="list-news">{items}</div>'
    items = "".join(
        f'<li>{_anchor(title, href)} <span class="note">{escape(note)}</span></li>'
        for title, href, note in entries
    )
    return f'<h2>{escape(heading)}</h2>\n<ul class="list">{items}</ul>'


def doc_table(heading: str, rows: list[DocRow], *, first_number: int = 1) -> str:
    """A document table: STT, number, date, summary (trích yếu) and the file."""
    body = ""
    for index, row in enumerate(rows, first_number):
        if row.link_text:
            summary = escape(row.title)
            file_cell = _anchor(row.link_text, row.href)
        else:
            summary = _anchor(row.title, row.href)
            file_cell = ""
        body += (
            f"<tr><td>{index}</td><td>{escape(row.number)}</td><td>{escape(row.issued)}</td>"
            f"<td>{summary}</td><td>{file_cell}</td></tr>"
        )
    head = (
        "<tr><th>STT</th><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th></th></tr>"
    )
    return (
        f"<h2>{escape(heading)}</h2>\n"
        f'<table class="table table-bordered"><thead>{head}</thead><tbody>{body}</tbody></table>'
    )


def page_href(style: PortalStyle, base: str, number: int) -> str:
    """The URL of page `number` of a paged list at `base` (page 1 is `base` itself)."""
    if number == 1:
        return base
    if style is PortalStyle.PORTLET:
        return f"{base}?p={number}"
    if style is PortalStyle.TABLE:
        return f"{base}?page={number}"
    return f"{base.rstrip('/')}/trang-{number}"


def pager(
    style: PortalStyle,
    base: str,
    pages: int,
    current: int,
    *,
    href: Callable[[int], str] | None = None,
) -> str:
    """Links to every page of a paged list, with "next" where there is one.

    `href` gives the URL of page n when the list is not paged the site's usual way
    (search results keep their query: `?q=…&page=2`).
    """
    href_of = href or (lambda number: page_href(style, base, number))
    links = [
        _anchor(str(n), href_of(n)) if n != current else f"<strong>{n}</strong>"
        for n in range(1, pages + 1)
    ]
    if current < pages:
        label = "»" if style is PortalStyle.TABLE else "Trang sau ›"
        links.append(_anchor(label, href_of(current + 1)))
    if style is PortalStyle.TABLE:
        return '<ul class="pagination">' + "".join(f"<li>{x}</li>" for x in links) + "</ul>"
    return '<div class="pager">Trang: ' + " ".join(links) + "</div>"
