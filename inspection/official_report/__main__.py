"""`python -m inspection.official_report ROWS.json -o REPORT.docx|.pdf`: the report of rows
saved by `qmsaudit status --json` or `export --format json`, without a database (the sample
whose first page is pictured in docs/, `make report-picture`). The issuer comes from the
settings; a `.pdf` output is converted by LibreOffice."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from inspection.official_report.data import Issuer, ReportData
from inspection.official_report.docx_report import report_bytes
from inspection.official_report.pdf import convert_to_pdf
from inspection.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inspection.official_report")
    parser.add_argument("rows", type=Path, help="status rows (JSON array)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    rows = json.loads(args.rows.read_text("utf-8"))
    settings = Settings()
    judged = max(
        (date.fromisoformat(row["as_of"]) for row in rows if row.get("as_of")), default=None
    )
    when = args.as_of or judged or settings.effective_as_of()
    content = report_bytes(ReportData(rows=rows, as_of=when, issuer=Issuer.of(settings)))
    if args.output.suffix.lower() == ".pdf":
        convert_to_pdf(content, args.output)
    else:
        args.output.write_bytes(content)
    print(f"{args.output}: {len(rows)} cơ quan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
