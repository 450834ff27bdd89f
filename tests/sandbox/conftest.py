"""One sandbox served for the whole session (it only serves), and an HTTP helper."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from sandbox import Province, RunningSandbox, TruthAgency, generate_province, start_sandbox
from tests.sandbox.platform_walk import TierWalk, walk_tier

AS_OF = date(2026, 11, 21)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(
    port: int,
    host: str,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    content_type: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> Answer:
    """One request to the sandbox on 127.0.0.1 with the given Host header (and body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": f"{host}:{port}", **(extra_headers or {})}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(status=response.status, headers=headers, body=body)
    finally:
        connection.close()


@pytest.fixture(scope="session")
def running() -> Iterator[RunningSandbox]:
    with start_sandbox(seed=1, as_of=AS_OF) as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def province() -> Province:
    return generate_province(seed=1, as_of=AS_OF, port=8080, closed_port=9)


@pytest.fixture(scope="session")
def province60() -> Province:
    """The default generated province (60 agencies), its URLs on port 8080."""
    return generate_province(
        seed=1, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=60
    )


@pytest.fixture(scope="session")
def running60() -> Iterator[RunningSandbox]:
    """The default generated province served; the timing-out site holds requests 1 s."""
    with start_sandbox(seed=1, as_of=AS_OF, preset="province", hold=1.0) as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def province_random() -> Province:
    """A province mostly drawn at random (another seed, more agencies, before 1 April)."""
    return generate_province(
        seed=7, as_of=date(2026, 2, 15), port=8080, closed_port=9, preset="province", agencies=150
    )


@pytest.fixture(params=["province60", "province_random"])
def generated(request: pytest.FixtureRequest) -> Province:
    """Each generated province the tests check the truth of."""
    province: Province = request.getfixturevalue(request.param)
    return province


@pytest.fixture(scope="session")
def province_platforms() -> Province:
    """The default province and, after it, every covering agency of each CMS tier."""
    return generate_province(
        seed=1, as_of=AS_OF, port=8080, closed_port=9, preset="province", agencies=60, platforms=4
    )


@pytest.fixture(scope="session")
def running_platforms() -> Iterator[RunningSandbox]:
    """One generated agency and the CMS tiers (four agencies each), served."""
    with start_sandbox(
        seed=1, as_of=AS_OF, preset="province", agencies=1, platforms=4, hold=1.0
    ) as sandbox:
        yield sandbox


def tier_agencies(province: Province) -> list[TruthAgency]:
    """The agencies of the CMS tiers (each carries a platform_… tag)."""
    return [a for a in province.truth if any(t.startswith("platform_") for t in a.tags)]


@pytest.fixture(scope="session")
def tier_walks(running_platforms: RunningSandbox) -> dict[str, TierWalk]:
    """What a careful crawler reads and reaches of each served tier agency (read in memory)."""
    province = running_platforms.province
    return {a.code: walk_tier(province, a) for a in tier_agencies(province)}
