"""Command line of the sandbox: `serve` a province until signalled, or `generate` its files.

    python -m sandbox serve [--host 127.0.0.1] [--port 0] [--seed 1] [--as-of YYYY-MM-DD]
                            [--out DIR] [--latency 0ms] [--hold 30s]
                            [--preset skeleton|province] [--agencies 60] [--news-archive 60]
                            [--platforms [N]]
    python -m sandbox generate --out DIR [--port 8000] [--seed 1] [--as-of YYYY-MM-DD]
                               [--preset skeleton|province] [--agencies 60] [--platforms [N]]

`serve` prints one JSON line when ready ({"port", "registry", "truth", "as_of"}) and runs
until SIGINT or SIGTERM, then exits 0. Without --out it writes to a temporary directory
that is removed on exit. The "province" preset (the default) generates --agencies
agencies and serves each page on first request (no mirror is written); "skeleton" is the
fixed 17-agency province of the first version (the Python API's default, which unit tests
use), its files mirrored under sites/. `--platforms N` adds N agencies per CMS tier
(NukeViet, DotNetNuke, SharePoint, Liferay, Joomla, an ISO platform; `sandbox.platforms`) to
the "province" preset; `--platforms` alone adds every covering agency of each tier.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import tempfile
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import FrameType

from sandbox.files import ProvinceFiles, write_province
from sandbox.launch import start_sandbox
from sandbox.model import Province
from sandbox.platforms.tier import DEFAULT_PER_TIER
from sandbox.province import DEFAULT_AGENCIES, PRESETS, generate_province

# Real portals keep years of news in a paged list; the crawler must find its way past it.
DEFAULT_NEWS_ARCHIVE = 60

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)?$")


def parse_latency(text: str) -> float:
    """Seconds from '150ms', '0.2s' or a bare number of milliseconds."""
    match = _DURATION.match(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (try 100ms or 0.1s)")
    value = float(match.group(1))
    return value if match.group(2) == "s" else value / 1000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("serve", "generate"):
        command = commands.add_parser(name)
        command.add_argument("--seed", type=int, default=1)
        command.add_argument("--as-of", type=date.fromisoformat, default=None)
        command.add_argument("--out", type=Path, default=None, required=name == "generate")
        command.add_argument("--preset", choices=PRESETS, default="province")
        command.add_argument("--agencies", type=int, default=DEFAULT_AGENCIES)
        command.add_argument(
            "--news-archive",
            type=int,
            default=DEFAULT_NEWS_ARCHIVE,
            help="older news posts per generated site",
        )
        command.add_argument(
            "--platforms",
            type=int,
            nargs="?",
            const=DEFAULT_PER_TIER,
            default=0,
            help="agencies per CMS tier added to the province (none by default)",
        )
        if name == "serve":
            command.add_argument("--host", default="127.0.0.1")
            command.add_argument("--port", type=int, default=0)
            command.add_argument("--latency", type=parse_latency, default=0.0)
            command.add_argument("--hold", type=parse_latency, default=30.0, help="e.g. 30s")
        else:
            command.add_argument("--port", type=int, default=8000)
    return parser


def _write(province: Province, out_dir: Path, preset: str) -> ProvinceFiles:
    """The skeleton with its mirror; a generated province without, its registry as staff keep it."""
    skeleton = preset == "skeleton"
    return write_province(province, out_dir, mirror=skeleton, staff_registry=not skeleton)


def _serve(args: argparse.Namespace, as_of: date, out_dir: Path) -> None:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sandbox = start_sandbox(
        seed=args.seed,
        as_of=as_of,
        host=args.host,
        port=args.port,
        latency=args.latency,
        hold=args.hold,
        preset=args.preset,
        agencies=args.agencies,
        news_archive=args.news_archive,
        platforms=args.platforms,
    )
    with sandbox:
        files = _write(sandbox.province, out_dir, args.preset)
        ready = {
            "port": sandbox.port,
            "registry": str(files.registry),
            "truth": str(files.truth),
            "as_of": as_of.isoformat(),
        }
        print(json.dumps(ready), flush=True)
        stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    as_of: date = args.as_of or date.today()
    if args.command == "generate":
        province = generate_province(
            seed=args.seed,
            as_of=as_of,
            port=args.port,
            preset=args.preset,
            agencies=args.agencies,
            news_archive=args.news_archive,
            platforms=args.platforms,
        )
        files = _write(province, args.out, args.preset)
        print(json.dumps({"registry": str(files.registry), "truth": str(files.truth)}))
        return 0
    if args.out is not None:
        _serve(args, as_of, args.out)
        return 0
    with tempfile.TemporaryDirectory(prefix="qmsaudit-sandbox-") as temporary:
        _serve(args, as_of, Path(temporary))
    return 0
