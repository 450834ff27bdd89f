"""Downloads: the same files as `qmsaudit export` (CSV, XLSX, JSON; optionally by status)
and `qmsaudit report` (the official report, DOCX, or PDF where LibreOffice is installed)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from inspection.export import FORMATS, ExportError, write_export
from inspection.labels import LEVEL_LABELS
from inspection.official_report import (
    Issuer,
    PdfError,
    ReportData,
    convert_to_pdf,
    report_bytes,
    soffice_path,
)
from inspection.status import status_rows
from inspection.web.deps import DbSession, dashboard, require
from inspection.web.labels import STATUS_CHOICES
from inspection.web.pages import redirect, render, sentence
from store import User

router = APIRouter()

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _attachment(content: bytes, fmt: str, name: str) -> Response:
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


@router.get("/downloads")
def downloads(request: Request, user: Annotated[User, Depends(require("read"))]) -> Response:
    return render(
        request,
        "downloads.html",
        {
            "status_choices": STATUS_CHOICES,
            "level_choices": list(LEVEL_LABELS.items()),
            "pdf": soffice_path() is not None,
        },
    )


def _wanted_statuses(values: list[str]) -> set[str | None]:
    known = {key for key, _ in STATUS_CHOICES}
    return {None if value == "none" else value for value in values if value in known}


@router.get("/downloads/export")
def export(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(require("read"))],
    fmt: Annotated[str, Query(alias="format")] = "csv",
    status: Annotated[list[str] | None, Query()] = None,
) -> Response:
    if fmt not in FORMATS:
        return redirect(
            request,
            "/downloads",
            f"Định dạng “{fmt}” không hỗ trợ (dùng: {', '.join(FORMATS)}).",
            error=True,
        )
    rows = status_rows(session)
    wanted = _wanted_statuses(status or [])
    if wanted:
        rows = [row for row in rows if row["status"] in wanted]
    with tempfile.TemporaryDirectory(prefix="qmsaudit-export-") as folder:
        path = Path(folder) / f"ket-qua.{fmt}"
        try:
            write_export(rows, path, fmt=fmt)
        except ExportError as error:
            return redirect(request, "/downloads", sentence(str(error)), error=True)
        content = path.read_bytes()
    return _attachment(content, fmt, f"ket-qua-kiem-tra-{date.today().isoformat()}")


def _judged_on(rows: list[dict[str, Any]]) -> date | None:
    dates = [date.fromisoformat(row["as_of"]) for row in rows if row.get("as_of")]
    return max(dates, default=None)


@router.get("/downloads/report")
def report(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(require("read"))],
    fmt: Annotated[str, Query(alias="format")] = "docx",
    level: Annotated[list[str] | None, Query()] = None,
) -> Response:
    settings = dashboard(request).settings
    levels = [value for value in level or [] if value in LEVEL_LABELS]
    rows = [row for row in status_rows(session) if not levels or row["level"] in levels]
    if not rows:
        return redirect(request, "/downloads", "Không có cơ quan nào để báo cáo.", error=True)
    when = settings.as_of or _judged_on(rows) or date.today()
    content = report_bytes(ReportData(rows=rows, as_of=when, issuer=Issuer.of(settings)))
    name = f"bao-cao-kiem-tra-htqlcl-{when.isoformat()}"
    if fmt == "pdf":
        with tempfile.TemporaryDirectory(prefix="qmsaudit-report-") as folder:
            path = Path(folder) / "bao-cao.pdf"
            try:
                convert_to_pdf(content, path)
            except PdfError as error:
                return redirect(request, "/downloads", sentence(str(error)), error=True)
            return _attachment(path.read_bytes(), "pdf", name)
    if fmt != "docx":
        return redirect(
            request, "/downloads", f"Định dạng “{fmt}” không hỗ trợ (dùng: docx, pdf).", error=True
        )
    return _attachment(content, "docx", name)
