"""Start the WordPress tier: servers, one install per agency, filled; stop and clean it all."""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sandbox.model import Province, RegistryRow, TruthAgency
from sandbox.wordpress.agencies import TIER, TierAgency, tier_registry
from sandbox.wordpress.client import SiteClient
from sandbox.wordpress.configs import SiteConfig
from sandbox.wordpress.errors import WordPressError
from sandbox.wordpress.installs import lay_out
from sandbox.wordpress.programs import find_programs
from sandbox.wordpress.publish import FilledSite, publish_site
from sandbox.wordpress.services import free_port
from sandbox.wordpress.stack import PHP_WORKERS, Servers, running_servers

ADMIN = "quantri"
ADMIN_EMAIL = "quantri@tinhdemo.localhost"
LANGUAGE = "vi"
FILL_TIMEOUT = 300.0  # seconds to install and fill every site, once the servers serve


@dataclass(frozen=True, kw_only=True)
class RunningWordPress:
    """The tier while it serves: its port, its sites, and the registry and truth of them."""

    port: int
    as_of: date
    sites: tuple[FilledSite, ...]
    servers: Servers
    started_in: float  # seconds from the call to serving filled sites

    @property
    def registry(self) -> tuple[RegistryRow, ...]:
        return tier_registry(self.port, tuple(site.agency for site in self.sites))

    @property
    def truth(self) -> tuple[TruthAgency, ...]:
        return tuple(site.truth for site in self.sites)

    def site(self, code: str) -> FilledSite:
        return next(site for site in self.sites if site.agency.code == code)

    def processes(self) -> set[int]:
        """The live processes of the tier's servers."""
        return self.servers.processes()


def with_tier(province: Province, tier: RunningWordPress) -> Province:
    """`province` with the tier's agencies added to its registry and truth, for one import
    and one comparison (the tier's sites are served by its own nginx, not with the rest)."""
    taken = {row.code for row in province.registry} & {row.code for row in tier.registry}
    if taken:
        raise ValueError(f"agency codes in both the province and the tier: {sorted(taken)}")
    return replace(
        province,
        registry=province.registry + tier.registry,
        truth=province.truth + tier.truth,
    )


def _fill(agency: TierAgency, *, port: int, as_of: date, seed: int, deadline: float) -> FilledSite:
    password = secrets.token_urlsafe(18)
    with SiteClient(host=agency.host, port=port, deadline=deadline) as client:
        client.install(
            title=agency.spec.name,
            user=ADMIN,
            password=password,
            email=ADMIN_EMAIL,
            language=LANGUAGE,
        )
        client.log_in(user=ADMIN, password=password)
        return publish_site(client, agency, as_of=as_of, today=date.today(), seed=seed)


def _prepare(root: Path) -> bool:
    """Make `root` ready for the tier; whether the tier made it (and so removes it)."""
    if root.exists():
        if any(root.iterdir()):
            raise WordPressError(f"{root} is not empty: the tier needs a folder of its own")
        root.chmod(0o755)  # the servers' users walk through it (mkdtemp makes it 0700)
        return False
    root.mkdir(parents=True, mode=0o755)
    return True


def _clean(root: Path, *, made: bool) -> None:
    """Remove what the tier put under `root` (all of it, if the tier made `root`)."""
    if made:
        shutil.rmtree(root)
        return
    for entry in root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


@contextmanager
def running_wordpress(
    root: Path,
    port: int | None = None,
    *,
    as_of: date,
    seed: int = 1,
    agencies: tuple[TierAgency, ...] = TIER,
) -> Iterator[RunningWordPress]:
    """Serve the tier's WordPress sites on 127.0.0.1:`port` (a free one if None), filled.

    `root` (empty or absent) holds everything: MariaDB's data, sockets, logs, one WordPress
    install per agency. Run as root, the servers drop to mysql and www-data, so `root`
    must be reachable by them (e.g. under /tmp). On exit every server is stopped, no
    process is left, and what the tier put under `root` is removed.
    """
    started = time.monotonic()
    programs = find_programs()
    made = _prepare(root)
    try:
        port = port or free_port()
        configs = tuple(
            SiteConfig(
                host=a.host,
                docroot=root / "sites" / a.label,
                database=f"wp_{a.label.replace('-', '_')}",
            )
            for a in agencies
        )
        with running_servers(programs, root / "servers", configs, port=port) as servers:
            (root / "sites").mkdir()
            for config in configs:
                lay_out(programs, config.docroot, database=config.database, servers=servers)
            deadline = time.monotonic() + FILL_TIMEOUT
            with ThreadPoolExecutor(max_workers=PHP_WORKERS) as pool:
                sites = tuple(
                    pool.map(
                        lambda a: _fill(a, port=port, as_of=as_of, seed=seed, deadline=deadline),
                        agencies,
                    )
                )
            yield RunningWordPress(
                port=port,
                as_of=as_of,
                sites=sites,
                servers=servers,
                started_in=time.monotonic() - started,
            )
    finally:
        _clean(root, made=made)
