"""Faults and traps on one path of a site: redirects, an endless calendar, broken and bad files."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from urllib.parse import parse_qs, urlsplit

from sandbox.build import HTML_UTF8, Recipe, Route
from sandbox.model import Resource, Stream
from sandbox.paperwork import Paper
from sandbox.render_pdf import paper_to_pdf

LARGE_FILE_BYTES = 60 * 1024 * 1024
LARGE_FILE_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n% Ho so HTQLCL - ban scan toan van\n"
LARGE_FILE_FILLER = b"% du lieu anh quet trang tai lieu he thong quan ly chat luong\n" * 1024


def redirect(location: str, status: int = 302) -> Recipe:
    """A recipe for a redirect to `location`."""

    def recipe() -> Resource:
        return Resource(body=b"", content_type=HTML_UTF8, status=status, location=location)

    return recipe


def large_file() -> Resource:
    """A 60 MB "scan" streamed in pieces: a PDF header, then filler; never held in memory."""
    stream = Stream(head=LARGE_FILE_HEAD, filler=LARGE_FILE_FILLER, size=LARGE_FILE_BYTES)
    return Resource(body=b"", content_type="application/pdf", stream=stream)


def malformed_pdf(paper: Paper) -> Recipe:
    """A recipe for a PDF cut off halfway through upload: header and some objects, no xref."""

    def recipe() -> Resource:
        whole = paper_to_pdf(paper)
        return Resource(body=whole[: len(whole) // 2], content_type="application/pdf")

    return recipe


def _calendar_page(base: str, day: date) -> Resource:
    def link(label: str, other: date) -> str:
        return f'<a href="{escape(base)}?ngay={other.isoformat()}">{label}</a>'

    html = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Lịch công tác ngày {day:%d/%m/%Y}</title></head><body>"
        f"<h2>Lịch công tác ngày {day:%d/%m/%Y}</h2><p>Không có lịch công tác.</p>"
        f"{link('« Ngày trước', day - timedelta(days=1))} "
        f"{link('Ngày sau »', day + timedelta(days=1))} "
        f"{link('Tuần sau', day + timedelta(days=7))}</body></html>"
    )
    return Resource(body=html.encode("utf-8"), content_type=HTML_UTF8)


def calendar_trap(base: str, today: date) -> Route:
    """Pages `base?ngay=YYYY-MM-DD` for every day there is, each linking to the next ones."""

    def route(path: str) -> Resource | None:
        parts = urlsplit(path)
        if parts.path != base:
            return None
        asked = parse_qs(parts.query).get("ngay")
        if not asked:
            return _calendar_page(base, today)
        try:
            day = date.fromisoformat(asked[0])
        except ValueError:
            return None  # not a date: 404, as the CMS answers
        return _calendar_page(base, day)

    return route
