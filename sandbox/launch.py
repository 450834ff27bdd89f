"""Bind, generate, serve: the one call that starts a sandbox province on a free port."""

from __future__ import annotations

from datetime import date

from sandbox.province import DEFAULT_AGENCIES, generate_province
from sandbox.server import RunningSandbox, open_listener, reserve_closed_port, serve_province


def start_sandbox(
    *,
    seed: int = 1,
    as_of: date,
    host: str = "127.0.0.1",
    port: int = 0,
    latency: float = 0.0,
    hold: float = 30.0,
    preset: str = "skeleton",
    agencies: int = DEFAULT_AGENCIES,
    news_archive: int = 0,
    platforms: int = 0,
) -> RunningSandbox:
    """Serve a freshly generated province; port 0 picks a free port before the URLs are made.

    `preset`, `agencies` and `platforms` choose the province (see `generate_province`); `latency` is
    slept before every answer; the site that times out holds requests `hold` seconds.

    The agency whose server is down points at a port reserved (bound, never listening) for
    as long as the sandbox runs, so connections to it are refused.
    """
    listener = open_listener(host, port)
    closed = reserve_closed_port(host)
    try:
        province = generate_province(
            seed=seed,
            as_of=as_of,
            port=listener.getsockname()[1],
            closed_port=closed.getsockname()[1],
            preset=preset,
            agencies=agencies,
            news_archive=news_archive,
            platforms=platforms,
        )
    except BaseException:
        listener.close()
        closed.close()
        raise
    return serve_province(
        province, listener=listener, latency=latency, hold=hold, keep_open=(closed,)
    )
