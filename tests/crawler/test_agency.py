"""The agency spider on the whole test province, in one process: scope, budget, documents,
failures; every agency gets its outcome whatever its site does."""

from __future__ import annotations

import pytest

from crawler.model import CrawlBudget
from tests.crawler.conftest import CrawlRun, Province, run_crawler
from tests.crawler.province import SIBLING_SECRET

PAGES = 12
DEPTH = 3


@pytest.fixture(scope="module")
def crawl(province: Province) -> CrawlRun:
    p = province
    return run_crawler(
        "--allow-private",
        *("--pages", str(PAGES), "--depth", str(DEPTH), "--timeout", "1", "--retries", "1"),
        *("--max-bytes", "100000"),
        f"XAB={p.url('portal.localhost', '/xa-an-binh/')}",
        f"XAP={p.url('portal.localhost', '/xa-an-phu/')}",
        f"TRAP={p.url('trap.localhost', '/lich?d=0')}",
        f"DEEP={p.url('deep.localhost')}",
        f"DEAD=http://dead.localhost:{p.dead_port}/",
        f"E500={p.url('err500.localhost')}",
        f"ROBOTS={p.url('robots.localhost')}",
        f"LOOP={p.url('loop.localhost')}",
        f"OLD={p.url('old.localhost')}",
        f"SLOW={p.url('slow.localhost')}",
        f"TLS=https://tls.localhost:{p.port}/",
        "NODNS=http://khong-co.invalid/",
        f"LIST={p.url('list.localhost')}",
        f"MAP={p.url('map.localhost')}",
    )


def test_every_agency_gets_exactly_one_outcome(crawl: CrawlRun) -> None:
    codes = {"XAB", "XAP", "TRAP", "DEEP", "DEAD", "E500", "ROBOTS", "LOOP", "OLD", "SLOW", "TLS"}
    codes |= {"NODNS", "LIST", "MAP"}
    assert set(crawl.sites) == codes
    assert crawl.stats["agencies"] == len(codes)


def test_sub_path_agency_does_not_crawl_its_sibling(crawl: CrawlRun, province: Province) -> None:
    assert not [url for url in crawl.urls("XAB") if "/xa-an-phu/" in url]
    assert province.url("portal.localhost", SIBLING_SECRET) in crawl.urls("XAP")
    assert not [url for url in crawl.urls("XAP") if "/xa-an-binh/" in url]
    assert province.hosts.hits[("portal.localhost", SIBLING_SECRET)] == 1


def test_document_on_a_file_host_is_downloaded_for_the_linking_agency(crawl: CrawlRun) -> None:
    (fetch,) = [f for f in crawl.of("XAB") if "//files.localhost:" in f["url"]]
    assert fetch["is_document"] is True
    assert fetch["filename"] == "chinh-sach-chat-luong.pdf"
    assert fetch["body_size"] > 0
    assert fetch["link_text"] == "Chính sách chất lượng"  # the icon link takes its row's text


def test_document_outside_the_prefix_of_a_shared_portal_is_downloaded(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("XAB", "/upload/xab/qd-cong-bo.pdf")
    assert fetch["is_document"] is True
    assert fetch["failure"] is None
    assert fetch["referer"].endswith("/xa-an-binh/iso.html")
    assert "Quyết định công bố HTQLCL" in fetch["link_text"]


def test_document_without_extension_is_recognised_with_its_utf8_name(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("XAB", "/xa-an-binh/DownloadFile.aspx?id=7")
    assert fetch["is_document"] is True
    assert fetch["filename"] == "Mục tiêu 2026.docx"
    assert fetch["link_text"] == "Mục tiêu chất lượng năm 2026"


def test_pages_are_not_documents(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("XAB", "/xa-an-binh/iso.html")
    assert fetch["is_document"] is False
    assert fetch["depth"] == 1
    assert fetch["content_type"].startswith("text/html")


def test_missing_document_is_recorded_as_http_failure(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("XAB", "/xa-an-binh/thieu.pdf")
    assert (fetch["status"], fetch["failure"], fetch["is_document"]) == (404, "http", True)
    assert fetch["body_size"] is None


def test_too_large_document_is_recorded(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("XAB", "/xa-an-binh/lon.pdf")
    assert fetch["failure"] == "too_large"


def test_site_outcome_counts_successful_pages_and_documents(crawl: CrawlRun) -> None:
    outcome = crawl.sites["XAB"]
    assert outcome["reachable"] is True
    assert outcome["documents"] == 3  # the PDF, the file host's PDF, the DOCX
    assert outcome["pages"] == 3  # home, news, ISO page


def test_calendar_trap_ends_when_exploration_does(crawl: CrawlRun) -> None:
    explored = 1 + CrawlBudget().explore  # the start page, then irrelevant links
    assert explored < PAGES
    assert len(crawl.of("TRAP")) == explored
    assert crawl.sites["TRAP"]["pages"] == explored


def test_calendar_trap_ends_at_the_page_budget(province: Province) -> None:
    run = run_crawler(
        "--allow-private", "--pages", "7", "--explore", "100",
        f"TRAP={province.url('trap.localhost', '/lich?d=0')}",
    )  # fmt: skip
    assert len(run.of("TRAP")) == 7


def test_no_agency_exceeds_its_budget(crawl: CrawlRun) -> None:
    for code in crawl.sites:
        assert len(crawl.of(code)) <= PAGES, code


def test_depth_limit_stops_the_chain(crawl: CrawlRun, province: Province) -> None:
    paths = sorted(url.rsplit("/", 1)[1] for url in crawl.urls("DEEP"))
    assert paths == ["", "d1", "d2", "d3"]
    assert province.hosts.hits[("deep.localhost", "/d4")] == 0


def test_pagination_of_a_document_list_does_not_count_as_depth(crawl: CrawlRun) -> None:
    documents = sorted(f["url"].rsplit("/", 1)[1] for f in crawl.of("LIST") if f["is_document"])
    assert documents == [f"vb-{n}.pdf" for n in range(1, 6)]
    assert {f["depth"] for f in crawl.of("LIST") if "page=" in f["url"]} == {1}


def test_sitemaps_declared_in_robots_txt_are_read(crawl: CrawlRun, province: Province) -> None:
    paths = sorted(url.split(str(province.port), 1)[1] for url in crawl.urls("MAP"))
    assert paths == [
        "/",
        "/an/he-thong-quan-ly-chat-luong.html",
        "/files/qd.pdf",
        "/sitemap-pages.xml",
        "/sitemap.xml",
    ]
    assert province.hosts.host_hits("other.localhost") == 0


def test_refused_connection_makes_the_site_unreachable(crawl: CrawlRun) -> None:
    outcome = crawl.sites["DEAD"]
    assert (outcome["reachable"], outcome["failure"]) == (False, "refused")
    assert outcome["retried"] is True
    tries = [(f["failure"], f["start"], f["retry"]) for f in crawl.of("DEAD")]
    assert tries == [("refused", True, False), ("refused", True, True)]  # again at the end


def test_http_500_start_page_is_unreachable_after_retries(
    crawl: CrawlRun, province: Province
) -> None:
    outcome = crawl.sites["E500"]
    assert (outcome["reachable"], outcome["failure"]) == (False, "http")
    (fetch,) = crawl.of("E500")
    assert fetch["status"] == 500
    assert province.hosts.hits[("err500.localhost", "/")] == 2  # one retry


def test_robots_forbidding_everything(crawl: CrawlRun, province: Province) -> None:
    outcome = crawl.sites["ROBOTS"]
    assert outcome["robots_forbidden"] is True
    assert outcome["reachable"] is False
    assert [f["failure"] for f in crawl.of("ROBOTS")] == ["robots"]
    assert province.hosts.hits[("robots.localhost", "/")] == 0


def test_redirect_loop_is_recorded(crawl: CrawlRun) -> None:
    fetch = crawl.fetch("LOOP", "/a")
    assert fetch["failure"] == "redirect_loop"
    assert crawl.sites["LOOP"]["reachable"] is True


def test_redirected_start_page_brings_its_new_host_into_scope(crawl: CrawlRun) -> None:
    start = crawl.of("OLD")[0]
    assert "//new.localhost:" in start["final_url"]
    assert any(url.endswith("/van-ban") for url in crawl.urls("OLD"))
    assert crawl.sites["OLD"]["reachable"] is True


def test_timeout_dns_and_tls_failures_are_data(crawl: CrawlRun, province: Province) -> None:
    assert crawl.sites["SLOW"]["failure"] == "timeout"
    # A timeout is retried at once; the start page once more at the end of the run.
    assert province.hosts.hits[("slow.localhost", "/")] == 2 + 1
    assert crawl.sites["NODNS"]["failure"] == "dns"
    assert crawl.sites["TLS"]["failure"] == "tls"
    assert (crawl.sites["TLS"]["reachable"], crawl.sites["TLS"]["retried"]) == (False, False)


def test_stats_count_failures_by_kind(crawl: CrawlRun) -> None:
    failures = crawl.stats["failures"]
    for kind in ("robots", "redirect_loop", "too_large", "tls"):
        assert failures[kind] == 1, kind
    for kind in ("refused", "timeout", "dns"):  # a start page, and its try at the end of the run
        assert failures[kind] == 2, kind
    assert failures["http"] == 2  # the missing PDF and the 500 start page
    assert crawl.stats["requests"] == len(crawl.fetches)
    assert crawl.stats["reachable"] == sum(s["reachable"] for s in crawl.sites.values())
