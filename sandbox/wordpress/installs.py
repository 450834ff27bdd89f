"""Lay out one WordPress install per site from Debian's /usr/share/wordpress.

Debian's wp-config.php reads /etc/wordpress/config-<host>.php, a system-wide folder two
sandboxes on one machine would fight over. Each site gets instead a tree of its own: the
package's files (hard links where the file system allows, copies elsewhere), its own
wp-config.php, and a wp-content holding Debian's theme and translations (linked) with its
own uploads and must-use plugin.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from sandbox.wordpress import configs
from sandbox.wordpress.programs import THEME, Programs
from sandbox.wordpress.stack import Servers, own

_LEFT_OUT = frozenset({"wp-config.php", "wp-content", ".htaccess"})  # Debian's, system-bound


def _link_or_copy(source: str, target: str) -> object:
    try:
        os.link(source, target)
    except OSError:  # another file system, or protected_hardlinks for a non-root user
        shutil.copy2(source, target)
    return target


def _content(programs: Programs, docroot: Path) -> None:
    packaged = programs.wordpress / "wp-content"
    content = docroot / "wp-content"
    (content / "themes").mkdir(parents=True)
    (content / "themes" / THEME).symlink_to(packaged / "themes" / THEME)
    (content / "languages").symlink_to(packaged / "languages")
    (content / "mu-plugins").mkdir()
    (content / "mu-plugins" / "tai-tai-lieu.php").write_text(configs.DOWNLOAD_PLUGIN)
    (content / "mu-plugins" / "khong-gui-thu.php").write_text(configs.NO_MAIL_PLUGIN)
    (content / "uploads").mkdir()
    own(content / "uploads", programs)


def lay_out(programs: Programs, docroot: Path, *, database: str, servers: Servers) -> None:
    """Make `docroot` a WordPress install whose database is `database` on `servers`."""
    shutil.copytree(
        programs.wordpress,
        docroot,
        symlinks=True,
        ignore=lambda folder, names: (
            [n for n in names if n in _LEFT_OUT] if Path(folder) == programs.wordpress else []
        ),
        copy_function=_link_or_copy,
    )
    _content(programs, docroot)
    config = configs.wp_config(
        database=database,
        user=servers.database_user,
        password=servers.database_password,
        socket=servers.database_socket,
        keys=tuple(secrets.token_hex(32) for _ in range(8)),
    )
    (docroot / "wp-config.php").write_text(config)
    docroot.chmod(0o755)
