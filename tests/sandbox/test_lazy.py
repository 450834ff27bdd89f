"""Resources rendered on first request: bounded caches, the same bytes for a URL every time."""

from __future__ import annotations

from sandbox.build import Build, fixed
from sandbox.lazy import LazyResources, ProvinceSource
from sandbox.model import Resource


def _builder(calls: list[str]) -> ProvinceSource:
    def build(owner: str) -> Build:
        calls.append(owner)
        made = Build()
        for number in range(20):
            body = f"{owner}-{number}".encode() * 100
            made.recipes[("h", f"/{owner}/{number}")] = fixed(
                Resource(body=body, content_type="text/plain")
            )
        made.routes[("h", f"/{owner}/lich")] = lambda path: (
            Resource(body=path.encode(), content_type="text/plain") if "ngay=" in path else None
        )
        return made

    return ProvinceSource(build, key="test", builds=2, cache_bytes=8000)


def _resources(source: ProvinceSource) -> LazyResources:
    index = {f"/{owner}/{n}": owner for owner in ("a", "b", "c") for n in range(20)}
    routes = tuple((f"/{owner}/lich", owner) for owner in ("a", "b", "c"))
    return LazyResources("h", index, routes, source)


def test_rendering_is_lazy_bounded_and_stable() -> None:
    calls: list[str] = []
    source = _builder(calls)
    resources = _resources(source)
    assert len(resources) == 60 and calls == []
    first = resources["/a/3"].body
    for path in list(resources):
        resources[path]
        assert source.cached_bytes() <= 8000
    assert resources["/a/3"].body == first
    assert len(calls) > 3  # builds were evicted and made again


def test_routes_answer_under_their_prefix_only() -> None:
    resources = _resources(_builder([]))
    assert resources["/b/lich?ngay=2030-01-01"].body == b"/b/lich?ngay=2030-01-01"
    assert "/b/lich?ngay=x" in resources and "/b/khac" not in resources
    assert resources.get("/b/lich") is None
    assert "/b/lich?ngay=2030-01-01" not in list(resources)


def test_equality_compares_what_the_province_is_made_of() -> None:
    one, two = _resources(_builder([])), _resources(_builder([]))
    assert one == two
    other = LazyResources("h", {"/a/1": "a"}, (), _builder([]))
    assert one != other
