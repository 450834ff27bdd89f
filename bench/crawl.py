"""Benchmark the focused crawler against a plain breadth-first crawl on the sandbox province.

    .venv/bin/python bench/crawl.py [--agencies 500] [--latency 100ms] [--preset province]
        [--pages 60] [--baseline-pages 60 --baseline-pages 300] [--news-archive 60]
        [--platforms 3] [--concurrency 64] [--limit 1800] [--out FILE]
    .venv/bin/python bench/crawl.py anchors [--links 5000] [--repeat 5]

Starts the sandbox (`python -m sandbox serve`) with the given latency, then runs the real
crawler (`crawler.run_crawl`) once per strategy, each in a child process of its own (the
Twisted reactor cannot restart), against the same sites. For each run it reports document
recall against the sandbox truth (a truth document is reached when a successful
FetchResult of the right agency has its URL, as requested or after redirects), requests
per agency (FetchResults, and HTTP requests on the wire: retries, redirect hops and
robots.txt included), results until each agency's last truth document (what a crawl that
knew when to stop would have spent), agencies per minute, the child's peak RSS, and wall
time; with `--platforms N` (N agencies per CMS tier added to the province), recall and
results per agency for each platform tier as well. The breadth-first baseline runs twice by
default: with the focused crawler's budget, and with a budget of 300 that crawls every
sandbox site to its depth limit (a plain crawl that reaches every document, the trap cut at
300). Prints a Markdown table, and writes it to `--out` when given. Every child is killed at
`--limit` seconds, and the sandbox is stopped at the end, whatever happened.

`anchors` times `crawler.anchors.page_anchors` alone on an old FrontPage-style page: one
`<p>` holding `--links` links, none of them generic, parsed once; it prints the medians of
`--repeat` runs in milliseconds, wall and CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
STRATEGIES = ("best_first", "breadth_first")
WHOLE_SITE_PAGES = 300  # more than any sandbox site has within depth 5, bar the calendar trap
READY_TIMEOUT = 600.0


@dataclass(frozen=True)
class Tier:
    """The figures of one platform tier (or the generated province) in one crawl."""

    name: str
    agencies: int
    truth_documents: int
    reached: int
    fetches: int

    def cells(self) -> list[str]:
        recall = self.reached / self.truth_documents if self.truth_documents else 1.0
        return [
            self.name,
            str(self.agencies),
            f"{self.reached}/{self.truth_documents} = {recall:.1%}",
            f"{self.fetches / self.agencies:.1f}",
        ]


def tier_of(agency: dict[str, Any]) -> str:
    """The platform tier of a truth agency (its `platform_*` tag), or `generated`."""
    tags = agency.get("tags", [])
    tiers = (tag.removeprefix("platform_") for tag in tags if tag.startswith("platform_"))
    return next(tiers, "generated")


@dataclass(frozen=True)
class Run:
    """The figures of one crawl of the province."""

    strategy: str
    pages: int
    agencies: int
    truth_documents: int
    reached: int
    fetches: int
    http_requests: int
    crawl_seconds: float
    wall_seconds: float
    peak_rss_mb: float
    missed: tuple[str, ...]
    foreign: int  # successful fetches of another agency's truth document
    to_last: int  # results until each agency's last truth document (all, if it has none)
    finished: bool
    tiers: tuple[Tier, ...] = ()

    @property
    def recall(self) -> float:
        return self.reached / self.truth_documents if self.truth_documents else 1.0

    def row(self) -> str:
        per_minute = self.agencies / self.crawl_seconds * 60 if self.crawl_seconds else 0.0
        cells = [
            self.strategy + ("" if self.finished else " (killed)"),
            str(self.pages),
            str(self.agencies),
            f"{self.reached}/{self.truth_documents} = {self.recall:.1%}",
            str(self.foreign),
            f"{self.fetches / self.agencies:.1f}",
            f"{self.http_requests / self.agencies:.1f}",
            f"{self.to_last / self.agencies:.1f}",
            f"{per_minute:.0f}",
            f"{self.peak_rss_mb:.0f}",
            f"{self.wall_seconds:.0f}",
        ]
        return "| " + " | ".join(cells) + " |"


HEADER = (
    "| strategy | page budget | agencies | document recall | others' documents "
    "| results/agency | HTTP requests/agency | results to last document/agency "
    "| agencies/min | peak RSS (MB) | wall (s) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


# -- the child: one crawl ----------------------------------------------------------------------


def crawl_child(args: argparse.Namespace) -> int:
    """Crawl the targets in `args.targets`; one JSON line per fetch, a last one with totals."""
    from crawler import AgencyTarget, CrawlBudget, CrawlOptions, CrawlStrategy, run_crawl

    targets = [
        AgencyTarget(code=t["code"], website=t["website"])
        for t in json.loads(args.targets.read_text())
    ]
    options = CrawlOptions(
        budget=CrawlBudget(pages=args.pages, timeout=args.timeout, explore=args.explore),
        allow_private=True,
        concurrency=args.concurrency,
        strategy=CrawlStrategy(args.strategy),
        log_level="ERROR",
    )
    with args.results.open("w", encoding="utf-8") as out:

        def on_fetch(result: Any) -> None:
            ok = result.failure is None
            record = [result.agency_code, result.url, result.final_url, ok]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

        started = time.monotonic()
        stats = run_crawl(targets, options, on_fetch=on_fetch, on_site=lambda _: None)
        totals = {
            "seconds": time.monotonic() - started,
            "fetches": stats.requests,
            "http_requests": stats.http_requests,
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }
        out.write(json.dumps({"totals": totals}) + "\n")
    return 0


# -- link extraction on one page ------------------------------------------------------------


def farm_page(links: int) -> str:
    """A page whose one `<p>` holds `links` links, as old FrontPage sites have."""
    anchors = "".join(f'<a href="/muc/{n}.htm">Mục {n}</a> | ' for n in range(links))
    return f"<html><body><p>{anchors}</p></body></html>"


def bench_anchors(args: argparse.Namespace) -> int:
    from parsel import Selector

    from crawler.anchors import page_anchors

    html = farm_page(args.links)
    wall: list[float] = []
    cpu: list[float] = []  # the machine is shared: CPU time is the steadier figure
    found = 0
    for _ in range(args.repeat):
        selector = Selector(text=html)
        started, started_cpu = time.perf_counter(), time.process_time()
        found = len(page_anchors(selector, "http://farm.example/"))
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(
        f"{args.links} links in one <p>: {found} anchors read, median {_median(wall):.0f} ms "
        f"wall, {_median(cpu):.0f} ms CPU"
    )
    return 0


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


# -- the parent: sandbox, children, figures ----------------------------------------------------


@contextmanager
def sandbox(args: argparse.Namespace, out_dir: Path) -> Iterator[dict[str, Any]]:
    """Serve the sandbox province until the block ends; yields its ready line."""
    command = [sys.executable, "-m", "sandbox", "serve", "--latency", args.latency]
    command += ["--out", str(out_dir), "--seed", str(args.seed)]
    if args.preset:
        command += ["--preset", args.preset]
    if args.agencies:
        command += ["--agencies", str(args.agencies)]
    if args.news_archive is not None:
        command += ["--news-archive", str(args.news_archive)]
    if args.platforms:
        command += ["--platforms", str(args.platforms)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        yield _ready(process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _ready(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    stdout: IO[str] = process.stdout
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        line = stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox exited ({process.wait()}) before it was ready")
        if line.startswith("{"):
            ready: dict[str, Any] = json.loads(line)
            return ready
    raise RuntimeError("the sandbox was not ready in time")


def _canonical(url: str) -> str:
    from w3lib.url import canonicalize_url

    return canonicalize_url(url)


def run_strategy(
    args: argparse.Namespace, strategy: str, pages: int, truth: list[dict[str, Any]], work: Path
) -> Run:
    targets = work / "targets.json"
    targets.write_text(json.dumps([{"code": a["code"], "website": a["website"]} for a in truth]))
    results = work / f"results-{strategy}-{pages}.jsonl"
    command = [sys.executable, __file__, "child", "--strategy", strategy, "--pages", str(pages)]
    command += ["--targets", str(targets), "--results", str(results)]
    command += ["--concurrency", str(args.concurrency), "--timeout", str(args.timeout)]
    command += ["--explore", str(args.explore)]
    started = time.monotonic()
    child = subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        child.wait(timeout=args.limit)
        finished = child.returncode == 0
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        finished = False
    wall = time.monotonic() - started
    return _figures(strategy, pages, truth, results, wall=wall, finished=finished)


def _figures(
    strategy: str,
    pages: int,
    truth: list[dict[str, Any]],
    results: Path,
    *,
    wall: float,
    finished: bool,
) -> Run:
    expected = [(a["code"], d["url"]) for a in truth for d in a["documents"]]
    wanted: dict[str, set[str]] = defaultdict(set)
    for code, url in expected:
        wanted[code].add(_canonical(url))
    reached_urls: dict[str, set[str]] = defaultdict(set)
    counted: dict[str, int] = defaultdict(int)  # results per agency so far
    last_document: dict[str, int] = {}  # the result that brought the last truth document
    totals: dict[str, Any] = {}
    fetches = 0
    for line in results.read_text(encoding="utf-8").splitlines() if results.exists() else []:
        record = json.loads(line)
        if isinstance(record, dict):
            totals = record["totals"]
            continue
        fetches += 1
        code, url, final_url, ok = record
        counted[code] += 1
        urls = {_canonical(u) for u in (url, final_url) if u}
        if ok:
            reached_urls[code].update(urls)
            if urls & wanted[code]:
                last_document[code] = counted[code]
    missed = tuple(
        f"{code} {url}" for code, url in expected if _canonical(url) not in reached_urls[code]
    )
    owners: dict[str, set[str]] = defaultdict(set)
    for code, url in expected:
        owners[_canonical(url)].add(code)
    foreign = sum(
        1
        for code, urls in reached_urls.items()
        for url in urls
        if owners.get(url) and code not in owners[url]
    )
    tiers = _tiers(truth, wanted, reached_urls, counted)
    return Run(
        tiers=tiers,
        strategy=strategy,
        pages=pages,
        agencies=len(truth),
        truth_documents=len(expected),
        reached=len(expected) - len(missed),
        fetches=totals.get("fetches", fetches),
        http_requests=totals.get("http_requests", 0),
        crawl_seconds=totals.get("seconds", wall),
        wall_seconds=wall,
        peak_rss_mb=totals.get("peak_rss_kb", 0) / 1024,
        missed=missed,
        foreign=foreign,
        to_last=sum(last_document.get(code, n) for code, n in counted.items()),
        finished=finished and bool(totals),
    )


def _tiers(
    truth: list[dict[str, Any]],
    wanted: dict[str, set[str]],
    reached_urls: dict[str, set[str]],
    counted: dict[str, int],
) -> tuple[Tier, ...]:
    codes: dict[str, list[str]] = defaultdict(list)
    for agency in truth:
        codes[tier_of(agency)].append(agency["code"])
    return tuple(
        Tier(
            name=name,
            agencies=len(members),
            truth_documents=sum(len(wanted[code]) for code in members),
            reached=sum(len(wanted[code] & reached_urls[code]) for code in members),
            fetches=sum(counted[code] for code in members),
        )
        for name, members in sorted(codes.items())
    )


TIER_HEADER = (
    "| strategy | page budget | tier | agencies | document recall | results/agency |\n"
    "|---|---|---|---|---|---|"
)


def tier_table(runs: Sequence[Run]) -> list[str]:
    """Recall and results per agency by platform tier; nothing when there is one tier."""
    if all(len(run.tiers) < 2 for run in runs):
        return []
    rows = [
        "| " + " | ".join([run.strategy, str(run.pages), *tier.cells()]) + " |"
        for run in runs
        for tier in run.tiers
    ]
    return ["", "Per platform tier (`--platforms`):", "", TIER_HEADER, *rows]


def report(args: argparse.Namespace, runs: Sequence[Run], ready: dict[str, Any]) -> str:
    lines = [
        f"Sandbox: preset {args.preset or 'default'}, {runs[0].agencies} agencies, "
        f"latency {args.latency}, news archive "
        f"{'the default' if args.news_archive is None else args.news_archive}, "
        f"platform tiers {args.platforms or 'none'}, seed {args.seed}, "
        f"as of {ready.get('as_of')}; "
        f"crawler concurrency {args.concurrency} (4 per site), explore {args.explore}, "
        f"download timeout {args.timeout:g} s; {os.cpu_count()} CPUs.",
        "",
        HEADER,
        *(run.row() for run in runs),
        *tier_table(runs),
    ]
    best = next((r for r in runs if r.strategy == "best_first"), None)
    for run in runs:
        if best is not None and run.strategy == "breadth_first" and run.http_requests:
            ratio = best.http_requests / run.http_requests
            lines.append(
                f"\nbest_first ({best.recall:.1%} recall) used {ratio:.0%} of the HTTP requests "
                f"of breadth_first with a page budget of {run.pages} ({run.recall:.1%} recall)."
            )
    for run in runs:
        if run.missed:
            shown = "\n".join(f"    {m}" for m in run.missed[:15])
            lines.append(
                f"\n{run.strategy} (budget {run.pages}) missed {len(run.missed)}:\n{shown}"
            )
    return "\n".join(lines)


def bench(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="qmsaudit-bench-") as temporary:
        work = Path(temporary)
        with sandbox(args, work / "province") as ready:
            truth = json.loads(Path(ready["truth"]).read_text(encoding="utf-8"))["agencies"]
            runs = [run_strategy(args, "best_first", args.pages, truth, work)]
            for pages in args.baseline_pages or [args.pages, WHOLE_SITE_PAGES]:
                runs.append(run_strategy(args, "breadth_first", pages, truth, work))
    text = report(args, runs, ready)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/crawl.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command")
    child = commands.add_parser("child", help="internal: one crawl")
    child.add_argument("--strategy", choices=STRATEGIES, required=True)
    child.add_argument("--targets", type=Path, required=True)
    child.add_argument("--results", type=Path, required=True)
    anchors = commands.add_parser("anchors", help="time link extraction on a link farm page")
    anchors.add_argument("--links", type=int, default=5000, help="links in the one <p>")
    anchors.add_argument("--repeat", type=int, default=5, help="runs; the median is printed")
    for command in (parser, child):
        command.add_argument("--pages", type=int, default=60, help="page budget per agency")
        command.add_argument("--concurrency", type=int, default=64)
        command.add_argument("--timeout", type=float, default=15.0, help="seconds per download")
        command.add_argument("--explore", type=int, default=8, help="irrelevant links per agency")
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--preset", default="province")
    parser.add_argument("--latency", default="100ms")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--news-archive",
        type=int,
        default=None,
        help="older news posts per sandbox site (default: the sandbox's, 60)",
    )
    parser.add_argument(
        "--baseline-pages",
        type=int,
        action="append",
        help=f"page budget of a breadth-first run (repeatable; default: --pages and "
        f"{WHOLE_SITE_PAGES})",
    )
    parser.add_argument(
        "--platforms", type=int, default=0, help="agencies per CMS tier added (default none)"
    )
    parser.add_argument("--limit", type=float, default=1800.0, help="seconds per crawl")
    parser.add_argument("--out", type=Path, default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "anchors":
        return bench_anchors(args)
    return crawl_child(args) if args.command == "child" else bench(args)


if __name__ == "__main__":
    sys.exit(main())
