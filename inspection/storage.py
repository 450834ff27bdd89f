"""How big the store is: rows per table, blob files and bytes, and how much is evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import col, select

from store import Document, Fetch, Finding, open_session
from store.models import metadata

__all__ = ["evidence_hashes", "store_stats"]


def evidence_hashes(engine: Engine) -> set[str]:
    """The sha256 of every byte string that is evidence: a QMS document, or a fetch a
    finding cites."""
    with open_session(engine) as session:
        documents = session.exec(
            select(Document.sha256).where(col(Document.doc_type) != "not_qms")
        ).all()
        cited = session.exec(
            select(Fetch.sha256)
            .join(Finding, col(Finding.evidence_fetch_id) == col(Fetch.id))
            .where(col(Fetch.sha256).is_not(None))
            .distinct()
        ).all()
    return set(documents) | {sha256 for sha256 in cited if sha256}


def store_stats(engine: Engine, blob_dir: Path) -> dict[str, Any]:
    with open_session(engine) as session:
        rows = {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in metadata.sorted_tables
        }
        rows["finding (open)"] = session.exec(
            select(func.count()).select_from(Finding).where(col(Finding.open).is_not(None))
        ).one()
    evidence = evidence_hashes(engine)
    files = total = evidence_bytes = 0
    if blob_dir.exists():
        for path in blob_dir.glob("*/*/*"):
            if path.name.startswith(".tmp-"):
                continue
            size = path.stat().st_size
            files += 1
            total += size
            if path.name in evidence:
                evidence_bytes += size
    return {
        "rows": rows,
        "blobs": {"files": files, "bytes": total, "evidence_bytes": evidence_bytes},
    }
