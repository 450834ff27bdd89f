"""PDF of the report: the DOCX converted by LibreOffice (`soffice`), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfError", "convert_to_pdf", "soffice_path"]

CONVERT_TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile


class PdfError(Exception):
    """LibreOffice is missing or could not convert; the message is Vietnamese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_bytes: bytes, output: Path) -> None:
    """Convert a DOCX (its bytes) to the PDF `output`, in a private LibreOffice profile so
    that two conversions at once, or a user's open LibreOffice, do not get in the way."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfError("cần LibreOffice (soffice) để xuất PDF; hãy cài đặt hoặc dùng --format docx")
    with tempfile.TemporaryDirectory(prefix="qmsaudit-pdf-") as folder:
        work = Path(folder)
        source = work / "bao-cao.docx"
        source.write_bytes(docx_bytes)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PdfError(f"LibreOffice không chuyển xong sau {CONVERT_TIMEOUT} giây") from error
        converted = work / "bao-cao.pdf"
        if done.returncode != 0 or not converted.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["không rõ lỗi"]
            raise PdfError(f"LibreOffice không chuyển được sang PDF: {detail[0]}")
        shutil.copyfile(converted, output)
