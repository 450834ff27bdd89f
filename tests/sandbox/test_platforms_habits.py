"""Each habit of the CMS tiers as served on 127.0.0.1: its markup is there, and it bites."""

from __future__ import annotations

import itertools
import json
import re
from urllib.parse import quote, urlencode, urljoin, urlsplit

import lxml.html
import pytest

from sandbox import RunningSandbox, TruthAgency
from tests.sandbox.conftest import Answer, fetch, tier_agencies
from tests.sandbox.platform_walk import TierWalk

NUMBER_TITLE = re.compile(
    r"^(Quyết định|Kế hoạch|Báo cáo|Thông báo) số \S+ ngày \d\d/\d\d/\d{4} của "
)
CODE = re.compile(r"^[\wĐđ.-]+(/[\wĐđ.-]+)?$")
FORM_TYPE = "application/x-www-form-urlencoded"


@pytest.fixture
def walks(tier_walks: dict[str, TierWalk]) -> dict[str, TierWalk]:
    return tier_walks


def _with(running: RunningSandbox, tag: str) -> list[TruthAgency]:
    agencies = [a for a in tier_agencies(running.province) if tag in a.tags]
    assert agencies, tag
    return agencies


def _get(running: RunningSandbox, url: str, **options: object) -> Answer:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return fetch(running.port, parts.hostname or "", path, **options)  # type: ignore[arg-type]


def _follow(running: RunningSandbox, url: str) -> tuple[str, Answer]:
    answer = _get(running, url)
    while answer.status in (301, 302, 303):
        url = urljoin(url, answer.headers["location"])
        answer = _get(running, url)
    return url, answer


def _paths(agency: TruthAgency) -> set[str]:
    return {_path(d.url) for d in agency.documents}


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _hidden(html: str) -> dict[str, str]:
    document = lxml.html.fromstring(html)
    fields = document.xpath("//form//input[@type='hidden']")
    return {str(f.get("name")): str(f.get("value", "")) for f in fields}


def _linking_pages(walk: TierWalk, agency: TruthAgency) -> set[str]:
    """Pages (by URL) whose HTML links one of the agency's truth files."""
    paths = {_path(d.url) for d in agency.documents if d.format != "html"}
    return {
        url
        for url, html in walk.pages.items()
        if any(path.replace("&", "&amp;") in html for path in paths)
    }


# -- titles and lists -------------------------------------------------------------------------
def test_number_only_titles_keep_the_subject_beside_the_link(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "title_number_only"):
        checked = 0
        for html in walks[agency.code].pages.values():
            for anchor in lxml.html.fromstring(html).iter("a"):
                title = anchor.text_content().strip()
                if not NUMBER_TITLE.match(title) or "Hệ thống quản lý" in title:
                    continue
                row = next(
                    (a for a in anchor.iterancestors() if a.tag in ("tr", "li", "dd", "p")), None
                )
                assert row is None or row.text_content().strip() == title, agency.code
                entry = next(
                    a for a in anchor.iterancestors() if len(a.text_content().strip()) > len(title)
                )
                if agency.documents and "Hệ thống quản lý chất lượng" in entry.text_content():
                    checked += 1
        assert checked or not agency.documents, agency.code


def test_document_lists_link_each_entry_by_its_number_then_its_summary(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "two_links_per_entry"):
        walk = walks[agency.code]
        details = _linking_pages(walk, agency)
        pairs = 0
        for html in walk.pages.values():
            anchors = [a for a in lxml.html.fromstring(html).iter("a") if a.get("href")]
            for first, second in itertools.pairwise(anchors):
                target = urljoin(agency.website, first.get("href", ""))
                same = target == urljoin(agency.website, second.get("href", ""))
                if same and target in details and len(second.text_content()) > 20:
                    assert CODE.match(first.text_content().strip()), first.text_content()
                    pairs += 1
        assert pairs >= 2, agency.code


def test_sitemaps_list_qms_posts_under_slugs_without_keywords(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "sitemap_slug_without_keywords"):
        home = urlsplit(agency.website)
        robots = _get(running_platforms, f"http://{home.netloc}/robots.txt").body.decode()
        index = re.findall(r"^Sitemap: (\S+)$", robots, re.M)
        maps = re.findall(r"<loc>(.*?)</loc>", _get(running_platforms, index[0]).body.decode())
        listed = {
            u
            for m in maps
            for u in re.findall(r"<loc>(.*?)</loc>", _get(running_platforms, m).body.decode())
        }
        posts = _linking_pages(walks[agency.code], agency) & listed
        bare = [u for u in posts if not re.search(r"iso|htqlcl|chat-luong", urlsplit(u).path)]
        assert bare, agency.code


# -- search -----------------------------------------------------------------------------------
def test_the_search_button_carries_its_url_and_the_url_answers(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "search_data_url"):
        url, home = _follow(running_platforms, agency.website)
        document = lxml.html.fromstring(home.body.decode())
        assert document.xpath("//form") == []
        (search_url,) = document.xpath("//button/@data-url")
        answer = _get(running_platforms, urljoin(url, search_url + quote("ISO 9001")))
        assert answer.status == 200
        found = {
            urljoin(url, h)
            for h in lxml.html.fromstring(answer.body.decode()).xpath("//h3/a/@href")
        }
        if agency.documents:
            assert found & _linking_pages(walks[agency.code], agency), agency.code
        else:
            assert found, agency.code  # the news that mentions ISO


def test_the_search_box_posts_the_form_back_and_is_redirected(
    running_platforms: RunningSandbox,
) -> None:
    for agency in _with(running_platforms, "search_postback"):
        url, home = _follow(running_platforms, agency.website)
        fields = _hidden(home.body.decode())
        assert {"__VIEWSTATE", "__EVENTVALIDATION", "__EVENTTARGET"} <= set(fields)
        fields |= {"__EVENTTARGET": "dnn$dnnSearch$cmdSearch", "dnn$dnnSearch$txtSearch": "ISO"}
        answer = _get(
            running_platforms,
            url,
            method="POST",
            body=urlencode(fields).encode(),
            content_type=FORM_TYPE,
        )
        assert answer.status == 302 and "Search=ISO" in answer.headers["location"]
        results = _get(running_platforms, urljoin(url, answer.headers["location"]))
        assert b"SearchResults" in results.body and b'class="SubHead"' in results.body
        bare = _get(
            running_platforms,
            url,
            method="POST",
            body=b"dnn%24dnnSearch%24txtSearch=ISO",
            content_type=FORM_TYPE,
        )
        assert bare.status == 500 and b"Invalid postback" in bare.body


def test_the_search_form_posts_and_is_answered_see_other(
    running_platforms: RunningSandbox,
) -> None:
    for agency in _with(running_platforms, "search_post_form"):
        url, home = _follow(running_platforms, agency.website)
        (form,) = lxml.html.fromstring(home.body.decode()).xpath("//form[@method='post']")
        fields = {str(i.get("name")): str(i.get("value", "")) for i in form.xpath(".//input")}
        fields["searchword"] = "năm"  # in the titles of everyday news
        answer = _get(
            running_platforms,
            urljoin(url, form.get("action")),
            method="POST",
            body=urlencode(fields).encode(),
            content_type=FORM_TYPE,
        )
        assert answer.status == 303 and "searchword=n%C4%83m" in answer.headers["location"]
        results = _get(running_platforms, urljoin(url, answer.headers["location"]))
        assert results.status == 200 and b'class="result-title"' in results.body


# -- lists a crawler must post for ----------------------------------------------------------------
def test_a_postback_grid_shows_its_later_pages_only_to_a_valid_postback(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "postback_paging"):
        grid = next(
            u for u, h in walks[agency.code].pages.items() if "Page$2" in h and "#" not in u
        )
        first = _get(running_platforms, grid).body.decode()
        paths = _paths(agency)
        assert not any(p.replace("&", "&amp;") in first for p in paths)
        pages = sorted(set(re.findall(r"Page\$(\d+)", first)))
        seen = ""
        for number in pages:
            fields = _hidden(first) | {
                "__EVENTTARGET": "dnn$ctr452$VanBan$grdVanBan",
                "__EVENTARGUMENT": f"Page${number}",
            }
            answer = _get(
                running_platforms,
                grid,
                method="POST",
                body=urlencode(fields).encode(),
                content_type=FORM_TYPE,
            )
            assert answer.status == 200
            seen += answer.body.decode().replace("&amp;", "&")
        assert all(p in seen for p in paths), agency.code
        forged = _hidden(first) | {
            "__EVENTARGUMENT": "Page$2",
            "__EVENTTARGET": "dnn$ctr452$VanBan$grdVanBan",
        }
        forged["__VIEWSTATE"] = forged["__VIEWSTATE"][:-8] + "AAAAAAA="
        answer = _get(
            running_platforms,
            grid,
            method="POST",
            body=urlencode(forged).encode(),
            content_type=FORM_TYPE,
        )
        assert answer.status == 500 and b"viewstate MAC" in answer.body


def test_a_browser_posts_the_form_back_as_multipart(running_platforms: RunningSandbox) -> None:
    """DotNetNuke's form is multipart/form-data; a postback sent so is answered the same."""
    agency = _with(running_platforms, "postback_paging")[0]
    url, home = _follow(running_platforms, agency.website)
    fields = _hidden(home.body.decode()) | {
        "__EVENTTARGET": "dnn$dnnSearch$cmdSearch",
        "dnn$dnnSearch$txtSearch": "chất lượng",
    }
    boundary = "----qmsaudit7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    answer = _get(
        running_platforms,
        url,
        method="POST",
        body=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert answer.status == 302
    assert answer.headers["location"].endswith("?Search=ch%E1%BA%A5t+l%C6%B0%E1%BB%A3ng")


def test_a_json_listing_answers_only_a_posted_page_index(running_platforms: RunningSandbox) -> None:
    for agency in _with(running_platforms, "json_post_paging"):
        page = _get(running_platforms, agency.website).body.decode()
        method, unit = re.findall(r'url: "([^"]+)".*?donViId: (\d+)', page, re.S)[0]
        endpoint = urljoin(agency.website, method)
        assert _get(running_platforms, endpoint).status == 500
        wrong = _get(
            running_platforms, endpoint, method="POST", body=b"pageIndex=1", content_type=FORM_TYPE
        )
        assert wrong.status == 500
        listed: list[str] = []
        for index in (1, 2, 3):
            body = json.dumps({"donViId": int(unit), "pageIndex": index, "pageSize": 5}).encode()
            answer = _get(
                running_platforms,
                endpoint,
                method="POST",
                body=body,
                content_type="application/json; charset=utf-8",
            )
            assert answer.status == 200 and answer.headers["content-type"].startswith(
                "application/json"
            )
            data = json.loads(answer.body)["d"]
            listed += [item["DuongDan"] for item in data["DanhSach"]]
            assert all(item["NgayBanHanh"].startswith("/Date(") for item in data["DanhSach"])
        assert sorted(listed) == sorted(urlsplit(d.url).path for d in agency.documents)
        assert not any(path in page for path in listed)


def test_a_client_rendered_library_lists_its_files_only_in_script(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "sharepoint_list_data"):
        views = {u: h for u, h in walks[agency.code].pages.items() if "ListData" in h}
        html = " ".join(views.values())
        assert views and "\\u002f" in html, agency.code
        if agency.documents:  # everyday files and the QMS ones fill more than one page
            assert len(views) >= 2 and "NextHref" in html and "\\u0026" in html, agency.code
        document_hrefs = {
            h for v in views.values() for h in lxml.html.fromstring(v).xpath("//a/@href")
        }
        own = {_path(d.url) for d in agency.documents if _host(d.url) == _host(agency.website)}
        assert bool(own) == bool(agency.documents) and not own & document_hrefs, agency.code
        escaped = {p.replace("/", "\\u002f") for p in own}
        assert all(p in html for p in escaped), agency.code


# -- downloads ----------------------------------------------------------------------------------
DOWNLOADS = {
    "download_nukeviet_query": r"(\.html\?|&)download=1&id=\d+$",
    "download_linkclick": r"^/LinkClick\.aspx\?fileticket=[\w-]+%3d&tabid=\d+&mid=\d+$",
    "download_wpdmdl": r"\?wpdmdl=\d+&refresh=[0-9a-f]{13}\d{10}$",
    "download_phocadownload": r"^/index\.php\?option=com_phocadownload&view=category&download=\d+:",
}


@pytest.mark.parametrize("tag", sorted(DOWNLOADS))
def test_download_handlers_answer_with_the_files_name(
    running_platforms: RunningSandbox, tag: str
) -> None:
    for agency in _with(running_platforms, tag):
        handled = [d for d in agency.documents if re.search(DOWNLOADS[tag], _path(d.url))]
        assert handled, agency.code
        for document in handled[:3]:
            answer = _get(running_platforms, document.url)
            disposition = answer.headers["content-disposition"]
            extension = {"docx": "docx", "doc_rtf": "doc"}.get(document.format, "pdf")
            assert re.match(rf'attachment; filename="[\w.-]+\.{extension}";?$', disposition)


def test_generic_types_hide_the_format_in_the_headers(running_platforms: RunningSandbox) -> None:
    for agency in _with(running_platforms, "download_generic_type"):
        generic = 0
        for document in agency.documents:
            answer = _get(running_platforms, document.url)
            if answer.headers["content-type"] in ("application/octet-stream", "application/zip"):
                generic += 1
                assert answer.body[:4] in (b"%PDF", b"PK\x03\x04", b"{\\rt")
        assert generic, agency.code


def test_download_links_hidden_in_a_data_attribute(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "download_data_attribute"):
        buttons = [
            a
            for html in walks[agency.code].pages.values()
            for a in lxml.html.fromstring(html).xpath("//a[@data-downloadurl]")
        ]
        assert buttons and all(a.get("href") == "#" for a in buttons)
        truth = {d.url for d in agency.documents}
        assert {a.get("data-downloadurl") for a in buttons} <= truth


# -- addresses -----------------------------------------------------------------------------------
def test_query_urls_address_pages_and_files(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "query_urls"):
        pages = [u for u in walks[agency.code].pages if "/index.php?" in u]
        assert len(pages) > 10, agency.code
        assert re.search(r"(nv=news&op=|option=com_content&view=article)", " ".join(pages))


def test_long_menu_labels(running_platforms: RunningSandbox) -> None:
    for agency in _with(running_platforms, "long_menu_labels"):
        _, home = _follow(running_platforms, agency.website)
        labels = [
            a.text_content().strip() for a in lxml.html.fromstring(home.body.decode()).iter("a")
        ]
        assert f"Giới thiệu chung về {agency.name}" in labels, agency.code


def test_pages_change_on_every_fetch_and_files_do_not(running_platforms: RunningSandbox) -> None:
    for agency in _with(running_platforms, "volatile_page"):
        url, first = _follow(running_platforms, agency.website)
        second = _get(running_platforms, url)
        assert first.status == second.status == 200
        assert first.body != second.body, agency.code
        if agency.documents:
            document = agency.documents[0].url
            assert _get(running_platforms, document).body == _get(running_platforms, document).body


# -- hard negatives -----------------------------------------------------------------------------
def test_a_sidebar_shows_the_policy_on_every_page_but_one_page_is_the_document(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "neg_sidebar_block"):
        (policy,) = [d for d in agency.documents if d.doc_type == "quality_policy"]
        assert policy.format == "html"
        pages = walks[agency.code].pages
        assert len(pages) > 20
        for html in pages.values():
            columns = lxml.html.fromstring(html).xpath("//div[contains(@class, 'col-sm-pull-18')]")
            assert "CHÍNH SÁCH CHẤT LƯỢNG" in columns[0].text_content()
        truth = {d.url for d in agency.documents}
        assert truth & set(pages) == {policy.url}


def test_print_and_save_renderings_repeat_a_qms_post_elsewhere(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    marks = re.compile(r"/print/|/savefile/|dnnprintmode=true|print=1")
    for agency in _with(running_platforms, "neg_print_rendering"):
        walk = walks[agency.code]
        links = set()
        for html in walk.pages.values():
            document = lxml.html.fromstring(html)
            links |= {str(href) for href in document.xpath("//a/@href")}
            for script in document.xpath("//a/@onclick"):
                links |= set(re.findall(r"'(/[^']+)'", script))
        renderings = {urljoin(agency.website, h) for h in links if marks.search(h)}
        assert renderings, agency.code
        truth = {d.url for d in agency.documents}
        for url in renderings:
            assert url not in truth
            answer = _get(running_platforms, url)
            assert answer.status == 200
            assert "Hệ thống quản lý chất lượng" in answer.body.decode(), url


def test_pdf_previews_sit_in_data_attributes_and_wrap_the_file(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    previews = 0
    for agency in _with(running_platforms, "neg_print_rendering"):
        truth = {_path(d.url) for d in agency.documents}
        for html in walks[agency.code].pages.values():
            for source in lxml.html.fromstring(html).xpath("//@data-src"):
                url = urljoin(agency.website, source)
                answer = _get(running_platforms, url)
                assert "&pdf=1&id=" in url and _path(url) not in truth
                assert answer.headers["content-type"].startswith("text/html")
                assert any(path in answer.body.decode().replace("&amp;", "&") for path in truth)
                previews += 1
    assert previews


def test_news_that_mentions_iso_is_no_document(
    running_platforms: RunningSandbox, walks: dict[str, TierWalk]
) -> None:
    for agency in _with(running_platforms, "neg_iso_conference"):
        pages = walks[agency.code].pages
        mentions = {u for u, h in pages.items() if "Hội nghị triển khai áp dụng" in h}
        assert mentions, agency.code
        assert not mentions & {d.url for d in agency.documents}
