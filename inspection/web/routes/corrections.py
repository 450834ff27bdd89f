"""Inspectors' corrections with a reason: a finding marked wrong, a document's type
corrected; an admin revokes one. `/overrides` lists them all, and as CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from sqlmodel import col, select
from starlette.responses import Response

from inspection.corrections import (
    CorrectionError,
    override_document_type,
    override_finding,
    revoke_override,
)
from inspection.labels import DOC_TYPE_LABELS
from inspection.web.deps import DbSession, client_address, dashboard, require
from inspection.web.pages import NotFound, redirect, render, sentence
from inspection.web.queries.agency import agency_by_code
from store import Agency, Document, Finding, Override, User

router = APIRouter()

REASON = Annotated[str, Form(max_length=2000)]


def _agency(session: DbSession, code: str) -> Agency:
    found = agency_by_code(session, code)
    if found is None or found.id is None:
        raise NotFound(f"Không có cơ quan mã {code}.")
    return found


def _page(code: str) -> str:
    return f"/agencies/{quote(code, safe='')}"


@router.post("/agencies/{code}/findings/{finding_id}/override")
def mark_finding_wrong(
    request: Request,
    session: DbSession,
    code: str,
    finding_id: int,
    reason: REASON,
    user: Annotated[User, Depends(require("override"))],
) -> Response:
    agency = _agency(session, code)
    finding = session.get(Finding, finding_id)
    if finding is None or finding.agency_id != agency.id:
        raise NotFound("Không có phát hiện này.")
    try:
        override_finding(
            session,
            finding,
            reason=reason,
            user=user.username,
            profile=dashboard(request).profile,
            address=client_address(request),
        )
    except CorrectionError as error:
        session.rollback()
        return redirect(request, _page(code), sentence(str(error)), error=True)
    session.commit()
    return redirect(request, _page(code), f"Đã đánh dấu phát hiện {finding.rule} là không đúng.")


@router.post("/agencies/{code}/documents/{sha256}/type")
def correct_document_type(
    request: Request,
    session: DbSession,
    code: str,
    sha256: str,
    doc_type: Annotated[str, Form(max_length=32)],
    reason: REASON,
    user: Annotated[User, Depends(require("override"))],
) -> Response:
    agency = _agency(session, code)
    owned = session.exec(
        select(Document.id).where(Document.agency_id == agency.id, Document.sha256 == sha256)
    ).first()
    if owned is None:
        raise NotFound("Không có tài liệu này.")
    try:
        override_document_type(
            session,
            agency,
            sha256=sha256,
            doc_type=doc_type,
            reason=reason,
            user=user.username,
            profile=dashboard(request).profile,
            address=client_address(request),
        )
    except CorrectionError as error:
        session.rollback()
        return redirect(request, _page(code), sentence(str(error)), error=True)
    session.commit()
    label = DOC_TYPE_LABELS.get(doc_type, doc_type)
    return redirect(request, _page(code), f"Đã sửa loại tài liệu thành “{label}”.")


@router.post("/overrides/{override_id}/revoke")
def revoke(
    request: Request,
    session: DbSession,
    override_id: int,
    user: Annotated[User, Depends(require("revoke"))],
    back: Annotated[str, Form()] = "/overrides",
) -> Response:
    override = session.get(Override, override_id)
    if override is None:
        raise NotFound("Không có điều chỉnh này.")
    target = back if back.startswith("/") and not back.startswith("//") else "/overrides"
    try:
        revoke_override(
            session,
            override,
            user=user.username,
            profile=dashboard(request).profile,
            address=client_address(request),
        )
    except CorrectionError as error:
        session.rollback()
        return redirect(request, target, sentence(str(error)), error=True)
    session.commit()
    return redirect(request, target, f"Đã thu hồi điều chỉnh #{override_id}.")


def _all_overrides(session: DbSession) -> list[tuple[Override, str, str]]:
    rows = session.exec(
        select(Override, Agency.code, Agency.name)
        .join(Agency, col(Agency.id) == col(Override.agency_id))
        .order_by(col(Override.id).desc())
    ).all()
    return [(override, code, name) for override, code, name in rows]


@router.get("/overrides")
def overrides(
    request: Request, session: DbSession, user: Annotated[User, Depends(require("read"))]
) -> Response:
    return render(request, "overrides.html", {"overrides": _all_overrides(session)})


CSV_HEADER = (
    "Số",
    "Mã cơ quan",
    "Tên cơ quan",
    "Loại điều chỉnh",
    "Quy tắc",
    "Đối tượng",
    "Loại tài liệu mới",
    "Mã băm tài liệu",
    "Lý do",
    "Người điều chỉnh",
    "Thời điểm",
    "Người thu hồi",
    "Thời điểm thu hồi",
)


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: typed reasons are never run as formulas."""
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@router.get("/overrides.csv")
def overrides_csv(session: DbSession, user: Annotated[User, Depends(require("read"))]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for override, code, name in _all_overrides(session):
        writer.writerow(
            _cell(value)
            for value in [
                override.id,
                code,
                name,
                "Phát hiện không đúng" if override.kind == "finding" else "Sửa loại tài liệu",
                override.rule or "",
                override.subject or "",
                DOC_TYPE_LABELS.get(override.doc_type or "", override.doc_type or ""),
                override.document_sha256 or "",
                override.reason,
                override.created_by,
                override.created_at.isoformat(),
                override.revoked_by or "",
                override.revoked_at.isoformat() if override.revoked_at else "",
            ]
        )
    # utf-8-sig: Excel needs the BOM to read Vietnamese (as inspection.export does).
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="dieu-chinh.csv"'},
    )
