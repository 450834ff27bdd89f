"""The WordPress tier: Debian's WordPress on loopback, filled through its REST API, with truth.

One tier is started for the session (it only serves once filled); the tests that start and
stop one of their own serve a single agency, which is cheap.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
from pdfminer.high_level import extract_text

from sandbox import Province, read_registry, reserve_closed_port, write_province
from sandbox.scenarios import required_objectives_year
from sandbox.wordpress import (
    TIER,
    FilledSite,
    Habit,
    MissingPackageError,
    RunningWordPress,
    ServiceError,
    WordPressError,
    running_wordpress,
    services,
    tier_registry,
    with_tier,
)
from sandbox.wordpress.client import SiteClient
from sandbox.wordpress.programs import find_programs
from tests.sandbox.conftest import AS_OF, Answer, fetch

TITLE_WORDS = {
    "declaration": "công bố Hệ thống quản lý chất lượng",
    "quality_policy": "CHÍNH SÁCH CHẤT LƯỢNG",
    "quality_objectives": "MỤC TIÊU CHẤT LƯỢNG NĂM",
    "quality_manual": "SỔ TAY CHẤT LƯỢNG",
    "process_list": "DANH MỤC QUY TRÌNH",
    "procedure": "QUY TRÌNH",
    "plan": "Duy trì, cải tiến Hệ thống quản lý chất lượng",
    "internal_audit": "Kết quả đánh giá nội bộ",
}
HREF = re.compile(r'href=["\']([^"\']+)["\']')
PAGE_TITLE = re.compile(r'<h1 class="entry-title">(.*?)</h1>', re.S)


@pytest.fixture(scope="session")
def wordpress() -> Iterator[RunningWordPress]:
    # Not under pytest's temporary root, which is closed to mysql and www-data.
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-wp-"))
    try:
        with running_wordpress(root, as_of=AS_OF) as tier:
            yield tier
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _get(tier: RunningWordPress, url: str) -> Answer:
    parts = urlsplit(url)
    assert parts.hostname is not None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return fetch(tier.port, parts.hostname, path)


def _page(tier: RunningWordPress, url: str) -> str:
    answer = _get(tier, url)
    assert answer.status == 200, url
    assert answer.headers["content-type"].startswith("text/html"), url
    return answer.body.decode("utf-8")


def _links(html: str) -> set[str]:
    return {unescape(href) for href in HREF.findall(html)}


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", unescape(text)).split())


def _text(document_format: str, answer: Answer) -> str:
    """What a reader of `document_format` gets from the body."""
    body = answer.body
    if document_format == "pdf":
        assert body.startswith(b"%PDF-")
        return extract_text(io.BytesIO(body))
    if document_format == "docx":
        document = docx.Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if document_format == "doc_rtf":
        assert body.startswith(b"{\\rtf1")
        decoded = re.sub(rb"\\u(-?\d+)\?", lambda m: chr(int(m.group(1)) % 65536).encode(), body)
        return decoded.decode("utf-8")
    assert document_format == "html"
    assert answer.headers["content-type"].startswith("text/html")
    return re.sub(r"<[^>]+>", " ", body.decode("utf-8"))


def _site(tier: RunningWordPress, habit: Habit) -> FilledSite:
    return next(site for site in tier.sites if habit in site.agency.habits)


def test_registry_and_truth_describe_the_same_agencies(wordpress: RunningWordPress) -> None:
    registry = {row.code: row for row in wordpress.registry}
    truth = {agency.code: agency for agency in wordpress.truth}
    assert list(registry) == list(truth) == [agency.code for agency in TIER]
    for code, agency in truth.items():
        assert registry[code].website == agency.website
        assert agency.website == f"http://{urlsplit(agency.website).hostname}:{wordpress.port}/"
        assert agency.website.split("//")[1].split(":")[0].endswith(".tinhdemo.localhost")
        assert "wordpress" in agency.tags
    statuses = {agency.status for agency in truth.values()}
    assert {"compliant", "incomplete", "outdated", "not_published"} <= statuses


def test_truth_status_follows_from_the_documents_served(wordpress: RunningWordPress) -> None:
    for agency in wordpress.truth:
        types = {d.doc_type for d in agency.documents}
        versions = {d.iso_version for d in agency.documents}
        if agency.status == "not_published":
            assert agency.documents == ()
            continue
        assert versions == {agency.iso_version}
        assert agency.iso_version == ("2008" if agency.status == "outdated" else "2015")
        if agency.status == "compliant":
            assert {"declaration", "quality_policy", "process_list"} <= types
            years = {d.year for d in agency.documents if d.doc_type == "quality_objectives"}
            assert required_objectives_year(AS_OF) in years
        if agency.status == "incomplete":
            assert "declaration" in types and "quality_policy" not in types


@pytest.mark.parametrize("fixture", ["province60", "province_platforms"])
def test_tier_codes_and_hosts_are_new_to_the_province(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """The tier joins the province with or without the other CMS tiers: other agencies."""
    province: Province = request.getfixturevalue(fixture)
    rows = tier_registry(8080)
    assert not {row.code for row in rows} & {row.code for row in province.registry}
    names = {row.name for row in rows}
    assert not names & {row.name for row in province.registry}
    hosts = {urlsplit(row.website).hostname for row in rows}
    assert len(hosts) == len(rows)
    assert not hosts & {site.host for site in province.sites}


def test_the_tier_joins_a_province_in_one_registry_and_truth(
    wordpress: RunningWordPress, province: Province, tmp_path: Path
) -> None:
    files = write_province(with_tier(province, wordpress), tmp_path, mirror=False)
    codes = [row.code for row in read_registry(files.registry)]
    assert codes == [row.code for row in province.registry] + [a.code for a in TIER]
    truth = json.loads(files.truth.read_text(encoding="utf-8"))["agencies"]
    assert [a["code"] for a in truth] == codes
    assert truth[-1]["website"] == wordpress.truth[-1].website
    with pytest.raises(ValueError, match="BQL-KDL"):
        with_tier(with_tier(province, wordpress), wordpress)


def test_every_truth_document_is_served_and_parses_in_its_format(
    wordpress: RunningWordPress,
) -> None:
    formats = set()
    for agency in wordpress.truth:
        for document in agency.documents:
            answer = _get(wordpress, document.url)
            assert answer.status == 200, document.url
            text = _plain(_text(document.format, answer))
            assert _plain(TITLE_WORDS[document.doc_type]) in text, document.url
            assert f"TCVN ISO 9001:{document.iso_version}" in text, document.url
            formats.add(document.format)
    assert formats == {"pdf", "docx", "doc_rtf", "html"}


def test_the_download_plugin_url_names_neither_file_nor_type(
    wordpress: RunningWordPress,
) -> None:
    site = _site(wordpress, Habit.DOWNLOAD_PLUGIN)
    (document,) = [d for d in site.truth.documents if "?wpdmdl=" in d.url]
    answer = _get(wordpress, document.url)
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["content-disposition"] == 'attachment; filename="danh-muc-quy-trinh.doc"'
    assert answer.body.startswith(b"{\\rtf1")


def test_attachment_pages_stand_between_the_pages_and_the_files(
    wordpress: RunningWordPress,
) -> None:
    site = _site(wordpress, Habit.ATTACHMENT_PAGES)
    files = {d.url for d in site.truth.documents if "/wp-content/uploads/" in d.url}
    assert site.iso_page is not None
    assert site.iso_page in _links(_page(wordpress, site.origin + "/"))  # in the menu
    linked = _links(_page(wordpress, site.iso_page))
    assert not files & linked  # the ISO page never links a file itself
    attachment_pages = {link for link in linked if "?attachment_id=" in link}
    reached = set()
    for page in attachment_pages:
        reached |= _links(_page(wordpress, page)) & files
    assert reached == files
    (announcement,) = site.announcements
    assert re.fullmatch(r"http://[^/]+/\?p=\d+", announcement)  # plain permalinks
    assert _links(_page(wordpress, announcement)) & attachment_pages


def test_a_declaration_post_titled_by_its_number_alone(wordpress: RunningWordPress) -> None:
    site = _site(wordpress, Habit.NUMBER_ONLY_TITLE)
    (announcement,) = site.announcements
    html = _page(wordpress, announcement)
    (title,) = PAGE_TITLE.findall(html)
    assert re.fullmatch(
        r"Quyết định số \d+/QĐ-BQLKDL ngày \d\d/\d\d/\d{4} của Trưởng ban "
        r"Ban Quản lý Khu du lịch quốc gia tỉnh Demo",
        _plain(title),
    )
    (declaration,) = [d for d in site.truth.documents if d.doc_type == "declaration"]
    assert declaration.url in _links(html)
    assert re.fullmatch(r"http://[^/]+/\d{4}/\d\d/quyet-dinh-so-[^/]+/", announcement)


def test_search_for_iso_finds_the_declaration_posts(wordpress: RunningWordPress) -> None:
    for site in wordpress.sites:
        results = _page(wordpress, site.origin + "/?s=ISO")
        assert set(site.announcements) <= _links(results)
    number_only = _site(wordpress, Habit.NUMBER_ONLY_TITLE)
    results = _plain(_page(wordpress, number_only.origin + "/?s=ISO"))
    # The title says nothing of ISO: the excerpt, shown in the results, is what matches.
    assert "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO" in (
        results
    )


def test_wp_sitemap_lists_every_post(wordpress: RunningWordPress) -> None:
    for site in wordpress.sites:
        plain = site.agency.permalinks == ""
        index_url = site.origin + ("/?sitemap=index" if plain else "/wp-sitemap.xml")
        index = _get(wordpress, index_url)
        assert index.status == 200 and index.headers["content-type"].startswith("application/xml")
        listed = set()
        for sitemap in re.findall(r"<loc>([^<]+)</loc>", index.body.decode()):
            answer = _get(wordpress, unescape(sitemap))
            listed |= {unescape(u) for u in re.findall(r"<loc>([^<]+)</loc>", answer.body.decode())}
        assert set(site.posts) <= listed, site.agency.code
        robots = _get(wordpress, site.origin + "/robots.txt")
        if plain:  # WordPress answers robots.txt only through its rewrite rules
            assert robots.status == 301
            assert robots.headers["location"] == site.origin + "/robots.txt/"
        else:
            assert robots.status == 200
            assert f"Sitemap: {site.origin}/wp-sitemap.xml" in robots.body.decode()


def test_news_is_paged_and_the_menu_leads_to_the_iso_page(wordpress: RunningWordPress) -> None:
    for site in wordpress.sites:
        assert len(site.posts) >= 30
        home = _page(wordpress, site.origin + "/")
        plain = site.agency.permalinks == ""
        second = site.origin + ("/?paged=2" if plain else "/page/2/")
        assert second in _links(home)
        assert _get(wordpress, site.origin + ("/?paged=4" if plain else "/page/4/")).status == 200
        menu = re.search(r'<nav id="site-navigation".*?</nav>', home, re.S)
        assert menu is not None
        iso_item = "Hệ thống quản lý chất lượng" in menu.group(0)
        assert iso_item == (Habit.ISO_PAGE in site.agency.habits)
        assert "Giới thiệu" in menu.group(0)


def test_the_iso_training_news_is_served_but_is_no_document(wordpress: RunningWordPress) -> None:
    site = _site(wordpress, Habit.ISO_TRAINING_NEWS)
    assert site.truth.status == "not_published" and site.truth.documents == ()
    assert "has_hard_negatives" in site.truth.tags
    (negative,) = site.negatives
    assert "TCVN ISO 9001:2015" in _plain(_page(wordpress, negative))
    assert negative in _links(_page(wordpress, site.origin + "/?s=ISO"))


def test_an_unknown_host_on_the_port_is_not_found(wordpress: RunningWordPress) -> None:
    assert fetch(wordpress.port, "nowhere.tinhdemo.localhost", "/").status == 404


def test_the_tier_stops_leaving_no_process_and_no_file() -> None:
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-wp-"))
    (commune,) = [a for a in TIER if a.code == "XA-BENCUI"]
    try:
        with running_wordpress(root, as_of=AS_OF, agencies=(commune,)) as tier:
            processes = tier.processes()
            assert len(processes) >= 3  # MariaDB, the PHP-FPM master, nginx, and workers
            assert fetch(tier.port, commune.host, "/").status == 200
        assert not tier.processes()
        assert all(not _alive(pid) for pid in processes)
        assert list(root.iterdir()) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_folder_in_use_is_refused_before_anything_starts(tmp_path: Path) -> None:
    (tmp_path / "someone-elses.txt").write_text("x")
    with pytest.raises(WordPressError, match="not empty"), running_wordpress(tmp_path, as_of=AS_OF):
        pass


def test_a_server_that_ignores_sigterm_is_killed_with_its_children(tmp_path: Path) -> None:
    # A master that ignores SIGTERM, and a worker of its group.
    script = "trap '' TERM; sleep 600 & sleep 600"
    service = services.start("stubborn", ["sh", "-c", script], log=tmp_path / "log")
    services.wait_until(
        service, lambda: len(services.group_members({service.process.pid})) == 3, timeout=10
    )
    services.stop(service, timeout=1)
    assert services.group_members({service.process.pid}) == set()
    assert service.process.returncode == -signal.SIGKILL


def test_a_server_that_exits_at_start_is_reported_with_its_log(tmp_path: Path) -> None:
    service = services.start("broken", ["sh", "-c", "echo bind failed; exit 3"], log=tmp_path / "l")
    with pytest.raises(ServiceError, match=r"broken exited with 3:\nbind failed"):
        services.wait_until(service, lambda: False, timeout=10)


def test_no_request_is_sent_after_the_deadline() -> None:
    client = SiteClient(host="late.tinhdemo.localhost", port=9, deadline=time.monotonic() - 1)
    with client, pytest.raises(WordPressError, match="not filled in the time"):
        client.rest("GET", "/wp/v2/settings")  # port 9 is closed: sending would fail otherwise


def test_a_site_that_does_not_answer_is_a_tier_error_naming_it() -> None:
    with reserve_closed_port() as closed:
        port, deadline = closed.getsockname()[1], time.monotonic() + 9
        client = SiteClient(host="down.tinhdemo.localhost", port=port, deadline=deadline)
        with client, pytest.raises(WordPressError, match=r"down\.tinhdemo\.localhost: GET /: Conn"):
            client.rest("GET", "/wp/v2/settings")


def test_a_missing_package_is_named_with_the_cure(tmp_path: Path) -> None:
    with pytest.raises(MissingPackageError, match=r"package wordpress is missing.*make test"):
        find_programs(wordpress_dir=tmp_path)


def test_the_command_line_serves_until_signalled(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sandbox.wordpress", "serve", "--agency", "XA-BENCUI"]
    command += ["--as-of", AS_OF.isoformat(), "--out", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            ready = json.loads(process.stdout.readline())
            rows = read_registry(Path(ready["registry"]))
            assert [row.code for row in rows] == ["XA-BENCUI"]
            truth = json.loads(Path(ready["truth"]).read_text(encoding="utf-8"))
            assert truth["agencies"][0]["status"] == "not_published"
            host = urlsplit(rows[0].website).hostname or ""
            assert fetch(ready["port"], host, "/").status == 200
        finally:
            os.kill(process.pid, signal.SIGTERM)
            assert process.wait(timeout=60) == 0
