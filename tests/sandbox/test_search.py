"""The site search of generated portals, asked over HTTP as a crawler submitting the form would."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, quote_plus, urljoin, urlsplit

import lxml.html
import pytest

from sandbox import RunningSandbox, TruthAgency, start_sandbox
from sandbox.build import Build, SiteBuilder
from sandbox.features import PortalStyle, TextForm
from sandbox.legacy_text import to_windows_1258
from sandbox.search import Findable, search_words, site_search
from sandbox.styles import Chrome, MenuItem
from tests.sandbox.conftest import AS_OF, fetch

SEED, AGENCIES, ARCHIVE = 22, 100, 300  # this province has a classic-style site whose QMS
DEEP_AGENCY = "HUYEN-SONCUONG"  # news posts (2017, 2019) sit on news list page 21
LIST_PAGES_WALKED = 12  # how many news list pages a crawler walks
QMS_QUERY = "hệ thống quản lý chất lượng"


@dataclass(frozen=True)
class SearchBox:
    host: str
    action: str
    param: str
    hidden: dict[str, str]


@dataclass(frozen=True)
class Results:
    status: int
    html: str
    links: list[str]  # result links, in order
    dates: list[str]  # their notes (dd/mm/yyyy for posts, "" for pages)
    pager: list[str]  # the pager's hrefs


@pytest.fixture(scope="module")
def served() -> Iterator[RunningSandbox]:
    with start_sandbox(
        seed=SEED, as_of=AS_OF, preset="province", agencies=AGENCIES, news_archive=ARCHIVE
    ) as sandbox:
        yield sandbox


def _agency(served: RunningSandbox, code: str) -> TruthAgency:
    return next(a for a in served.province.truth if a.code == code)


def _with(served: RunningSandbox, *tags: str) -> list[TruthAgency]:
    return [a for a in served.province.truth if set(tags) <= set(a.tags)]


def _home(served: RunningSandbox, agency: TruthAgency) -> lxml.html.HtmlElement:
    parts = urlsplit(agency.website)
    answer = fetch(served.port, parts.hostname or "", parts.path)
    assert answer.status == 200
    return lxml.html.fromstring(answer.body)


def _search_box(served: RunningSandbox, agency: TruthAgency) -> SearchBox:
    forms = _home(served, agency).xpath('//header//form[@class="search"]')
    assert len(forms) == 1, agency.code
    form = forms[0]
    text = form.xpath('.//input[@type="text"]')[0]
    hidden = {i.get("name"): i.get("value") for i in form.xpath('.//input[@type="hidden"]')}
    assert form.get("method") == "get" and text.get("placeholder") == "Tìm kiếm..."
    host = urlsplit(agency.website).hostname or ""
    return SearchBox(host=host, action=form.get("action"), param=text.get("name"), hidden=hidden)


def _ask(served: RunningSandbox, box: SearchBox, query: str) -> Results:
    """GET the results page for `query` (already URL-encoded, with any extra parameters)."""
    answer = fetch(served.port, box.host, f"{box.action}?{query}")
    html = answer.body.decode("utf-8", errors="replace")
    if answer.status != 200:
        return Results(answer.status, html, [], [], [])
    tree = lxml.html.fromstring(answer.body)
    items = tree.xpath('//main//ul[@class="list"]/li')
    return Results(
        status=answer.status,
        html=html,
        links=[li.xpath("./a/@href")[0] for li in items],
        dates=[li.xpath('string(./span[@class="note"])') for li in items],
        pager=[str(h) for h in tree.xpath('//main//div[@class="pager"]/a/@href')],
    )


def _news_list_posts(served: RunningSandbox, agency: TruthAgency, pages: int) -> set[str]:
    """The posts listed on the first `pages` pages of the news list, following "Trang sau"."""
    host = urlsplit(agency.website).hostname or ""
    url, posts = urljoin(agency.website, "tin-tuc"), set()
    for _ in range(pages):
        parts = urlsplit(url)
        tree = lxml.html.fromstring(fetch(served.port, host, parts.path).body)
        posts |= {str(h) for h in tree.xpath('//main//ul[@class="list"]/li/a/@href')}
        following = tree.xpath('//div[@class="pager"]/a[contains(., "Trang sau")]/@href')
        if not following:
            break
        url = urljoin(url, following[0])
    return posts


def test_a_qms_post_beyond_the_walked_list_pages_is_found_on_the_first_results_page(
    served: RunningSandbox,
) -> None:
    agency = _agency(served, DEEP_AGENCY)
    assert {"news_post", "site_search", "style_classic"} <= set(agency.tags)
    box = _search_box(served, agency)
    assert (box.action, box.param, box.hidden) == ("/tim-kiem", "q", {})
    walked = _news_list_posts(served, agency, LIST_PAGES_WALKED)
    for query in ("ISO 9001", QMS_QUERY):
        found = _ask(served, box, f"q={quote_plus(query)}")
        assert found.status == 200 and found.links, query
        assert "cong-bo-he-thong-quan-ly-chat-luong" in found.links[0]
        assert not set(found.links) & walked  # only the search reaches them
        assert f"Tìm thấy {len(found.links)} kết quả cho «{query}»" in found.html
    post = fetch(served.port, box.host, _ask(served, box, "q=ISO+9001").links[0])
    assert post.status == 200 and "TCVN ISO 9001:2008" in post.body.decode()


def test_diacritics_case_and_encodings_do_not_change_the_results(served: RunningSandbox) -> None:
    box = _search_box(served, _agency(served, DEEP_AGENCY))
    plus = _ask(served, box, "q=" + quote_plus(QMS_QUERY))
    assert len(plus.links) >= 2
    for query in (
        "q=" + quote(QMS_QUERY),  # %20 for spaces
        "q=he+thong+quan+ly+chat+luong",
        "q=H%C3%8A+TH%E1%BB%90NG++qu%E1%BA%A3n+L%C3%9D+ch%E1%BA%A5t+l%C6%B0%E1%BB%A3ng",
        "q=" + quote_plus(unicodedata.normalize("NFD", QMS_QUERY)),
        "utm_source=x&q=he-thong+quan+ly+chat+luong&lang=vi",  # unknown parameters ignored
    ):
        assert _ask(served, box, query).links == plus.links, query


def test_every_query_word_must_match(served: RunningSandbox) -> None:
    box = _search_box(served, _agency(served, DEEP_AGENCY))
    one = _ask(served, box, "q=ISO+9001")
    narrower = _ask(served, box, "q=ISO+9001+tieu+chuan+quoc+gia+2008")
    assert narrower.links == one.links
    assert _ask(served, box, "q=ISO+9001+xyzzy").links == []


def test_results_come_newest_first_ten_to_a_page_with_a_pager_keeping_the_query(
    served: RunningSandbox,
) -> None:
    box = _search_box(served, _agency(served, DEEP_AGENCY))
    first = _ask(served, box, "q=hoi+nghi")
    total = int(re.search(r"Tìm thấy (\d+) kết quả", first.html).group(1))  # type: ignore[union-attr]
    assert total > 20 and len(first.links) == 10
    assert "/tim-kiem?q=hoi+nghi&page=2" in first.pager
    pages, links, dates = -(-total // 10), list(first.links), list(first.dates)
    for number in range(2, pages + 1):
        page = _ask(served, box, f"q=hoi+nghi&page={number}")
        assert page.status == 200 and len(page.links) == (
            10 if number < pages else total % 10 or 10
        )
        links += page.links
        dates += page.dates
    assert len(set(links)) == total
    as_dates = [date(int(d[6:]), int(d[3:5]), int(d[:2])) for d in dates]
    assert as_dates == sorted(as_dates, reverse=True)
    assert _ask(served, box, f"q=hoi+nghi&page={pages + 1}").status == 404
    for odd in ("abc", "0", "%C2%B2"):
        assert _ask(served, box, f"q=hoi+nghi&page={odd}").links == first.links


def test_ordinary_pages_are_found_by_their_titles_after_the_posts(served: RunningSandbox) -> None:
    agency = _agency(served, DEEP_AGENCY)
    box = _search_box(served, agency)
    found = _ask(served, box, "q=lien+he")
    assert found.links[-1] == "/lien-he" and found.dates[-1] == ""
    assert _ask(served, box, "q=co+cau+to+chuc").links[-1] == "/co-cau-to-chuc"


def test_no_result_and_no_query(served: RunningSandbox) -> None:
    box = _search_box(served, _agency(served, DEEP_AGENCY))
    none = _ask(served, box, "q=xyzzy+plugh")
    assert none.status == 200 and none.links == []
    assert "Không tìm thấy kết quả nào" in none.html
    for query in ("", "q=", "q=+++", "page=2"):
        empty = _ask(served, box, query)
        assert empty.status == 200 and empty.links == [] and "Tìm thấy" not in empty.html
        assert 'class="search"' in empty.html  # the search page: the form, no results
    bare = fetch(served.port, box.host, box.action)
    assert bare.status == 200 and 'name="q"' in bare.body.decode()


def test_a_portlet_site_searches_with_keyword_and_ignores_tabid(served: RunningSandbox) -> None:
    agency = _with(served, "news_post", "site_search", "style_portlet")[0]
    box = _search_box(served, agency)
    assert box.action.endswith("/tim-kiem.aspx") and box.param == "keyword"
    assert box.hidden == {"tabid": "1"}
    found = _ask(served, box, "keyword=ISO+9001&tabid=1")
    assert found.links and all(link.endswith(".aspx") for link in found.links)
    assert _ask(served, box, "keyword=ISO+9001").links == found.links
    paged = _ask(served, box, "keyword=hoi+nghi&tabid=1")
    assert f"{box.action}?keyword=hoi+nghi&page=2" in paged.pager


def test_a_table_style_site_has_no_search(served: RunningSandbox) -> None:
    tables = _with(served, "style_table")
    assert tables and not any("site_search" in a.tags for a in tables)
    for agency in tables[:5]:
        if agency.status == "unreachable":
            continue
        assert not _home(served, agency).xpath("//form")
        parts = urlsplit(agency.website)
        for path in ("tim-kiem?q=iso", "tim-kiem.aspx?keyword=iso"):
            assert fetch(served.port, parts.hostname or "", parts.path + path).status == 404


def test_search_pages_are_not_in_the_sitemap(served: RunningSandbox) -> None:
    agency = _agency(served, DEEP_AGENCY)
    sitemap = fetch(served.port, urlsplit(agency.website).hostname or "", "/sitemap.xml")
    assert sitemap.status == 200 and b"<loc>" in sitemap.body and b"tim-kiem" not in sitemap.body


def test_search_words_fold_like_a_cms() -> None:
    assert search_words("Quyết định công bố ISO 9001:2015") == [
        "quyet", "dinh", "cong", "bo", "iso", "9001", "2015",
    ]  # fmt: skip
    assert search_words("ĐỀ ÁN «Đổi mới»") == ["de", "an", "doi", "moi"]
    assert search_words(unicodedata.normalize("NFD", "Chất lượng")) == [
        "chat",
        "luong",
    ]


def _windows_1258_site() -> SiteBuilder:
    chrome = Chrome(
        style=PortalStyle.CLASSIC,
        banner="ỦY BAN NHÂN DÂN TỈNH DEMO",
        site_name="Chi cục Thử nghiệm",
        menu=(MenuItem(label="Trang chủ", href="/"),),
        footer=(),
        search=("/tim-kiem", "q"),
    )
    return SiteBuilder(
        Build(),
        host="cc-thu.tinhdemo.localhost",
        origin_of=lambda host: f"http://{host}",
        chrome=chrome,
        form=TextForm.WINDOWS_1258,
    )


def test_a_windows_1258_site_takes_a_query_in_its_own_code_page() -> None:
    post = Findable(
        title="Công bố Hệ thống quản lý chất lượng",
        href="/tin-tuc/cong-bo.html",
        published=date(2019, 2, 22),
        text="Quyết định công bố (xem tệp đính kèm).",
    )
    route = site_search(_windows_1258_site(), [post], home="/")
    for raw in (quote_plus(to_windows_1258("quyết định")), quote_plus("quyết định")):
        found = route(f"/tim-kiem?q={raw}")
        assert found is not None and found.content_type == "text/html"
        html = found.body.decode("cp1258")
        assert "Tìm thấy 1 kết quả" in unicodedata.normalize("NFC", html)
        assert 'href="/tin-tuc/cong-bo.html"' in html
    assert route("/tim-kiem-khac?q=iso") is None
