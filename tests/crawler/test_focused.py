"""The focused crawler on harder sites: JSON endpoints loaded by scripts, an ISO platform
shared by agencies, an ISO subsite, redirect chains, oversized files, incremental recrawls,
and the breadth-first baseline."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawler.conftest import CrawlRun, run_crawler
from tests.crawler.focused_sites import ETAG_CHANGED, ETAG_SAME, PDF, _pdf, focused_sites
from tests.crawler.servers import VirtualHosts, serve


class Sites:
    def __init__(self, hosts: VirtualHosts, port: int) -> None:
        self.hosts = hosts
        self.port = port

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(scope="module")
def sites() -> Iterator[Sites]:
    hosts = VirtualHosts(sites={})
    with serve(hosts) as port:
        hosts.sites = focused_sites(port)
        yield Sites(hosts, port)


@pytest.fixture(scope="module")
def crawl(sites: Sites) -> CrawlRun:
    s = sites
    return run_crawler(
        "--allow-private",
        *("--pages", "20", "--depth", "4", "--timeout", "3", "--max-bytes", "100000"),
        f"JS={s.url('js.tinh.localhost')}",
        f"SOA={s.url('so-a.tinh.localhost')}",
        f"SUB={s.url('sub.localhost')}",
        f"CHAIN={s.url('chain.localhost')}",
        f"BIG={s.url('big.localhost')}",
    )


def documents(crawl: CrawlRun, code: str) -> set[str]:
    return {f["url"] for f in crawl.of(code) if f["is_document"] and f["failure"] is None}


def test_documents_listed_by_json_endpoints_are_downloaded(crawl: CrawlRun, sites: Sites) -> None:
    found = documents(crawl, "JS")
    names = ("qd", "mt", "dm", "st")  # st: in an HTML fragment that a script loads
    expected = {sites.url("js.tinh.localhost", f"/files/{n}.pdf") for n in names}
    assert expected | {sites.url("files.tinh.localhost", "/cs.pdf")} == found


def test_json_titles_describe_the_documents(crawl: CrawlRun) -> None:
    assert crawl.fetch("JS", "/files/qd.pdf")["link_text"] == "Quyết định công bố HTQLCL"
    assert crawl.fetch("JS", "/files/mt.pdf")["link_text"] == "Mục tiêu chất lượng 2026"
    assert crawl.fetch("JS", "/files/dm.pdf")["link_text"] == "Danh mục quy trình"


def test_library_scripts_are_not_read(crawl: CrawlRun, sites: Sites) -> None:
    assert sites.hosts.hits[("js.tinh.localhost", "/static/jquery.min.js")] == 0
    assert sites.hosts.hits[("js.tinh.localhost", "/static/app.js")] == 1
    assert sites.hosts.hits[("js.tinh.localhost", "/api/never")] == 0


def test_the_agency_page_on_the_iso_platform_is_crawled(crawl: CrawlRun, sites: Sites) -> None:
    platform = "isodt.tinh.localhost"
    assert documents(crawl, "SOA") == {
        sites.url(platform, "/uploads/so-a/qd-cong-bo.pdf"),
        sites.url(platform, "/uploads/so-a/dm.pdf"),
    }
    assert sites.hosts.hits[(platform, "/co-quan/so-a/quy-trinh.html")] == 1


def test_other_agencies_on_the_platform_and_consultancies_are_not(
    crawl: CrawlRun, sites: Sites
) -> None:
    assert sites.hosts.hits[("isodt.tinh.localhost", "/co-quan/so-b/")] == 0
    assert sites.hosts.host_hits("tuvan-iso.localhost") == 0


def test_the_iso_subsite_is_in_scope(crawl: CrawlRun, sites: Sites) -> None:
    assert documents(crawl, "SUB") == {sites.url("iso.sub.localhost", "/tai-lieu/chinh-sach.pdf")}


def test_a_document_behind_a_302_chain(crawl: CrawlRun, sites: Sites) -> None:
    fetch = crawl.fetch("CHAIN", "/tai-ve?id=1")
    assert fetch["final_url"] == sites.url("chain.localhost", "/kho/qd.pdf")
    assert (fetch["status"], fetch["is_document"], fetch["body_size"]) == (200, True, len(PDF))
    assert sites.hosts.hits[("chain.localhost", "/kho/qd.pdf")] == 1


def test_too_large_files_are_refused_by_header_or_mid_stream(crawl: CrawlRun) -> None:
    assert crawl.fetch("BIG", "/iso/so-tay.pdf")["failure"] == "too_large"
    assert crawl.fetch("BIG", "/iso/stream.pdf")["failure"] == "too_large"
    assert crawl.fetch("BIG", "/iso/nho.pdf")["failure"] is None
    assert "download max size" not in crawl.stderr  # recorded as data, not logged as well


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@pytest.fixture(scope="module")
def recrawl(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    url = lambda path: sites.url("etag.localhost", path)  # noqa: E731
    known = {
        "ETAG": {
            url("/iso/qd.pdf"): {"etag": ETAG_SAME, "sha256": sha256(PDF)},
            url("/iso/cs.pdf"): {"etag": '"v1-old"', "last_modified": None, "sha256": "00"},
            url("/iso/mt.pdf"): {"sha256": sha256(_pdf().body)},
        }
    }
    path: Path = tmp_path_factory.mktemp("known") / "known.json"
    path.write_text(json.dumps(known))
    return run_crawler("--allow-private", "--known", str(path), f"ETAG={url('/')}")


def test_unchanged_document_answers_304_and_is_not_downloaded(
    recrawl: CrawlRun, sites: Sites
) -> None:
    fetch = recrawl.fetch("ETAG", "/iso/qd.pdf")
    assert (fetch["status"], fetch["failure"], fetch["body_size"]) == (304, None, None)
    assert fetch["is_document"] is True
    assert fetch["unchanged_sha256"] == sha256(PDF)
    sent = {
        k.lower(): v
        for k, v in sites.hosts.request_headers[("etag.localhost", "/iso/qd.pdf")].items()
    }
    assert sent["if-none-match"] == ETAG_SAME


def test_changed_document_is_downloaded_with_its_new_etag(recrawl: CrawlRun) -> None:
    fetch = recrawl.fetch("ETAG", "/iso/cs.pdf")
    assert (fetch["status"], fetch["unchanged_sha256"]) == (200, None)
    assert fetch["etag"] == ETAG_CHANGED
    assert fetch["body_size"] > 0


def test_same_bytes_without_validators_are_reported_unchanged(recrawl: CrawlRun) -> None:
    fetch = recrawl.fetch("ETAG", "/iso/mt.pdf")
    assert fetch["status"] == 200
    assert fetch["unchanged_sha256"] == sha256(_pdf().body)


def test_pages_are_not_requested_conditionally(recrawl: CrawlRun, sites: Sites) -> None:
    sent = sites.hosts.sent("etag.localhost", "/")
    assert "if-none-match" not in sent
    assert "user-agent" in sent


def test_breadth_first_goes_hop_by_hop(sites: Sites) -> None:
    run = run_crawler(
        "--allow-private", "--strategy", "breadth_first", "--pages", "6",
        f"SOA={sites.url('so-a.tinh.localhost')}",
    )  # fmt: skip
    depths = [f["depth"] for f in run.of("SOA")]
    assert depths == sorted(depths)
    assert len(depths) <= 6
