import hashlib
from pathlib import Path

from store import BlobStore


def test_put_returns_sha256_and_get_returns_the_bytes(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    data = "Quyết định công bố HTQLCL".encode()
    sha = blobs.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert blobs.get(sha) == data
    assert sha in blobs


def test_same_bytes_are_stored_once(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    first = blobs.put(b"%PDF-1.7 same")
    second = blobs.put(b"%PDF-1.7 same")
    assert first == second
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [blobs.path(first)]


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    blobs.put(b"a")
    blobs.put(b"b")
    assert not list(tmp_path.rglob(".tmp-*"))
    assert "0" * 64 not in blobs
