"""The `qmsaudit` command line: a thin layer over inspection's services (a contract).

One module per command group; each registers its commands on the one `app`.
"""

from inspection.cli import agencies, crawl, documents, report, results  # noqa: F401  (registration)
from inspection.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
