"""Copying a whole database into another, and a blob store into another: how a province
moves from one machine (SQLite, evidence in a folder) to distributed mode (PostgreSQL,
evidence in the `blob` table) with its history and its evidence.

The tables are copied in one transaction on the target, so a copy that fails (a row the
target refuses, a killed process) leaves the target as it was: empty, ready for the same
command again. That is why a target holding rows is refused before anything is written:
copying into it could mix two provinces' histories, or collide on ids.

Blobs are content-addressed, so putting them is idempotent and needs no transaction: they
are copied first, one at a time, and the `blob` table does not count when a target is
checked for being empty. A copy killed while copying blobs is simply run again; the blobs
already there are skipped.

Errors (all `StoreError`, Vietnamese messages for the user):

StoreError
├── SameDatabaseError      the target is the source itself
├── TargetNotEmptyError    the target holds rows
└── CopyMismatchError      a table's row count differs after the copy (rolled back)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, func, insert, inspect, select, text
from sqlalchemy.engine import URL, make_url

from store.blobs import Blobs
from store.errors import StoreError
from store.models import metadata
from store.schema import current_revision, refuse_other_revision

__all__ = [
    "CHUNK_ROWS",
    "BlobsCopied",
    "CopyMismatchError",
    "SameDatabaseError",
    "TargetNotEmptyError",
    "check_copy",
    "copy_blobs",
    "copy_tables",
    "same_database",
    "shown_url",
]

CHUNK_ROWS = 1000  # rows read and inserted at a time: a table is never held in memory whole

# Not copied as rows: Alembic's own table (the target is migrated to the same revision),
# and the blobs, which `copy_blobs` copies one at a time from whichever store the source
# uses (a `blob` row can be megabytes: a chunk of them would not fit in memory).
NOT_ROWS = frozenset({"alembic_version", "blob"})


class SameDatabaseError(StoreError):
    """Copying a database onto itself would refuse itself as non-empty, or worse."""

    def __init__(self, url: str) -> None:
        super().__init__(f"cơ sở dữ liệu đích {url} chính là cơ sở dữ liệu đang dùng")


class TargetNotEmptyError(StoreError):
    """The target holds rows: copying into it would mix two histories and collide on ids."""

    def __init__(self, url: str, rows: dict[str, int]) -> None:
        self.rows = rows
        tables = ", ".join(f"{name} ({count} dòng)" for name, count in rows.items())
        super().__init__(
            f"cơ sở dữ liệu đích {url} đã có dữ liệu: {tables}; chỉ sao chép vào một cơ sở dữ "
            "liệu trống (không có gì được ghi)"
        )


class CopyMismatchError(StoreError):
    """A table's row count in the target differs from the source's: the copy is undone."""

    def __init__(self, table: str, source: int, target: int) -> None:
        super().__init__(
            f"bảng {table}: nguồn có {source} dòng nhưng đích có {target}; đã hủy việc sao chép"
        )


def shown_url(url: str | URL) -> str:
    """A URL fit to print: its password masked."""
    return make_url(url).render_as_string(hide_password=True)


def same_database(a: str | URL, b: str | URL) -> bool:
    """Whether two URLs name one database: the same SQLite file (however its path is
    written), or the same server, port and database name (whoever logs in)."""
    first, second = make_url(a), make_url(b)
    if first.get_backend_name() != second.get_backend_name():
        return False
    if first.get_backend_name() == "sqlite":
        return _sqlite_path(first) == _sqlite_path(second) and _sqlite_path(first) is not None
    return (first.host or "", first.port, first.database) == (
        second.host or "",
        second.port,
        second.database,
    )


def _sqlite_path(url: URL) -> Path | None:
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def check_copy(source: Engine, target: Engine) -> None:
    """Refuse a copy that cannot be done, before anything is written: onto itself, from a
    database whose schema is not the newest (its rows would not fit the target's tables),
    or into a database that holds rows."""
    if same_database(source.url, target.url):
        raise SameDatabaseError(shown_url(target.url))
    refuse_other_revision(current_revision(source))
    with target.connect() as connection:
        rows = _rows_held(connection)
    if rows:
        raise TargetNotEmptyError(shown_url(target.url), rows)


def _rows_held(connection: Connection) -> dict[str, int]:
    """Tables of the database that hold rows (not Alembic's, not the blobs)."""
    held = {}
    for name in inspect(connection).get_table_names():
        if name in NOT_ROWS:
            continue
        table = Table(name, MetaData())  # a name is enough to count its rows
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            held[name] = count
    return held


Progress = Callable[[str, int, int], None]  # table, rows copied so far, rows in all


def copy_tables(
    source: Engine,
    target: Engine,
    *,
    chunk_rows: int = CHUNK_ROWS,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Copy every row of every table (not the blobs) from `source` into `target`, which
    `check_copy` accepted and `store.schema.upgrade` migrated; return the rows per table.

    The source is read in one snapshot (a PostgreSQL repeatable-read transaction, a SQLite
    read transaction) so that the tables agree with each other even if something writes
    meanwhile; the target is written in one transaction, tables in foreign-key order, rows
    by primary key, `chunk_rows` at a time. Each table's row count is checked before the
    commit, and on PostgreSQL each id sequence is moved past the copied ids, so that the
    next row inserted gets a new id.
    """
    tables = _tables(target)
    with _snapshot(source) as reading, target.begin() as writing:
        held = _rows_held(writing)
        if held:  # written since `check_copy`
            raise TargetNotEmptyError(shown_url(target.url), held)
        counts = {
            table.name: reading.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables
        }
        for table in tables:
            _copy_rows(reading, writing, table, counts[table.name], chunk_rows, progress)
        for table in tables:
            copied = writing.execute(select(func.count()).select_from(table)).scalar_one()
            if copied != counts[table.name]:
                raise CopyMismatchError(table.name, counts[table.name], copied)
        if writing.dialect.name == "postgresql":
            for table in tables:
                _move_sequence(writing, table)
    return counts


def _tables(target: Engine) -> list[Table]:
    """The target's tables in foreign-key order, each as the models declare it where they
    do: the models' column types convert values between databases (aware UTC times, JSON,
    booleans), which types reflected from one database would not."""
    reflected = MetaData()
    reflected.reflect(target)
    return [
        metadata.tables.get(table.name, table)
        for table in reflected.sorted_tables
        if table.name not in NOT_ROWS
    ]


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that sees the database as it was when the first table was read."""
    if engine.dialect.name == "postgresql":
        with (
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection,
            connection.begin(),
        ):
            yield connection
        return
    with engine.connect() as connection, connection.begin():
        if engine.dialect.name == "sqlite":
            # pysqlite opens no transaction for reads: each SELECT would see the newest data.
            connection.exec_driver_sql("BEGIN")
        yield connection


def _copy_rows(
    reading: Connection,
    writing: Connection,
    table: Table,
    total: int,
    chunk_rows: int,
    progress: Progress | None,
) -> None:
    query = select(table).order_by(*table.primary_key.columns)
    result = reading.execution_options(yield_per=chunk_rows).execute(query)
    done = 0
    if progress is not None:
        progress(table.name, done, total)
    for chunk in result.partitions():
        writing.execute(insert(table), [dict(row._mapping) for row in chunk])
        done += len(chunk)
        if progress is not None:
            progress(table.name, done, total)


def _move_sequence(connection: Connection, table: Table) -> None:
    """Set the id sequence of a PostgreSQL table (if it has one) past its largest id."""
    columns = list(table.primary_key.columns)
    if len(columns) != 1 or columns[0].type.python_type is not int:
        return
    column = columns[0]
    quoted = connection.dialect.identifier_preparer.format_table(table)
    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": quoted, "column": column.name},
    ).scalar()
    if sequence is None:  # not an id that a sequence gives (verdict.agency_id)
        return
    largest = connection.execute(select(func.max(column))).scalar()
    connection.execute(
        text("SELECT setval(:sequence, :next, false)"),
        {"sequence": sequence, "next": (largest or 0) + 1},
    )


@dataclass
class BlobsCopied:
    """What `copy_blobs` did: blobs put into the target (and their bytes), blobs the target
    already held, and the sha256 of those that could not be read from the source (a broken
    file, bytes that are not what their name says, or evidence missing altogether)."""

    copied: int = 0
    bytes: int = 0
    skipped: int = 0
    unreadable: list[str] = field(default_factory=list)


def copy_blobs(
    source: Blobs,
    target: Blobs,
    *,
    expected: Collection[str] = (),
    progress: Callable[[BlobsCopied], None] | None = None,
) -> BlobsCopied:
    """Put every blob of `source` into `target`, one at a time (never more than one in
    memory), skipping those the target holds; idempotent, so a copy that was stopped is
    simply run again.

    A blob that cannot be read, or whose bytes no longer hash to its name, is counted as
    unreadable and the rest are copied: one broken file must not keep a province's other
    evidence behind. `expected` names blobs that must exist (the evidence findings cite):
    those the source does not even list, and the target does not hold, are unreadable too,
    so that a folder partly lost is noticed now and not when someone opens a finding.
    """
    done = BlobsCopied()
    listed = set()
    for stored in source.stored():
        listed.add(stored.sha256)
        if stored.sha256 in target:
            done.skipped += 1
        else:
            data = _read(source, stored.sha256)
            if data is None:
                done.unreadable.append(stored.sha256)
            else:
                target.put(data)
                done.copied += 1
                done.bytes += len(data)
        if progress is not None:
            progress(done)
    done.unreadable.extend(
        sorted(sha256 for sha256 in expected if sha256 not in listed and sha256 not in target)
    )
    return done


def _read(blobs: Blobs, sha256: str) -> bytes | None:
    """A blob's bytes, or None when they cannot be read or are not what their name says."""
    try:
        data = blobs.get(sha256)
    except (OSError, StoreError):  # a missing or broken file, a missing row
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None
