"""The audit log (admins): every state-changing action, newest first, paged."""

from __future__ import annotations

from math import ceil
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlmodel import col, func, select
from starlette.responses import Response

from inspection.web.deps import DbSession, require
from inspection.web.pages import render
from store import AuditEntry, User

router = APIRouter()

PER_PAGE = 100


@router.get("/audit")
def audit_log(
    request: Request,
    session: DbSession,
    admin: Annotated[User, Depends(require("audit_log"))],
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    total = session.exec(select(func.count()).select_from(AuditEntry)).one()
    pages = max(1, ceil(total / PER_PAGE))
    page = min(page, pages)
    entries = session.exec(
        select(AuditEntry)
        .order_by(col(AuditEntry.id).desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    return render(
        request,
        "audit.html",
        {"entries": entries, "page": page, "pages": pages, "total": total},
    )
