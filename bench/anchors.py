"""Link extraction (`crawler.anchors.page_anchors`) over every HTML page a crawl stored:
seconds for one pass in a fresh process (its caches cold, as a crawl's are), and a digest
of every anchor found, to check that a faster version finds the very same links.

    python -m bench.anchors --data /tmp/qmsaudit-e2e-XXXX/data

`--data` is a data folder with a SQLite database and its blob folder, such as the one a
`bench.end_to_end` run leaves in /tmp/qmsaudit-e2e-*.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sqlite3
import time
from pathlib import Path

from parsel import Selector

from crawler.anchors import page_anchors
from store import BlobStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    blobs = BlobStore(args.data / "blobs")
    with sqlite3.connect(args.data / "qmsaudit.db") as db:
        rows = db.execute(
            "SELECT sha256, MIN(url) FROM fetch WHERE content_type LIKE 'text/html%' "
            "AND sha256 IS NOT NULL GROUP BY sha256 ORDER BY MIN(id)"
        ).fetchall()
    pages = [
        (Selector(text=blobs.get(sha256).decode("utf-8", "replace")), url)
        for sha256, url in rows
        if sha256 in blobs
    ]
    started = time.perf_counter()
    found = [page_anchors(html, url) for html, url in pages]
    seconds = time.perf_counter() - started
    digest = hashlib.sha256()
    for anchors in found:
        rows_of = [dataclasses.asdict(anchor) for anchor in anchors]
        digest.update(json.dumps(rows_of, ensure_ascii=False).encode())
    print(
        f"{len(pages)} pages, {sum(map(len, found))} anchors in {seconds:.2f} s, "
        f"digest {digest.hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main()
