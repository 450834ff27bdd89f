"""The agencies list (`/agencies`), an agency's page, and its stored copies ("bản lưu")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from inspection.history import agency_history
from inspection.labels import DOC_TYPE_LABELS, LEVEL_LABELS
from inspection.official_report.reasons import reason
from inspection.runs import running_run
from inspection.web.copies import served_headers, stored_copy
from inspection.web.deps import DbSession, dashboard, require
from inspection.web.labels import STATUS_CHOICES, VERSION_LABELS
from inspection.web.pages import NotFound, render
from inspection.web.queries.agencies import NO_VERSION, SORTS, AgencyFilter, agency_page
from inspection.web.queries.agency import agency_by_code, agency_view
from store import MissingBlobError, User

router = APIRouter()

SORT_LABELS = {
    "code": "Mã",
    "name": "Tên",
    "status": "Trạng thái",
    "level": "Cấp",
    "findings": "Số phát hiện",
    "checked": "Ngày đánh giá",
}


@router.get("/agencies")
def agencies(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(require("read"))],
    q: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=32)] = "",
    level: Annotated[str, Query(max_length=32)] = "",
    version: Annotated[str, Query(max_length=32)] = "",
    sort: Annotated[str, Query(max_length=32)] = "code",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    wanted = AgencyFilter(status=status, level=level, version=version, text=q, sort=sort, page=page)
    found = agency_page(session, wanted)
    return render(
        request,
        "agencies.html",
        {
            "found": found,
            "wanted": wanted,
            "status_choices": STATUS_CHOICES,
            "level_choices": list(LEVEL_LABELS.items()),
            "version_choices": [*VERSION_LABELS.items(), (NO_VERSION, "Không xác định")],
            "sort_choices": [(key, SORT_LABELS[key]) for key in SORTS],
        },
    )


@router.get("/agencies/{code}")
def agency(
    request: Request,
    session: DbSession,
    code: str,
    user: Annotated[User, Depends(require("read"))],
) -> Response:
    found = agency_by_code(session, code)
    if found is None:
        raise NotFound(f"Không có cơ quan mã {code}.")
    view = agency_view(session, found)
    return render(
        request,
        "agency.html",
        {
            "view": view,
            "row": view.row,
            "reason": reason(view.row),
            "history": agency_history(session, found),
            "running": running_run(session),
            "doc_types": list(DOC_TYPE_LABELS.items()),
        },
    )


@router.get("/agencies/{code}/stored/{sha256}")
def stored(
    request: Request,
    session: DbSession,
    code: str,
    sha256: str,
    user: Annotated[User, Depends(require("read"))],
) -> Response:
    found = agency_by_code(session, code)
    copy = stored_copy(session, found.id, sha256) if found and found.id else None
    if copy is None:
        raise NotFound("Không có bản lưu này.")
    try:  # whichever the blob store: the folder, or the database
        data = dashboard(request).blobs.get(sha256)
    except MissingBlobError:  # pruned, or lost from the store
        raise NotFound("Không có bản lưu này.") from None
    media_type, headers = served_headers(copy, data[:4096])
    return Response(data, media_type=media_type, headers=headers)
