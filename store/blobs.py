"""Content-addressed stores of raw bytes, keyed by sha256: `Blobs` is what qmsaudit needs of
one, `BlobStore` the one on disk (the default: a folder, which every machine must share in
distributed mode); `store.database_blobs.DatabaseBlobs` keeps them in the database instead.

The contract both keep (`tests/store/test_blobs.py` runs the same tests on each):

- `put(data)` stores the bytes once and returns their sha256; putting the same bytes again,
  from this process or many at once, stores nothing more.
- `get(sha256)` returns the bytes, or raises `MissingBlobError` (a `StoreError` that is
  also a `FileNotFoundError`) when the store does not hold them.
- `stored()` lists every blob held: sha256, size and when it was stored, without the bytes;
  `remove(sha256)` forgets one (retention), and is a no-op for one not held.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from store.errors import MissingBlobError

__all__ = ["BlobStore", "Blobs", "StoredBlob"]


@dataclass(frozen=True)
class StoredBlob:
    """A blob as a store lists it: its sha256, its size in bytes and when it was stored
    (UTC; a file's modification time), the age retention goes by when no fetch refers
    to it."""

    sha256: str
    size: int
    stored_at: datetime


class Blobs(Protocol):
    """What crawling, reading, committing, serving a stored copy and keeping the store's
    size in check need of a blob store (the contract is in this module's docstring)."""

    def put(self, data: bytes) -> str: ...

    def get(self, sha256: str) -> bytes: ...

    def __contains__(self, sha256: object) -> bool: ...

    def stored(self) -> Iterator[StoredBlob]: ...

    def remove(self, sha256: str) -> None: ...


class BlobStore:
    """Stores each distinct byte string once under `root/ab/cd/<sha256>`.

    Writes are atomic (a temporary file renamed into place), so a crash never leaves a
    truncated blob under a valid name, and processes writing the same bytes at once each
    rename a whole file onto the same name.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.exists():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha256

    def get(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise MissingBlobError(sha256) from None

    def stored(self) -> Iterator[StoredBlob]:
        """Every stored blob (not the temporary files of writes in progress)."""
        if not self.root.exists():
            return
        for path in self.root.glob("*/*/*"):
            if path.name.startswith(".tmp-"):
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed since the listing
                continue
            yield StoredBlob(path.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC))

    def remove(self, sha256: str) -> None:
        """Forget a blob (retention): a later `put` of the same bytes stores it again."""
        self.path(sha256).unlink(missing_ok=True)

    def __contains__(self, sha256: object) -> bool:
        return isinstance(sha256, str) and self.path(sha256).exists()
