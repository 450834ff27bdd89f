"""HTML for the sandbox sites: the page layout, news posts, listings, and `Paper`s as articles."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sandbox.news import NewsItem
from sandbox.paperwork import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Paper,
    Paragraph,
    Table,
    place_and_date,
    short_date,
)

Link = tuple[str, str]  # (label, href)


@dataclass(frozen=True, kw_only=True)
class Look:
    """What every page of one site shares: its banner, menu and footer."""

    banner: str  # "ỦY BAN NHÂN DÂN TỈNH DEMO"
    site_name: str  # "Sở Khoa học và Công nghệ"
    menu: tuple[Link, ...]
    footer_links: tuple[Link, ...]


def _links(links: tuple[Link, ...] | list[Link]) -> str:
    return "".join(
        f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for label, href in links
    )


def page(look: Look, *, title: str, content: str) -> bytes:
    """A whole HTML page in the site's look, UTF-8 encoded."""
    html = (
        '<!DOCTYPE html>\n<html lang="vi">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)} - {escape(look.site_name)}</title></head>\n<body>\n"
        f'<header><div class="banner">{escape(look.banner)}</div>'
        f'<h1 class="site-name">{escape(look.site_name)}</h1></header>\n'
        f'<nav class="menu"><ul>{_links(look.menu)}</ul></nav>\n'
        f"<main>\n{content}\n</main>\n"
        f"<footer><h3>Liên kết website</h3><ul>{_links(look.footer_links)}</ul>"
        f"<p>Bản quyền thuộc về {escape(look.site_name)}</p></footer>\n</body>\n</html>\n"
    )
    return html.encode("utf-8")


def listing(heading: str, entries: list[tuple[str, str, str]]) -> str:
    """A list of (title, href, note) entries under a heading, as category pages show them."""
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(title)}</a> '
        f'<span class="note">{escape(note)}</span></li>'
        for title, href, note in entries
    )
    return f'<h2>{escape(heading)}</h2>\n<ul class="list">{items}</ul>'


def news_post(item: NewsItem, attachments: list[Link] | None = None) -> str:
    """A news post with its paragraphs and, when given, its attached files."""
    body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
    files = ""
    if attachments:
        files = (
            f'<div class="attachments"><h4>Tệp đính kèm</h4><ul>{_links(attachments)}</ul></div>'
        )
    return (
        f'<article><h2>{escape(item.title)}</h2><p class="date">Ngày đăng: '
        f"{short_date(item.published)}</p>{body}{files}</article>"
    )


def _table(table: Table) -> str:
    head, *rows = table.rows
    cells = "".join(f"<th>{escape(value)}</th>" for value in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    return f'<table border="1"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def paper_article(paper: Paper) -> str:
    """`paper` as an HTML article, the way sites paste documents into their pages."""
    issuer = [paper.issuer.parent or "", paper.issuer.name.upper()]
    number = f"<p>Số: {escape(paper.number)}</p>" if paper.number else ""
    header = (
        '<table class="doc-header"><tr><td>'
        + "<br>".join(escape(line) for line in issuer if line)
        + f"{number}</td><td><strong>{NATIONAL_NAME}</strong><br><strong>{NATIONAL_MOTTO}</strong>"
        f"<br><em>{escape(place_and_date(paper.issuer.place, paper.issued))}</em></td></tr></table>"
    )
    subject = f"<h3>{escape(paper.subject)}</h3>" if paper.subject else ""
    blocks = "".join(
        (f"<p><strong>{escape(b.text)}</strong></p>" if b.heading else f"<p>{escape(b.text)}</p>")
        if isinstance(b, Paragraph)
        else _table(b)
        for b in paper.blocks
    )
    signature = (
        f'<p class="signature"><strong>{escape(paper.signer_title)}</strong><br><br>'
        f"<strong>{escape(paper.signer)}</strong></p>"
    )
    title = f"<h2>{escape(paper.kind)}</h2>{subject}"
    return f'<article class="document">{header}{title}{blocks}{signature}</article>'
