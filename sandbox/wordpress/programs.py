"""Where Debian's packages put the programs and files the tier runs, found or reported missing."""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass
from pathlib import Path

from sandbox.wordpress.errors import MissingPackageError

WORDPRESS_DIR = Path("/usr/share/wordpress")
THEME = "twentytwentyone"  # Debian's wordpress-theme-twentytwentyone: a classic theme with menus
LANGUAGE_FILE = "vi.mo"  # Debian's wordpress-l10n
MIME_TYPES = Path("/etc/nginx/mime.types")
HINT = "run `make test` (or `make system-packages`), which installs it"


@dataclass(frozen=True, kw_only=True)
class Programs:
    """The executables and data of the packages the tier needs."""

    mariadbd: Path
    install_db: Path
    php_fpm: Path
    nginx: Path
    wordpress: Path  # Debian's WordPress tree
    users: tuple[str, str] | None  # (database user, web user) to drop to when run as root


def _program(package: str, *candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    names = ", ".join(str(c) for c in candidates)
    raise MissingPackageError(f"Debian package {package} is missing (none of {names}): {HINT}")


def _php_fpm() -> Path:
    found = sorted(Path("/usr/sbin").glob("php-fpm[0-9]*"))
    return _program("php-fpm", *found) if found else _program("php-fpm", Path("/usr/sbin/php-fpm"))


def _data(package: str, path: Path) -> Path:
    if not path.exists():
        raise MissingPackageError(f"Debian package {package} is missing ({path}): {HINT}")
    return path


def _service_users() -> tuple[str, str] | None:
    """Root hands the servers to the users the packages made; anyone else runs them as self."""
    if os.geteuid() != 0:
        return None
    for user, package in (("mysql", "mariadb-server"), ("www-data", "nginx")):
        try:
            pwd.getpwnam(user)
        except KeyError:
            message = f"user {user} (made by {package}) is missing: {HINT}"
            raise MissingPackageError(message) from None
    return ("mysql", "www-data")


def find_programs(*, wordpress_dir: Path = WORDPRESS_DIR) -> Programs:
    """The installed programs, or a `MissingPackageError` naming the package to install."""
    wordpress = _data("wordpress", wordpress_dir / "wp-settings.php").parent
    _data("wordpress-theme-twentytwentyone", wordpress / "wp-content" / "themes" / THEME)
    _data("wordpress-l10n", wordpress / "wp-content" / "languages" / LANGUAGE_FILE)
    _data("nginx", MIME_TYPES)
    _data("php-xml", _php_module("simplexml.ini"))  # sitemaps
    _data("php-mysql", _php_module("mysqli.ini"))
    return Programs(
        mariadbd=_program("mariadb-server", Path("/usr/sbin/mariadbd"), Path("/usr/sbin/mysqld")),
        install_db=_program(
            "mariadb-server",
            Path("/usr/bin/mariadb-install-db"),
            Path("/usr/bin/mysql_install_db"),
        ),
        php_fpm=_php_fpm(),
        nginx=_program("nginx", Path("/usr/sbin/nginx")),
        wordpress=wordpress,
        users=_service_users(),
    )


def _php_module(ini: str) -> Path:
    found = sorted(Path("/etc/php").glob(f"*/mods-available/{ini}"))
    return found[-1] if found else Path("/etc/php/mods-available") / ini
