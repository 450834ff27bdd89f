"""The `qmsaudit` command line: a thin layer over inspection's services (a contract).

One module per command group; each registers its commands on the one `app`.
"""

from inspection.cli import (  # noqa: F401  (each module registers its commands)
    agencies,
    crawl,
    db,
    documents,
    report,
    results,
    runs,
    schedule,
    serve,
    users,
    worker,
)
from inspection.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
