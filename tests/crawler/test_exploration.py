"""Exploration goes through a site's navigation, not through its news headlines.

The home page opens with twenty everyday headlines; the QMS pages hang two clicks under
"Giới thiệu" in the menu after them. With room to explore three links, the best-first crawl
spends them on the menu and reaches the declaration without opening a single post.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.servers import Reply, Route, VirtualHosts, page, serve

HOST = "menu.localhost"
HEADLINES = 20
PDF = Reply(body=b"%PDF-1.4\n% HTQLCL\n%%EOF\n", headers={"Content-Type": "application/pdf"})
MENU = (
    '<a href="/gioi-thieu">Giới thiệu</a><a href="/hoi-dap">Hỏi đáp</a>'
    '<a href="/lien-he">Liên hệ</a>'
)


def _headline(n: int) -> str:
    return f"Đoàn công tác của tỉnh làm việc về tiến độ giải ngân vốn đầu tư công đợt {n}"


def _site() -> dict[str, Route]:
    news = "".join(
        f'<li><a href="/tin-tuc/bai-{n}">{_headline(n)}</a></li>' for n in range(HEADLINES)
    )
    routes: dict[str, Route] = {
        "/": page(f"<ul>{news}</ul>{MENU}"),
        "/gioi-thieu": page(f'{MENU}<a href="/gioi-thieu/htqlcl">Hệ thống quản lý chất lượng</a>'),
        "/gioi-thieu/htqlcl": page('<a href="/files/qd-cong-bo.pdf">Quyết định công bố</a>'),
        "/files/qd-cong-bo.pdf": PDF,
        "/hoi-dap": page(MENU),
        "/lien-he": page(MENU),
    }
    for n in range(HEADLINES):
        routes[f"/tin-tuc/bai-{n}"] = page(f"<h1>{_headline(n)}</h1>{MENU}")
    return routes


@pytest.fixture(scope="module")
def crawl() -> Iterator[CrawlRun]:
    with serve(VirtualHosts(sites={HOST: _site()})) as port:
        yield run_crawler(
            "--allow-private",
            *("--pages", "60", "--timeout", "3", "--explore", "3"),
            f"MENU=http://{HOST}:{port}/",
        )


def test_the_declaration_under_the_menu_is_reached(crawl: CrawlRun) -> None:
    assert any(url.endswith("/files/qd-cong-bo.pdf") for url in crawl.urls("MENU"))
    assert crawl.sites["MENU"]["documents"] == 1


def test_no_headline_is_opened(crawl: CrawlRun) -> None:
    assert not [url for url in crawl.urls("MENU") if "/tin-tuc/" in url]
