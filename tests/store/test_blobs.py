"""The blob stores' one contract, on each store: the folder, the database on SQLite and the
database on PostgreSQL (real servers, no mocks)."""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from store import (
    Blobs,
    BlobStore,
    DatabaseBlobs,
    MissingBlobError,
    StoreError,
    make_engine,
    prepare,
    sqlite_url,
)
from store import database_blobs as database_blobs_module


@pytest.fixture(params=["files", "sqlite", "postgresql"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Blobs]:
    if request.param == "files":
        yield BlobStore(tmp_path / "blobs")
        return
    if request.param == "sqlite":
        engine = make_engine(sqlite_url(tmp_path / "q.db"))
    else:
        engine = make_engine(request.getfixturevalue("empty_postgresql_url"))
    prepare(engine)
    yield DatabaseBlobs(engine)
    engine.dispose()


def _rows(blobs: Blobs) -> int:
    """How many blobs the store really holds: files in the folder, rows in the table."""
    if isinstance(blobs, BlobStore):
        return sum(1 for path in blobs.root.rglob("*") if path.is_file())
    assert isinstance(blobs, DatabaseBlobs)
    with blobs.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM blob")).scalar_one())


def test_put_returns_sha256_and_get_returns_the_bytes(blobs: Blobs) -> None:
    data = "Quyết định công bố HTQLCL".encode()
    sha = blobs.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert blobs.get(sha) == data
    assert isinstance(blobs.get(sha), bytes)
    assert sha in blobs
    assert "0" * 64 not in blobs
    assert 42 not in blobs


def test_empty_and_binary_bytes_come_back_whole(blobs: Blobs) -> None:
    binary = bytes(range(256)) * 300 + b"\x00"
    assert blobs.get(blobs.put(binary)) == binary
    assert blobs.get(blobs.put(b"")) == b""


def test_same_bytes_are_stored_once(blobs: Blobs) -> None:
    first = blobs.put(b"%PDF-1.7 same")
    second = blobs.put(b"%PDF-1.7 same")
    assert first == second
    assert _rows(blobs) == 1
    assert [stored.sha256 for stored in blobs.stored()] == [first]


def test_a_missing_blob_is_a_store_error_and_a_file_not_found(blobs: Blobs) -> None:
    missing = "ab" * 32
    with pytest.raises(MissingBlobError) as raised:
        blobs.get(missing)
    assert raised.value.sha256 == missing
    assert isinstance(raised.value, StoreError)
    assert isinstance(raised.value, FileNotFoundError)
    assert missing in str(raised.value)


def test_stored_lists_every_blob_with_its_size_and_age(blobs: Blobs) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    datas = [b"a", b"bb" * 1000, "trang chủ".encode()]
    hashes = {blobs.put(data): len(data) for data in datas}
    listed = list(blobs.stored())
    assert {stored.sha256: stored.size for stored in listed} == hashes
    for stored in listed:
        assert stored.stored_at.tzinfo is not None
        assert before <= stored.stored_at <= datetime.now(UTC) + timedelta(seconds=5)


def test_a_removed_blob_is_gone_and_can_be_stored_again(blobs: Blobs) -> None:
    kept, removed = blobs.put(b"evidence"), blobs.put(b"a page of nothing")
    blobs.remove(removed)
    blobs.remove(removed)  # again: nothing to do
    blobs.remove("cd" * 32)  # never stored: nothing to do
    assert removed not in blobs
    with pytest.raises(MissingBlobError):
        blobs.get(removed)
    assert [stored.sha256 for stored in blobs.stored()] == [kept]
    assert blobs.put(b"a page of nothing") == removed
    assert blobs.get(removed) == b"a page of nothing"


def test_blobs_can_be_removed_while_they_are_listed(
    blobs: Blobs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_blobs_module, "LISTED_AT_ONCE", 3)  # several pages
    hashes = {blobs.put(f"trang {n}".encode()) for n in range(10)}
    seen = set()
    for stored in blobs.stored():
        seen.add(stored.sha256)
        blobs.remove(stored.sha256)
    assert seen == hashes
    assert list(blobs.stored()) == []


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    blobs.put(b"a")
    blobs.put(b"b")
    assert not list(tmp_path.rglob(".tmp-*"))
    assert {stored.sha256 for stored in blobs.stored()} == {
        hashlib.sha256(b"a").hexdigest(),
        hashlib.sha256(b"b").hexdigest(),
    }


def _put_at_once(url: str, data: bytes, start: Any, results: Any) -> None:
    engine = make_engine(url)
    try:
        start.wait(timeout=60)
        results.put(DatabaseBlobs(engine).put(data))
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_processes_putting_the_same_bytes_at_once_store_one_row(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Workers on several machines crawling the same file (a portal's shared PDF) at once."""
    if backend == "sqlite":
        url = sqlite_url(tmp_path / "q.db")
    else:
        url = request.getfixturevalue("empty_postgresql_url")
    engine: Engine = make_engine(url)
    prepare(engine)
    data = b"%PDF-1.7 " + bytes(range(256)) * 4000  # ~1 MB: the inserts overlap
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(6), context.Queue()
    processes = [
        context.Process(target=_put_at_once, args=(url, data, start, results)) for _ in range(6)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * 6
    sha = hashlib.sha256(data).hexdigest()
    assert [results.get(timeout=10) for _ in range(6)] == [sha] * 6
    blobs = DatabaseBlobs(engine)
    assert _rows(blobs) == 1
    assert blobs.get(sha) == data
    engine.dispose()
