"""The database's schema: made and upgraded by Alembic migrations, checked before use.

`prepare(engine)` is what every command calls first: a new, empty database is made by
migrating to the newest revision; a database at an older revision is refused with
`SchemaBehindError` until `qmsaudit db upgrade` (`upgrade(engine)`) has run, so that no
command writes rows of one schema into tables of another. A database made by `create_all`
before migrations existed is recognised (it has tables, no revision) and stamped as the
baseline, whose schema it has, before upgrading. Processes that find a database new at
once (the schedule and a staff crawl on a fresh data folder) take turns: one migrates, the
others then find it made.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from store.errors import StoreError

__all__ = [
    "BASELINE",
    "SchemaAheadError",
    "SchemaBehindError",
    "Upgrade",
    "current_revision",
    "head_revision",
    "migrate_to",
    "prepare",
    "refuse_other_revision",
    "upgrade",
]

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"


class SchemaBehindError(StoreError):
    """The database was made by an older qmsaudit: `qmsaudit db upgrade` brings it up."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current, self.head = current, head
        super().__init__(
            f"cơ sở dữ liệu đang ở phiên bản lược đồ {current or 'chưa đánh số'}, cần {head}: "
            "chạy `qmsaudit db upgrade` trước"
        )


class SchemaAheadError(StoreError):
    """The database was migrated by a newer qmsaudit than this one."""

    def __init__(self, current: str, head: str) -> None:
        self.current, self.head = current, head
        super().__init__(
            f"cơ sở dữ liệu ở phiên bản lược đồ {current}, mới hơn phiên bản {head} mà bản "
            "qmsaudit này biết: hãy cập nhật qmsaudit"
        )


@dataclass(frozen=True)
class Upgrade:
    """What `upgrade` did: the revision before (None for a new database) and after."""

    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "store/migrations has no revision"
    return head


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def _revision(engine: Engine) -> tuple[str | None, bool]:
    """The database's revision, and whether it is empty (no revision, no tables)."""
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        return current, current is None and not _has_tables(connection)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _has_tables(connection: Connection) -> bool:
    return any(name != "alembic_version" for name in inspect(connection).get_table_names())


# Any constant: the key of PostgreSQL's advisory lock that migrating processes share.
_MIGRATION_LOCK_KEY = 0x716D7361  # "qmsa"


@contextmanager
def _migrating(engine: Engine) -> Iterator[None]:
    """Held while a process checks and migrates the schema: a lock file beside a SQLite
    database (its DDL is not transactional), an advisory lock on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrating", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        yield


def upgrade(engine: Engine) -> Upgrade:
    """Migrate the database to the newest revision; running it again changes nothing."""
    with _migrating(engine):
        return _upgrade(engine)


def _upgrade(engine: Engine) -> Upgrade:
    head = head_revision()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # A SQLite table is altered by copying it: with foreign keys enforced, dropping
            # the old copy would fail. The pragma only takes effect outside a transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        with connection.begin():
            before = MigrationContext.configure(connection).get_current_revision()
            if before is None and _has_tables(connection):
                command.stamp(_config(connection), BASELINE)  # made by create_all
                before = BASELINE
            if before is not None and before not in _known_revisions():
                raise SchemaAheadError(before, head)
            if before != head:
                command.upgrade(_config(connection), "head")
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    return Upgrade(before=before, after=head)


def migrate_to(engine: Engine, revision: str) -> None:
    """Migrate a database to one revision (tests of the upgrade path build old databases)."""
    with engine.connect() as connection, connection.begin():
        command.upgrade(_config(connection), revision)


def prepare(engine: Engine) -> None:
    """Make a new database by migrating; refuse one that is not at the newest revision."""
    head = head_revision()
    current, _ = _revision(engine)
    if current != head:  # new, behind, or being made by another process: wait for it
        with _migrating(engine):
            current, empty = _revision(engine)
            if empty:
                current = _upgrade(engine).after
    refuse_other_revision(current)


def refuse_other_revision(current: str | None) -> None:
    """Raise unless `current` is the newest revision: `SchemaAheadError` for one this
    qmsaudit does not know (a newer one migrated it), else `SchemaBehindError`."""
    head = head_revision()
    if current is not None and current not in _known_revisions():
        raise SchemaAheadError(current, head)
    if current != head:
        raise SchemaBehindError(current, head)
