"""The store's exceptions, rooted in one class.

StoreError
├── SchemaBehindError   the database needs `qmsaudit db upgrade`
├── SchemaAheadError    the database was migrated by a newer qmsaudit
└── MissingBlobError    no stored bytes under this sha256 (also a FileNotFoundError)
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's errors; the message is Vietnamese, for the user."""


class MissingBlobError(StoreError, FileNotFoundError):
    """`Blobs.get` of a sha256 the store does not hold (never stored, or removed by
    retention), whichever the store: a folder or the database. It is a `FileNotFoundError`
    too, what the folder store always raised, so code written against that keeps working."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(f"không có bản lưu {sha256} trong kho lưu trữ")
