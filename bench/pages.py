"""Benchmark of reading served pages: typing accuracy, text kept, speed and memory.

Reads a running sandbox (the CMS tiers of `python -m sandbox serve --platforms 4`, the
WordPress tier of `python -m sandbox.wordpress serve`) over HTTP on 127.0.0.1, with each
site's Host header: every page and file its truth lists, and every other page of the
agency's area a small GET-only walk reaches (each agency's print, save-as and PDF-preview
renderings, sidebar pages and news among them; all of them should be `not_qms`). Each page
is typed twice: by `read_document` (whatever `extractors` is importable: run with
`PYTHONPATH=<an older checkout>` to measure it) and with trafilatura's main text in place of
`extractors.html` (when trafilatura is installed). Prints Markdown.

    .venv/bin/python -m bench.pages --truth DIR/truth.json [--truth WP/truth.json]
                                    [--all-agencies] [--max-pages 120]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import lxml.html

import extractors
from extractors import classify_text, read_document

ONCLICK_PATH = re.compile(r"'(/[^']+)'")
PRINT_MARK = re.compile(r"/print/|/savefile/|dnnprintmode=true|print=1|&pdf=1")
ISO_NEWS = "Hội nghị triển khai áp dụng"
CHROME = ("Bản quyền", "lượt truy cập", "Tìm kiếm", "Trang chủ")
SIDEBAR = "CHÍNH SÁCH CHẤT LƯỢNG"


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes
    filename: str | None


@dataclass(frozen=True)
class Item:
    """A page or file and what it should be typed: (group, expected doc_type)."""

    agency: str
    tier: str
    group: str
    expected: str
    fetched: Fetched


@dataclass
class Agency:
    code: str
    website: str
    tags: list[str]
    documents: dict[str, str]  # url -> doc_type
    tier: str = field(init=False)

    def __post_init__(self) -> None:
        tiers = [t.removeprefix("platform_") for t in self.tags if t.startswith("platform_")]
        self.tier = tiers[0] if tiers else "wordpress" if "wordpress" in self.tags else "generated"


class Sandbox:
    """GETs on 127.0.0.1 with the site's Host header; `*.localhost` names only."""

    def __init__(self) -> None:
        self.client = httpx.Client(timeout=15, follow_redirects=False)

    def get(self, url: str, hops: int = 5) -> Fetched | None:
        parts = urlsplit(url)
        if not (parts.hostname or "").endswith("localhost"):
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        local = f"http://127.0.0.1:{parts.port or 80}{path or '/'}"
        answer = self.client.get(local, headers={"Host": parts.netloc})
        if answer.status_code in (301, 302, 303, 307, 308) and hops:
            return self.get(urljoin(url, answer.headers["location"]), hops - 1)
        if answer.status_code != 200:
            return None
        disposition = answer.headers.get("content-disposition", "")
        name = re.search(r'filename="?([^";]+)', disposition)
        return Fetched(
            url, answer.headers.get("content-type", ""), answer.content, name and name.group(1)
        )


def _agencies(paths: list[Path], *, everyone: bool) -> Iterator[Agency]:
    for path in paths:
        for entry in json.loads(path.read_text(encoding="utf-8"))["agencies"]:
            agency = Agency(
                entry["code"],
                entry["website"],
                entry["tags"],
                {d["url"]: d["doc_type"] for d in entry["documents"]},
            )
            if everyone or agency.tier != "generated":
                yield agency


def _is_page(fetched: Fetched) -> bool:
    head = fetched.body[:300].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or "html" in fetched.content_type


def _links(url: str, html: str) -> set[str]:
    try:
        document = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return set()
    found = {urljoin(url, h) for h in document.xpath("//a/@href") if not h.startswith("java")}
    found |= {urljoin(url, s) for s in document.xpath("//@data-src | //@data-downloadurl")}
    for script in document.xpath("//a/@onclick"):
        found |= {urljoin(url, path) for path in ONCLICK_PATH.findall(script)}
    return {link.split("#")[0] for link in found}


def _in_area(agency: Agency, url: str) -> bool:
    home, target = urlsplit(agency.website), urlsplit(url)
    if target.netloc != home.netloc:
        return target.hostname == f"iso.{home.hostname}" and "shared_portal" not in agency.tags
    if "platform_iso_query" in agency.tags:
        return home.query in target.query.split("&")
    if "platform_liferay" in agency.tags or "shared_portal" in agency.tags:
        prefix = home.path if "platform_liferay" in agency.tags else "/" + home.path.split("/")[1]
        return target.path.startswith(prefix.rstrip("/"))
    return True


def _group(agency: Agency, fetched: Fetched) -> str:
    if PRINT_MARK.search(fetched.url):
        return "negative: print/save/preview rendering"
    if not _is_page(fetched):
        return "negative: other file"
    text = fetched.body.decode("utf-8", errors="replace")
    if ISO_NEWS in text:
        return "negative: news mentioning ISO"
    if "neg_sidebar_block" in agency.tags and SIDEBAR in text:
        return "negative: page with the policy in its sidebar"
    return "negative: other page"


def _walk(sandbox: Sandbox, agency: Agency, max_pages: int) -> Iterator[Item]:
    """The truth's documents, then every other page (and file) the walk reaches."""
    for url, doc_type in agency.documents.items():
        fetched = sandbox.get(url)
        if fetched is not None:
            kind = "html" if _is_page(fetched) else "file"
            yield Item(agency.code, agency.tier, f"truth: {kind}", doc_type, fetched)
    queue, seen, pages = [agency.website], {agency.website, *agency.documents}, 0
    while queue and pages < max_pages:
        fetched = sandbox.get(queue.pop(0))
        if fetched is None:
            continue
        pages += 1
        yield Item(agency.code, agency.tier, _group(agency, fetched), "not_qms", fetched)
        if not _is_page(fetched):
            continue
        for link in sorted(_links(fetched.url, fetched.body.decode("utf-8", errors="replace"))):
            if link not in seen and (_in_area(agency, link) or PRINT_MARK.search(link)):
                seen.add(link)
                queue.append(link)


def ours(fetched: Fetched) -> tuple[str, str]:
    reading = read_document(
        fetched.body, content_type=fetched.content_type, filename=fetched.filename, url=fetched.url
    )
    return reading.classification.doc_type, reading.text


def with_trafilatura() -> Callable[[Fetched], tuple[str, str]] | None:
    """Typing with trafilatura's main text and title in place of `extractors.html`."""
    try:
        import trafilatura
    except ImportError:
        return None

    def read(fetched: Fetched) -> tuple[str, str]:
        if not _is_page(fetched):
            return ours(fetched)
        html = fetched.body.decode("utf-8", errors="replace")
        text = trafilatura.extract(html, include_tables=True, include_links=False) or ""
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
        return classify_text(text, title=title).doc_type, text

    return read


def _table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def _gold(item: Item) -> str | None:
    """The text of a QMS page's own document element (the sandbox renders it so)."""
    if item.group != "truth: html":
        return None
    found = lxml.html.fromstring(item.fetched.body).xpath("//article[@class='document']")
    return " ".join(found[0].itertext()) if found else None  # cells and <br> lines apart


def _text_figures(items: list[Item], texts: list[str]) -> list[str]:
    pages = [(i, t) for i, t in zip(items, texts, strict=True) if _is_page(i.fetched)]
    empty = sum(1 for _, text in pages if not text.strip())
    chrome = sum(1 for _, text in pages if any(word in text for word in CHROME))
    sidebar = [t for i, t in pages if i.group == "negative: page with the policy in its sidebar"]
    recalls = []
    for item, text in pages:
        gold = _gold(item)
        if gold:
            words = gold.split()
            kept = " ".join(text.split())
            recalls.append(sum(w in kept for w in words) / len(words))
    return [
        f"{empty}/{len(pages)}",
        f"{chrome}/{len(pages)}",
        f"{sum(SIDEBAR in t for t in sidebar)}/{len(sidebar)}",
        f"{statistics.mean(recalls):.3f}" if recalls else "n/a",
    ]


def _speed(items: list[Item], read: Callable[[Fetched], tuple[str, str]]) -> tuple[float, float]:
    """Median ms per page and the largest traced allocation peak (KiB) of one page."""
    pages = [i.fetched for i in items if _is_page(i.fetched)]
    times, peaks = [], []
    for fetched in pages:
        tracemalloc.start()
        start = time.perf_counter()
        read(fetched)
        times.append(1000 * (time.perf_counter() - start))
        peaks.append(tracemalloc.get_traced_memory()[1] / 1024)
        tracemalloc.stop()
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, action="append", required=True)
    parser.add_argument("--all-agencies", action="store_true")
    parser.add_argument("--max-pages", type=int, default=120, help="walk budget per agency")
    args = parser.parse_args()
    sandbox = Sandbox()
    items = [
        item
        for agency in _agencies(args.truth, everyone=args.all_agencies)
        for item in _walk(sandbox, agency, args.max_pages)
    ]
    readers: dict[str, Callable[[Fetched], tuple[str, str]]] = {"read_document": ours}
    if (other := with_trafilatura()) is not None:
        readers["trafilatura main text"] = other
    print(f"extractors from {Path(extractors.__file__).parent}; {len(items)} pages and files\n")
    found = {name: [read(item.fetched) for item in items] for name, read in readers.items()}
    _print_accuracy(items, found)
    rows = [["reader", "empty pages", "pages with chrome", "sidebar kept", "document recall"]]
    for name, results in found.items():
        rows.append([name, *_text_figures(items, [text for _, text in results])])
    print("\n" + _table(rows))
    rows = [["reader", "ms/page (median)", "peak KiB/page (tracemalloc)"]]
    for name, read in readers.items():
        ms, peak = _speed(items, read)
        rows.append([name, f"{ms:.1f}", f"{peak:.0f}"])
    print("\n" + _table(rows))


def _print_accuracy(items: list[Item], found: dict[str, list[tuple[str, str]]]) -> None:
    right: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    totals: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for index, item in enumerate(items):
        for key in ((item.group, "all"), ("all", item.tier), ("all", "all")):
            totals[key] += 1
            for name, results in found.items():
                right[name][key] += results[index][0] == item.expected
        first = next(iter(found.values()))[index][0]
        if first != item.expected:
            misses.append(f"- {item.agency} {item.fetched.url}: {first}, not {item.expected}")
    rows = [["group", "n", *found]]
    for key in sorted(totals):
        cells = [f"{right[name][key] / totals[key]:.3f}" for name in found]
        rows.append([key[0] if key[1] == "all" else f"tier {key[1]}", str(totals[key]), *cells])
    print(_table(rows))
    print("\n" + ("\n".join(misses[:40]) or "no miss by read_document"))


if __name__ == "__main__":
    main()
