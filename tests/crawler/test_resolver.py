# Twisted's constructors carry no annotations:
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import pytest
from twisted.internet.error import DNSLookupError
from twisted.internet.testing import MemoryReactorClock
from twisted.python.failure import Failure

from crawler.resolver import LocalhostResolver, is_invalid_name, is_localhost_name


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("localhost", True),
        ("so-khcn.demo.localhost", True),
        ("A.LOCALHOST.", True),
        ("localhost.vn", False),
        ("notlocalhost", False),
        ("skhcn.gov.vn", False),
    ],
)
def test_is_localhost_name(name: str, local: bool) -> None:
    assert is_localhost_name(name) is local


def test_localhost_names_resolve_to_loopback_without_dns() -> None:
    resolver = LocalhostResolver(MemoryReactorClock(), 0, 1.0)  # type: ignore[arg-type]
    answers: list[str] = []
    resolver.getHostByName("so-khcn.demo.localhost").addCallback(answers.append)
    assert answers == ["127.0.0.1"]


def test_invalid_names_fail_without_dns() -> None:
    assert is_invalid_name("khong-co.invalid")
    assert not is_invalid_name("invalid.gov.vn")
    resolver = LocalhostResolver(MemoryReactorClock(), 0, 1.0)  # type: ignore[arg-type]
    failures: list[Failure] = []
    resolver.getHostByName("khong-co.invalid").addErrback(failures.append)
    assert failures[0].check(DNSLookupError)
