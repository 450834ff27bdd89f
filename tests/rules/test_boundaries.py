"""The rules package stands alone: importing it loads no crawler, store or database code."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("scrapy", "twisted", "sqlmodel", "sqlalchemy", "crawler", "store", "inspection")


def test_importing_rules_loads_no_crawler_store_or_database() -> None:
    probe = (
        "import sys, rules, rules.docs\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=30
    )
    assert completed.stdout.strip() == "[]"
