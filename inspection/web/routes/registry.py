"""The agency list (admins): import a CSV or XLSX file from the page, with the same row
errors as `qmsaudit agencies import`; good rows are kept whatever the bad ones."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from sqlmodel import col, func, select
from starlette.responses import Response

from inspection.registry import RegistryFileError, import_registry
from inspection.web.deps import DbSession, client_address, require
from inspection.web.pages import render, sentence
from store import Agency, AuditEntry, User

router = APIRouter()

Admin = Annotated[User, Depends(require("manage_agencies"))]
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls")
MAX_BYTES = 20 * 1024 * 1024


def _page(
    request: Request, session: DbSession, *, result: object = None, error: str | None = None
) -> Response:
    active = session.exec(
        select(func.count()).select_from(Agency).where(col(Agency.retired_at).is_(None))
    ).one()
    return render(
        request,
        "registry.html",
        {"agencies": active, "result": result, "error": error},
        status=400 if error else 200,
    )


@router.get("/registry")
def registry(request: Request, session: DbSession, admin: Admin) -> Response:
    return _page(request, session)


@router.post("/registry")
def upload(
    request: Request, session: DbSession, admin: Admin, file: Annotated[UploadFile, File()]
) -> Response:
    name = PurePath(file.filename or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        return _page(request, session, error="Chỉ nhận tệp CSV, XLSX hoặc XLS.")
    content = file.file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return _page(request, session, error="Tệp lớn quá 20 MB.")
    with tempfile.TemporaryDirectory(prefix="qmsaudit-registry-") as folder:
        path = Path(folder) / f"danh-sach{suffix}"
        path.write_bytes(content)
        try:
            report = import_registry(session, path)
        except RegistryFileError as error:
            session.rollback()
            return _page(request, session, error=sentence(str(error)))
    session.add(
        AuditEntry(
            username=admin.username,
            action="registry_import",
            target=name[:200],
            address=client_address(request),
            detail={
                "created": report.created,
                "updated": report.updated,
                "errors": len(report.errors),
            },
        )
    )
    session.commit()
    return _page(request, session, result=report)
