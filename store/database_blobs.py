"""The blob store in the database (`QMSAUDIT_BLOB_STORE=database`): the `blob` table, so
that workers on several machines share evidence through the database they already share,
with no shared folder. Keeps the contract of `store.blobs`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy import insert as generic_insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from store.blobs import StoredBlob
from store.errors import MissingBlobError
from store.models import Blob, utcnow

__all__ = ["DatabaseBlobs"]

_table = Blob.__table__  # type: ignore[attr-defined]
_sha256, _data, _stored_at = _table.c.sha256, _table.c.data, _table.c.stored_at

LISTED_AT_ONCE = 5000  # rows of `stored()` read per query: bounded memory, no open cursor


class DatabaseBlobs:
    """Each distinct byte string once, as a row of `blob` keyed by its sha256.

    A put inserts with "do nothing on conflict" (PostgreSQL `ON CONFLICT DO NOTHING`,
    SQLite's equivalent), so many processes putting the same bytes at once store one row
    and none fails; bytes already there are not sent to the database again. Each call is
    its own short transaction: a put is visible to every machine at once.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in self:
            return sha256
        values = {"sha256": sha256, "size": len(data), "data": data, "stored_at": utcnow()}
        try:
            with self.engine.begin() as connection:
                connection.execute(self._insert(values))
        except IntegrityError:  # a database without "on conflict": another put was first
            if sha256 not in self:
                raise
        return sha256

    def _insert(self, values: dict[str, Any]) -> Any:
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            return (
                postgresql.insert(_table)
                .values(values)
                .on_conflict_do_nothing(index_elements=[_sha256])
            )
        if dialect == "sqlite":
            return sqlite.insert(_table).values(values).on_conflict_do_nothing()
        return generic_insert(_table).values(values)

    def get(self, sha256: str) -> bytes:
        with self.engine.connect() as connection:
            data = connection.execute(select(_data).where(_sha256 == sha256)).scalar()
        if data is None:
            raise MissingBlobError(sha256)
        return bytes(data)

    def stored(self) -> Iterator[StoredBlob]:
        """Every blob, in sha256 order, read a page at a time: no connection is held
        between pages, so a caller may remove blobs as it goes."""
        after = ""
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    select(_sha256, _table.c.size, _stored_at)
                    .where(_sha256 > after)
                    .order_by(_sha256)
                    .limit(LISTED_AT_ONCE)
                ).all()
            for sha256, size, stored_at in rows:
                if stored_at.tzinfo is None:
                    stored_at = stored_at.replace(tzinfo=UTC)
                yield StoredBlob(sha256, size, stored_at)
            if len(rows) < LISTED_AT_ONCE:
                return
            after = rows[-1][0]

    def remove(self, sha256: str) -> None:
        """Forget a blob (retention): a later `put` of the same bytes stores it again."""
        with self.engine.begin() as connection:
            connection.execute(delete(_table).where(_sha256 == sha256))

    def __contains__(self, sha256: object) -> bool:
        if not isinstance(sha256, str):
            return False
        with self.engine.connect() as connection:
            found = connection.execute(select(_sha256).where(_sha256 == sha256)).first()
        return found is not None
