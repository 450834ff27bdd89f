"""The official outputs of an inspection: the workbook staff file (XLSX), and soon the
report in the form of Vietnamese administrative documents.

Everything here reads `status --json` rows (inspection.status.status_rows) and nothing
else: no database, no crawler.
"""

from inspection.official_report.tally import Tally
from inspection.official_report.workbook import write_workbook

__all__ = ["Tally", "write_workbook"]
