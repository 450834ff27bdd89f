"""The official outputs of an inspection: the workbook staff file (XLSX) and the report
in the form of Vietnamese administrative documents (DOCX, or PDF through LibreOffice).

Everything here reads `status --json` rows (inspection.status.status_rows) and nothing
else: no database, no crawler.
"""

from inspection.official_report.data import Issuer, ReportData
from inspection.official_report.docx_report import report_bytes, write_docx
from inspection.official_report.pdf import PdfError, convert_to_pdf, soffice_path
from inspection.official_report.sections import PARTS, Part, Section
from inspection.official_report.tally import Tally
from inspection.official_report.workbook import write_workbook

__all__ = [
    "PARTS",
    "Issuer",
    "Part",
    "PdfError",
    "ReportData",
    "Section",
    "Tally",
    "convert_to_pdf",
    "report_bytes",
    "soffice_path",
    "write_docx",
    "write_workbook",
]
