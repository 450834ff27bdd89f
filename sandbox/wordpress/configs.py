"""The configuration files of the tier's servers and installs, as text.

Every path, socket and port is the tier's own (under its folder, on 127.0.0.1), so the tier
never reads or writes the system's /etc/wordpress, /var/lib/mysql or the packages' services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sandbox.wordpress.programs import MIME_TYPES, THEME

_SAFE = re.compile(r"^[A-Za-z0-9_./:@-]*$")  # nothing that needs quoting in PHP, SQL or nginx


def _safe(value: str) -> str:
    if not _SAFE.match(value):
        raise ValueError(f"unsafe value for a configuration file: {value!r}")
    return value


@dataclass(frozen=True, kw_only=True)
class SiteConfig:
    """One WordPress install: its host name, document root and database."""

    host: str
    docroot: Path
    database: str


def init_sql(sites: tuple[SiteConfig, ...], *, user: str, password: str) -> str:
    """Statements MariaDB runs at start (--init-file): a database per site and their user."""
    lines = [
        f"CREATE DATABASE IF NOT EXISTS `{_safe(site.database)}` "
        "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
        for site in sites
    ]
    for origin in ("localhost", "127.0.0.1"):
        account = f"'{_safe(user)}'@'{origin}'"
        lines.append(f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY '{_safe(password)}';")
        lines += [f"GRANT ALL PRIVILEGES ON `{site.database}`.* TO {account};" for site in sites]
    return "\n".join(lines) + "\n"


def php_fpm_conf(root: Path, *, socket: Path, web_user: str | None, workers: int) -> str:
    """A PHP-FPM master and one pool on a unix socket, logging under `root`."""
    owner = (
        f"user = {web_user}\ngroup = {web_user}\n"
        f"listen.owner = {web_user}\nlisten.group = {web_user}\n"
        if web_user
        else ""
    )
    return (
        "[global]\n"
        f"pid = {_safe(str(root / 'php-fpm.pid'))}\n"
        f"error_log = {_safe(str(root / 'logs' / 'php-fpm.log'))}\n"
        "daemonize = no\n"
        "\n[wordpress]\n"
        f"{owner}"
        f"listen = {_safe(str(socket))}\n"
        "listen.mode = 0660\n"
        "pm = static\n"
        f"pm.max_children = {workers}\n"
        "catch_workers_output = yes\n"
        "php_admin_flag[log_errors] = on\n"
        f"php_admin_value[error_log] = {_safe(str(root / 'logs' / 'php-errors.log'))}\n"
        "php_admin_value[upload_max_filesize] = 64M\n"
        "php_admin_value[post_max_size] = 64M\n"
        "php_admin_value[memory_limit] = 256M\n"
    )


# Debian's fastcgi_params passes HTTP_HOST as $host, which drops the port: WordPress would
# then write every link without it. The tier's own list passes the host it serves, with port.
_FASTCGI = (
    ("QUERY_STRING", "$query_string"),
    ("REQUEST_METHOD", "$request_method"),
    ("CONTENT_TYPE", "$content_type"),
    ("CONTENT_LENGTH", "$content_length"),
    ("SCRIPT_NAME", "$fastcgi_script_name"),
    ("SCRIPT_FILENAME", "$document_root$fastcgi_script_name"),
    ("REQUEST_URI", "$request_uri"),
    ("DOCUMENT_URI", "$document_uri"),
    ("DOCUMENT_ROOT", "$document_root"),
    ("SERVER_PROTOCOL", "$server_protocol"),
    ("REQUEST_SCHEME", "$scheme"),
    ("GATEWAY_INTERFACE", "CGI/1.1"),
    ("SERVER_SOFTWARE", "nginx/$nginx_version"),
    ("REMOTE_ADDR", "$remote_addr"),
    ("REMOTE_PORT", "$remote_port"),
    ("SERVER_ADDR", "$server_addr"),
    ("SERVER_PORT", "$server_port"),
    ("SERVER_NAME", "$server_name"),
    ("REDIRECT_STATUS", "200"),
    ("HTTP_PROXY", '""'),
)


def _fastcgi_params(host: str, port: int) -> str:
    params = (*_FASTCGI, ("HTTP_HOST", f"{_safe(host)}:{port}"))
    return "".join(f"            fastcgi_param {name} {value};\n" for name, value in params)


def _server(site: SiteConfig, *, port: int, socket: Path) -> str:
    return f"""
    server {{
        listen 127.0.0.1:{port};
        server_name {_safe(site.host)};
        root {_safe(str(site.docroot))};
        index index.php;
        location / {{
            try_files $uri $uri/ /index.php?$args;
        }}
        location ~ \\.php$ {{
            try_files $uri =404;
{_fastcgi_params(site.host, port)}            fastcgi_pass unix:{_safe(str(socket))};
        }}
    }}
"""


def nginx_conf(
    root: Path,
    sites: tuple[SiteConfig, ...],
    *,
    port: int,
    socket: Path,
    web_user: str | None,
) -> str:
    """nginx in the foreground on 127.0.0.1:`port`, a server per site, 404 for other hosts."""
    temp = root / "nginx"
    user = f"user {web_user};\n" if web_user else ""
    servers = "".join(_server(site, port=port, socket=socket) for site in sites)
    temp_paths = "".join(
        f"    {kind}_temp_path {_safe(str(temp / kind))};\n"
        for kind in ("client_body", "fastcgi", "proxy", "uwsgi", "scgi")
    )
    return f"""daemon off;
{user}worker_processes 2;
pid {_safe(str(root / "nginx.pid"))};
error_log {_safe(str(root / "logs" / "nginx-error.log"))} warn;
events {{
    worker_connections 256;
}}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    server_tokens off;
    sendfile on;
    client_max_body_size 64m;
{temp_paths}
    server {{
        listen 127.0.0.1:{port} default_server;
        server_name _;
        return 404;
    }}
{servers}}}
"""


def wp_config(
    *, database: str, user: str, password: str, socket: Path, keys: tuple[str, ...]
) -> str:
    """A site's own wp-config.php (Debian's reads /etc/wordpress, which the tier leaves alone)."""
    names = (
        "AUTH_KEY",
        "SECURE_AUTH_KEY",
        "LOGGED_IN_KEY",
        "NONCE_KEY",
        "AUTH_SALT",
        "SECURE_AUTH_SALT",
        "LOGGED_IN_SALT",
        "NONCE_SALT",
    )
    salts = "".join(
        f"define( '{name}', '{_safe(key)}' );\n" for name, key in zip(names, keys, strict=True)
    )
    return f"""<?php
// Written by the qmsaudit sandbox for one throwaway install on 127.0.0.1.
define( 'DB_NAME', '{_safe(database)}' );
define( 'DB_USER', '{_safe(user)}' );
define( 'DB_PASSWORD', '{_safe(password)}' );
define( 'DB_HOST', 'localhost:{_safe(str(socket))}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
{salts}$table_prefix = 'wp_';
// Debian's install.php stores these two as the upload paths: empty keeps WordPress's own.
$upload_path = '';
$upload_url_path = '';
define( 'WP_DEFAULT_THEME', '{THEME}' );
// No request leaves the machine (update checks, feeds), and no loopback cron request to a
// host name PHP cannot resolve.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
// Agencies publish RTF under a .doc name; WordPress would refuse it as a mismatched type.
define( 'ALLOW_UNFILTERED_UPLOADS', true );
define( 'WP_DEBUG', false );
if ( ! defined( 'ABSPATH' ) ) {{
    define( 'ABSPATH', __DIR__ . '/' );
}}
require_once ABSPATH . 'wp-settings.php';
"""


DOWNLOAD_PARAMETER = "wpdmdl"

# A must-use plugin that answers ?wpdmdl=<attachment id> with the file, as download plugins
# (WordPress Download Manager) do: the link names no file and no type.
DOWNLOAD_PLUGIN = f"""<?php
/*
 * Plugin Name: Tải tài liệu
 * Description: ?{DOWNLOAD_PARAMETER}=<id> sends a media library file as a download.
 */
add_action( 'init', function () {{
    if ( ! isset( $_GET['{DOWNLOAD_PARAMETER}'] ) ) {{
        return;
    }}
    $id   = absint( $_GET['{DOWNLOAD_PARAMETER}'] );
    $file = 'attachment' === get_post_type( $id ) ? get_attached_file( $id ) : false;
    if ( ! $file || ! is_readable( $file ) ) {{
        status_header( 404 );
        echo 'Không tìm thấy tài liệu.';
        exit;
    }}
    nocache_headers();
    header( 'Content-Type: application/octet-stream' );
    header( 'Content-Disposition: attachment; filename="' . basename( $file ) . '"' );
    header( 'Content-Length: ' . filesize( $file ) );
    readfile( $file );
    exit;
}} );
"""

# A must-use plugin that sends no mail: the installer's "new site" e-mail would call a
# sendmail this machine does not have.
NO_MAIL_PLUGIN = """<?php
/*
 * Plugin Name: Không gửi thư
 * Description: A sandbox sends no e-mail.
 */
add_filter( 'pre_wp_mail', '__return_false' );
"""
