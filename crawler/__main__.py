"""`python -m crawler [--allow-private] [--pages N] [--strategy S] CODE=URL ...`: crawl, print JSON.

`--known FILE` reads validators of an earlier crawl for an incremental one, as JSON
`{"CODE": {"URL": {"etag": …, "last_modified": …, "sha256": …}}}`.
One line per FetchResult (`"event": "fetch"`, the body replaced by `body_size`), one per
SiteOutcome (`"event": "site"`), and a last one with the totals (`"event": "stats"`).
SIGINT (Ctrl-C) or SIGTERM stops the crawl: the agencies finished by then have their
lines, the others none, and the totals say `"stopped": true` (a second signal kills it).
For debugging and for the crawler's tests.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.control import CrawlControl
from crawler.model import (
    AgencyTarget,
    CrawlBudget,
    CrawlOptions,
    CrawlStrategy,
    FetchResult,
    SiteOutcome,
    Validators,
)
from crawler.report import CrawlStats
from crawler.run import run_crawl


def _target(text: str) -> AgencyTarget:
    code, sep, url = text.partition("=")
    if not sep or not code or not url:
        raise argparse.ArgumentTypeError(f"expected CODE=URL, got {text!r}")
    return AgencyTarget(code=code, website=url)


def _parser() -> argparse.ArgumentParser:
    defaults = CrawlBudget()
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__)
    parser.add_argument("targets", nargs="+", type=_target, metavar="CODE=URL")
    parser.add_argument("--allow-private", action="store_true", help="allow loopback/private")
    parser.add_argument("--pages", type=int, default=defaults.pages, help="requests per agency")
    parser.add_argument("--depth", type=int, default=defaults.depth, help="hops from the start")
    parser.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds")
    parser.add_argument(
        "--explore", type=int, default=defaults.explore, help="irrelevant links per agency"
    )
    parser.add_argument("--max-bytes", type=int, default=defaults.max_bytes)
    parser.add_argument(
        "--max-page-bytes", type=int, default=defaults.max_page_bytes, help="largest HTML page"
    )
    parser.add_argument(
        "--links-per-page", type=int, default=defaults.links_per_page, help="links read per page"
    )
    parser.add_argument("--retries", type=int, default=CrawlOptions().retries)
    parser.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    parser.add_argument("--log-level", default="WARNING")
    parser.add_argument(
        "--strategy",
        type=CrawlStrategy,
        choices=list(CrawlStrategy),
        default=CrawlStrategy.BEST_FIRST,
        help="link order",
    )
    parser.add_argument("--known", type=Path, default=None, help="validators (JSON)")
    parser.add_argument(
        "--max-open-agencies", type=int, default=0, help="agencies crawled at a time (0: all)"
    )
    parser.add_argument(
        "--per-site-concurrency",
        type=int,
        default=CrawlOptions().per_site_concurrency,
        help="requests in flight per host",
    )
    parser.add_argument(
        "--host-slots", default=None, metavar="REDIS_URL", help="share per-host slots on Redis"
    )
    return parser


def _with_known(targets: list[AgencyTarget], path: Path | None) -> list[AgencyTarget]:
    if path is None:
        return targets
    known: dict[str, dict[str, dict[str, str | None]]] = json.loads(path.read_text("utf-8"))
    return [
        replace(t, known={url: Validators(**v) for url, v in known.get(t.code, {}).items()})
        for t in targets
    ]


def _options(args: argparse.Namespace) -> CrawlOptions:
    budget = CrawlBudget(
        pages=args.pages,
        depth=args.depth,
        max_bytes=args.max_bytes,
        max_page_bytes=args.max_page_bytes,
        timeout=args.timeout,
        explore=args.explore,
        links_per_page=args.links_per_page,
    )
    return CrawlOptions(
        budget=budget,
        allow_private=args.allow_private,
        retries=args.retries,
        obey_robots=not args.ignore_robots,
        log_level=args.log_level,
        strategy=args.strategy,
        max_open_agencies=args.max_open_agencies,
        per_site_concurrency=args.per_site_concurrency,
        host_slots_url=args.host_slots,
    )


def _json_value(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _print(event: str, fields: dict[str, Any]) -> None:
    print(
        json.dumps({"event": event, **fields}, ensure_ascii=False, default=_json_value), flush=True
    )


def _print_fetch(result: FetchResult) -> None:
    fields = asdict(result)
    body = fields.pop("body")
    _print("fetch", {**fields, "body_size": None if body is None else len(body)})


def _print_site(outcome: SiteOutcome) -> None:
    _print("site", asdict(outcome))


def _print_stats(stats: CrawlStats) -> None:
    _print("stats", {**asdict(stats), "duration": stats.duration})


def _stop_on_signals(control: CrawlControl) -> None:
    """The first SIGINT or SIGTERM stops the crawl; the next one ends the process."""
    signums = (signal.SIGINT, signal.SIGTERM)

    def stop(signum: int, frame: object) -> None:
        control.stop()
        for each in signums:
            signal.signal(each, signal.SIG_DFL)

    for signum in signums:
        signal.signal(signum, stop)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    targets = _with_known(args.targets, args.known)
    control = CrawlControl()
    _stop_on_signals(control)
    stats = run_crawl(
        targets, _options(args), on_fetch=_print_fetch, on_site=_print_site, control=control
    )
    _print_stats(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
