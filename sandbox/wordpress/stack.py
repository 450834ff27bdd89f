"""MariaDB, PHP-FPM and nginx of the tier, started under one folder and stopped together.

MariaDB gets its own data folder, a unix socket and a 127.0.0.1 port; PHP-FPM one pool on a
unix socket; nginx a server per WordPress install on one 127.0.0.1 port. Run as root, the
servers drop to the users Debian's packages made (mysql, www-data), so the folder must be
reachable by them.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sandbox.wordpress import configs, services
from sandbox.wordpress.configs import SiteConfig
from sandbox.wordpress.errors import ServiceError, WordPressError
from sandbox.wordpress.programs import Programs

DATABASE_USER = "wordpress"
SOCKET_PATH_LIMIT = 100  # bytes a unix socket path may have (sun_path is 108)
INSTALL_DB_TIMEOUT = 120.0
PHP_WORKERS = 4


@dataclass(frozen=True, kw_only=True)
class Servers:
    """The running servers: where they listen, and how a site's PHP reaches the database."""

    port: int  # nginx, on 127.0.0.1
    database_port: int  # MariaDB, on 127.0.0.1
    database_socket: Path
    database_user: str
    database_password: str
    groups: tuple[int, ...]  # process groups of the servers (for checks that none survive)

    def processes(self) -> set[int]:
        """The live processes of the servers, workers included."""
        return services.group_members(set(self.groups))


def _reachable(folder: Path) -> None:
    """The servers' users must be able to walk into `folder`."""
    for part in (folder, *folder.parents):
        if not part.stat().st_mode & stat.S_IXOTH:
            raise WordPressError(
                f"{part} is closed to other users, so mysql and www-data cannot reach "
                f"{folder}: give the tier a folder whose parents are all o+x (e.g. under /tmp)"
            )


def _layout(root: Path, users: tuple[str, str] | None) -> None:
    root.mkdir(exist_ok=True)
    for name in ("logs", "run", "mysql", "tmp", "nginx"):
        (root / name).mkdir()
    for kind in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"):
        (root / "nginx" / kind).mkdir()
    if users is None:
        return
    database_user, web_user = users
    root.chmod(0o755)
    _reachable(root)
    for name, owner in (("mysql", database_user), ("tmp", database_user), ("run", "root")):
        shutil.chown(root / name, owner)
    (root / "run").chmod(0o777)  # MariaDB and PHP-FPM each put their socket here
    for kind in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"):
        shutil.chown(root / "nginx" / kind, web_user)


def _install_db(programs: Programs, root: Path) -> None:
    command = [
        str(programs.install_db),
        "--no-defaults",
        f"--datadir={root / 'mysql'}",
        "--auth-root-authentication-method=socket",
        "--skip-test-db",
        "--skip-name-resolve",
    ]
    if programs.users:
        command.append(f"--user={programs.users[0]}")
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=INSTALL_DB_TIMEOUT)
    except subprocess.CalledProcessError as error:
        output = (error.stdout + error.stderr).decode(errors="replace")[-services.LOG_TAIL :]
        raise ServiceError(f"mariadb-install-db failed ({error.returncode}):\n{output}") from None
    except subprocess.TimeoutExpired:
        raise ServiceError(f"mariadb-install-db took over {INSTALL_DB_TIMEOUT:.0f} s") from None


def _start_database(
    programs: Programs, root: Path, sites: tuple[SiteConfig, ...], *, password: str
) -> tuple[services.Service, int]:
    init = root / "init.sql"
    init.write_text(configs.init_sql(sites, user=DATABASE_USER, password=password))
    if programs.users:
        shutil.chown(init, programs.users[0])
    port = services.free_port()
    socket = root / "run" / "mysqld.sock"
    command = [
        str(programs.mariadbd),
        "--no-defaults",
        f"--datadir={root / 'mysql'}",
        f"--socket={socket}",
        f"--port={port}",
        "--bind-address=127.0.0.1",
        f"--pid-file={root / 'run' / 'mysqld.pid'}",
        f"--tmpdir={root / 'tmp'}",
        f"--init-file={init}",
        "--skip-name-resolve",
        "--skip-log-bin",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
        "--innodb-buffer-pool-size=64M",
        "--innodb-log-file-size=16M",
        # A throwaway: durability buys nothing, and its files are deleted after the stop.
        "--innodb-flush-log-at-trx-commit=0",
        "--innodb-flush-method=nosync",
        "--innodb-doublewrite=0",
        "--skip-innodb-file-per-table",
        "--innodb-fast-shutdown=3",
        "--skip-innodb-buffer-pool-dump-at-shutdown",
        "--skip-innodb-buffer-pool-load-at-startup",
        "--max-connections=50",
    ]
    if programs.users:
        command.append(f"--user={programs.users[0]}")
    service = services.start("MariaDB", command, log=root / "logs" / "mariadb.log")
    ready = services.accepts(port)
    services.wait_until(
        service, lambda: socket.exists() and ready(), timeout=services.READY_TIMEOUT
    )
    return service, port


def _start_php(programs: Programs, root: Path) -> tuple[services.Service, Path]:
    socket = root / "run" / "php-fpm.sock"
    web_user = programs.users[1] if programs.users else None
    conf = root / "php-fpm.conf"
    conf.write_text(
        configs.php_fpm_conf(root, socket=socket, web_user=web_user, workers=PHP_WORKERS)
    )
    command = [str(programs.php_fpm), "--nodaemonize", "--fpm-config", str(conf)]
    service = services.start("PHP-FPM", command, log=root / "logs" / "php-fpm.out")
    services.wait_until(service, socket.exists, timeout=services.READY_TIMEOUT)
    return service, socket


def _start_nginx(
    programs: Programs, root: Path, sites: tuple[SiteConfig, ...], *, port: int, php: Path
) -> services.Service:
    web_user = programs.users[1] if programs.users else None
    conf = root / "nginx.conf"
    conf.write_text(configs.nginx_conf(root, sites, port=port, socket=php, web_user=web_user))
    error_log = root / "logs" / "nginx-error.log"
    command = [str(programs.nginx), "-p", str(root), "-e", str(error_log), "-c", str(conf)]
    service = services.start("nginx", command, log=root / "logs" / "nginx.out")
    services.wait_until(service, services.accepts(port), timeout=services.READY_TIMEOUT)
    return service


@contextmanager
def running_servers(
    programs: Programs, root: Path, sites: tuple[SiteConfig, ...], *, port: int
) -> Iterator[Servers]:
    """Start the three servers under the empty folder `root`; stop them all on exit."""
    if len(str(root / "run" / "php-fpm.sock").encode()) > SOCKET_PATH_LIMIT:
        raise WordPressError(f"{root} is too long a path for a unix socket; choose a shorter one")
    _layout(root, programs.users)
    _install_db(programs, root)
    password = secrets.token_hex(16)
    with ExitStack() as stack:
        database, database_port = _start_database(programs, root, sites, password=password)
        stack.callback(services.stop, database)
        php, php_socket = _start_php(programs, root)
        stack.callback(services.stop, php)
        nginx = _start_nginx(programs, root, sites, port=port, php=php_socket)
        stack.callback(services.stop, nginx)
        yield Servers(
            port=port,
            database_port=database_port,
            database_socket=root / "run" / "mysqld.sock",
            database_user=DATABASE_USER,
            database_password=password,
            groups=tuple(s.process.pid for s in (database, php, nginx)),
        )


def own(path: Path, programs: Programs) -> None:
    """Hand `path` (a folder WordPress writes to) to the web server's user when run as root."""
    if programs.users:
        shutil.chown(path, programs.users[1])
    os.chmod(path, 0o755)
