from __future__ import annotations

import argparse

import pytest

from crawler.__main__ import _options, _parser, _target


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
