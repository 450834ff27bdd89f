"""Serve the WordPress tier until signalled: `python -m sandbox.wordpress serve`.

    python -m sandbox.wordpress serve [--port 0] [--seed 1] [--as-of YYYY-MM-DD] [--out DIR]
                                      [--agency CODE ...]

Prints one JSON line when the sites are filled ({"port", "registry", "truth", "as_of",
"started_in"}) and serves until SIGINT or SIGTERM, then stops every server and exits 0.
registry.csv and truth.json are written to --out (a temporary folder, removed on exit,
without it); the servers' files live in a temporary folder under /tmp.
"""

from __future__ import annotations

import argparse
import json
import signal
import tempfile
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import FrameType

from sandbox.files import write_province
from sandbox.model import Province
from sandbox.wordpress.agencies import TIER
from sandbox.wordpress.tier import RunningWordPress, running_wordpress


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sandbox.wordpress", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--seed", type=int, default=1)
    serve.add_argument("--as-of", type=date.fromisoformat, default=None)
    serve.add_argument("--out", type=Path, default=None)
    serve.add_argument(
        "--agency",
        action="append",
        choices=[agency.code for agency in TIER],
        help="serve only these agencies (repeatable); all by default",
    )
    return parser


def _write(tier: RunningWordPress, out_dir: Path, seed: int) -> dict[str, str]:
    province = Province(
        seed=seed,
        as_of=tier.as_of,
        port=tier.port,
        sites=(),
        registry=tier.registry,
        truth=tier.truth,
    )
    files = write_province(province, out_dir, mirror=False)
    return {"registry": str(files.registry), "truth": str(files.truth)}


def _serve(args: argparse.Namespace, out_dir: Path) -> None:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    as_of: date = args.as_of or date.today()
    agencies = tuple(a for a in TIER if not args.agency or a.code in args.agency)
    with (
        tempfile.TemporaryDirectory(prefix="qmsaudit-wp-", dir="/tmp") as root,
        running_wordpress(
            Path(root), args.port or None, as_of=as_of, seed=args.seed, agencies=agencies
        ) as tier,
    ):
        ready = {
            "port": tier.port,
            **_write(tier, out_dir, args.seed),
            "as_of": as_of.isoformat(),
            "started_in": round(tier.started_in, 1),
        }
        print(json.dumps(ready), flush=True)
        stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.out is not None:
        _serve(args, args.out)
        return 0
    with tempfile.TemporaryDirectory(prefix="qmsaudit-wp-out-") as out:
        _serve(args, Path(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
