"""Content-addressed stores of raw bytes, keyed by sha256: `Blobs` is what a run needs of
one, `BlobStore` the one on disk (a folder every machine shares, in distributed mode)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol


class Blobs(Protocol):
    """What crawling, reading and committing an agency need of a blob store: keep bytes,
    give them back by their sha256. Another backend (a database table, an S3 bucket) for
    workers without a shared folder would implement this."""

    def put(self, data: bytes) -> str: ...

    def get(self, sha256: str) -> bytes: ...

    def __contains__(self, sha256: object) -> bool: ...


class BlobStore:
    """Stores each distinct byte string once under `root/ab/cd/<sha256>`.

    Writes are atomic (a temporary file renamed into place), so a crash never leaves a
    truncated blob under a valid name.
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
        return self.path(sha256).read_bytes()

    def paths(self) -> Iterator[Path]:
        """Every stored blob's file (not the temporary files of writes in progress)."""
        if not self.root.exists():
            return
        for path in self.root.glob("*/*/*"):
            if not path.name.startswith(".tmp-"):
                yield path

    def remove(self, sha256: str) -> None:
        """Forget a blob (retention): a later `put` of the same bytes stores it again."""
        self.path(sha256).unlink(missing_ok=True)

    def __contains__(self, sha256: object) -> bool:
        return isinstance(sha256, str) and self.path(sha256).exists()
