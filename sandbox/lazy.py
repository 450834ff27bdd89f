"""Resources rendered on first request, deterministically per URL, with bounded caches.

A large province keeps, per host, only an index from path to the owner (an agency code or
a shared host's name). Asking for a path builds that owner's recipes again (a small LRU
of builds) and renders the one resource (an LRU bounded in bytes), so memory stays low
however many agencies there are, and a URL gives the same bytes whenever it is asked
(except on hosts whose owner stamps every answer: a visitor counter, the time, a fresh
__VIEWSTATE, as real CMSs do; the stamp is applied after the cache).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from urllib.parse import urlsplit

from sandbox.build import Build
from sandbox.model import Posted, Resource

DEFAULT_BUILDS = 64
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


class ProvinceSource:
    """Builds owners on demand and renders their resources, both behind bounded caches."""

    def __init__(
        self,
        builder: Callable[[str], Build],
        *,
        key: Hashable,
        builds: int = DEFAULT_BUILDS,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ) -> None:
        self.key = key  # what the whole province is made from: equal keys, equal bytes
        self._builder = builder
        self._builds: OrderedDict[str, Build] = OrderedDict()
        self._max_builds = builds
        self._rendered: OrderedDict[tuple[str, str], Resource] = OrderedDict()
        self._rendered_bytes = 0
        self._max_bytes = cache_bytes
        self._lock = threading.Lock()
        self._rendering = threading.Lock()

    def build(self, owner: str) -> Build:
        with self._lock:
            if owner in self._builds:
                self._builds.move_to_end(owner)
                return self._builds[owner]
        build = self._builder(owner)
        with self._lock:
            self._builds[owner] = build
            while len(self._builds) > self._max_builds:
                self._builds.popitem(last=False)
        return build

    def render(self, host: str, path: str, owner: str) -> Resource:
        """The resource at `path` on `host`, which `owner`'s build must hold."""
        with self._lock:
            cached = self._rendered.get((host, path))
            if cached is not None:
                self._rendered.move_to_end((host, path))
        if cached is None:
            recipe = self.build(owner).recipes[(host, path)]
            with self._rendering:  # reportlab's fonts keep state per process: one at a time
                cached = recipe()
            self._remember((host, path), cached)
        return self._stamped(host, owner, cached)

    def route(self, host: str, prefix: str, owner: str, path: str) -> Resource | None:
        """What `owner`'s dynamic route at `prefix` answers for `path` (not cached)."""
        resource = self.build(owner).routes[(host, prefix)](path)
        return None if resource is None else self._stamped(host, owner, resource)

    def post(self, host: str, prefix: str, owner: str, posted: Posted) -> Resource | None:
        """What `owner`'s POST handler at `prefix` answers (not cached)."""
        resource = self.build(owner).posts[(host, prefix)](posted)
        return None if resource is None else self._stamped(host, owner, resource)

    def _stamped(self, host: str, owner: str, resource: Resource) -> Resource:
        stamp = self.build(owner).stamps.get(host)
        return stamp(resource) if stamp is not None else resource

    def cached_bytes(self) -> int:
        with self._lock:
            return self._rendered_bytes

    def _remember(self, key: tuple[str, str], resource: Resource) -> None:
        weight = len(resource.body)
        if weight > self._max_bytes // 4:
            return  # too large to be worth keeping; rendering it again gives the same bytes
        with self._lock:
            if key in self._rendered:
                return
            self._rendered[key] = resource
            self._rendered_bytes += weight
            while self._rendered_bytes > self._max_bytes:
                _, evicted = self._rendered.popitem(last=False)
                self._rendered_bytes -= len(evicted.body)


class LazyResources(Mapping[str, Resource]):
    """The resources of one host, rendered when asked for.

    Iterating gives the indexed paths only; dynamic routes (an endless calendar) answer
    lookups of paths under their prefix but are not listed.
    """

    def __init__(
        self,
        host: str,
        index: dict[str, str],
        routes: tuple[tuple[str, str], ...],
        source: ProvinceSource,
        posts: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.host = host
        self._index = index  # path -> owner
        self._routes = routes  # (path prefix, owner)
        self._source = source
        self._posts = tuple(sorted(posts, key=lambda post: -len(post[0])))  # longest first

    def post(self, posted: Posted) -> Resource | None:
        """The answer of the POST handler whose prefix holds `posted.path`; None if none does.

        A prefix ending in "/" holds every path under it; any other holds only itself.
        """
        path = urlsplit(posted.path).path
        for prefix, owner in self._posts:
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                return self._source.post(self.host, prefix, owner, posted)
        return None

    def _route_for(self, path: str) -> tuple[str, str] | None:
        for prefix, owner in self._routes:
            if path == prefix or path.startswith(prefix + "?"):
                return prefix, owner
        return None

    def __getitem__(self, path: str) -> Resource:
        owner = self._index.get(path)
        if owner is not None:
            return self._source.render(self.host, path, owner)
        route = self._route_for(path)
        if route is not None:
            resource = self._source.route(self.host, route[0], route[1], path)
            if resource is not None:
                return resource
        raise KeyError(path)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and (path in self._index or self._route_for(path) is not None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyResources):
            return NotImplemented
        same_source = self._source.key == other._source.key
        return same_source and (self.host, self._index, self._routes, self._posts) == (
            other.host,
            other._index,
            other._routes,
            other._posts,
        )

    __hash__ = None  # type: ignore[assignment]
