from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from crawler.__main__ import _options, _parser, _target, _with_known
from crawler.model import CrawlStrategy, Validators


def test_target_is_code_equals_url() -> None:
    target = _target("SO-KHCN=http://so-khcn.demo.localhost:8470/?a=b")
    assert (target.code, target.website) == ("SO-KHCN", "http://so-khcn.demo.localhost:8470/?a=b")
    for bad in ("nocode", "=http://a", "A="):
        with pytest.raises(argparse.ArgumentTypeError):
            _target(bad)


def test_flags_become_options() -> None:
    flags = ["--allow-private", "--pages", "7", "--depth", "2", "--timeout", "1.5"]
    args = _parser().parse_args([*flags, "--ignore-robots", "A=http://a.vn"])
    options = _options(args)
    assert options.allow_private and not options.obey_robots
    assert (options.budget.pages, options.budget.depth, options.budget.timeout) == (7, 2, 1.5)


def test_strategy_explore_and_known_validators(tmp_path: Path) -> None:
    known = tmp_path / "known.json"
    known.write_text(json.dumps({"A": {"http://a.vn/qd.pdf": {"etag": '"1"', "sha256": "ab"}}}))
    flags = ["--strategy", "breadth_first", "--explore", "3", "--known", str(known)]
    args = _parser().parse_args([*flags, "A=http://a.vn", "B=http://b.vn"])
    options = _options(args)
    assert (options.strategy, options.budget.explore) == (CrawlStrategy.BREADTH_FIRST, 3)
    a, b = _with_known(args.targets, args.known)
    assert a.known == {"http://a.vn/qd.pdf": Validators(etag='"1"', sha256="ab")}
    assert b.known == {}


def test_size_caps_links_per_page_and_open_agencies() -> None:
    flags = ["--max-page-bytes", "1000", "--links-per-page", "50", "--max-open-agencies", "3"]
    options = _options(_parser().parse_args([*flags, "A=http://a.vn"]))
    assert (options.budget.max_page_bytes, options.budget.links_per_page) == (1000, 50)
    assert options.max_open_agencies == 3
