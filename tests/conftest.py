import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.postgres import running_postgres


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole test session.

    Its folder is outside pytest's temporary root, which is private to root: the server runs
    as the `postgres` user and must be able to reach it.
    """
    root = Path(tempfile.mkdtemp(prefix="qmsaudit-pg-"))
    try:
        with running_postgres(root) as url:
            yield url
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def empty_postgresql_url(postgresql_url: str) -> str:
    """The session's PostgreSQL database, emptied for this test (the server is shared)."""
    engine = create_engine(postgresql_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return postgresql_url
