"""Refuse a DOCX, XLSX or ODT package that would unpack to too much, before it is unpacked.

A zip member never gives more bytes than its declared size (zipfile stops there and checks
the CRC), so the declared sizes bound what a deflated part can cost. Other methods are
refused: Office Open XML and OpenDocument packages are stored or deflated only, and
zipfile inflates a bzip2 or LZMA chunk without a bound (a 1 KB bzip2 member can hold
gigabytes).
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["MAX_UNPACKED_BYTES", "member_problem", "package_problem"]

MAX_UNPACKED_BYTES = 200_000_000  # ten times the default download cap; no real package nears it
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def member_problem(member: zipfile.ZipInfo, *, kind: str) -> str | None:
    """Why one member of a `kind` package ("DOCX", "XLSX", "ODT") is refused, or None."""
    if member.compress_type in _METHODS:
        return None
    return (
        f"{kind} part {member.filename[:80]} is compressed with method "
        f"{member.compress_type}, not deflate (a zip bomb?)"
    )


def package_problem(
    data: bytes, *, kind: str, max_unpacked: int = MAX_UNPACKED_BYTES
) -> str | None:
    """Why the zip package `data` is refused, or None: a member not stored or deflated, or
    more than `max_unpacked` bytes in all once unpacked.

    Raises what zipfile raises for a damaged archive (BadZipFile, OSError, ValueError…)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    for member in members:
        if problem := member_problem(member, kind=kind):
            return problem
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        return f"{kind} unpacks to more than {max_unpacked} bytes ({unpacked}; a zip bomb?)"
    return None
