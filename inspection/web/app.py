"""`create_app(settings)`: the staff dashboard as a FastAPI application.

Server-rendered Vietnamese pages, one router per area (`inspection.web.routes`). Every page
but the sign-in page and static files needs a signed-in user; every state-changing form
carries a CSRF token (`deps.csrf_guard`, for the whole app); every response carries a
restrictive Content-Security-Policy (no inline script, nothing from other origins), so the
pages work offline and a value that slipped past escaping could not run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inspection.settings import Settings
from inspection.web.dashboard import Dashboard
from inspection.web.deps import CsrfRejected, Forbidden, LoginRequired, csrf_guard
from inspection.web.pages import PageError, render
from inspection.web.routes import ROUTERS
from inspection.web.sessions import Signer, signing_key
from inspection.web.templating import make_templates
from inspection.web.throttle import LoginThrottle
from store import make_engine, prepare

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Headers every answer carries, unless the route set its own (stored copies do)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # Pages hold what only signed-in staff may see: never stored by a browser or proxy.
        # Static files may be kept, asked again (ETag) before each use.
        cache = b"no-cache" if scope["path"].startswith("/static/") else b"no-store"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cache-control", cache),
                ):
                    if name not in present:
                        headers.append((name, value))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings, *, throttle: LoginThrottle | None = None) -> FastAPI:
    """The dashboard over `settings`' database and data folder (migrated if new)."""
    engine = make_engine(settings.effective_database_url)
    prepare(engine)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="qmsaudit",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_guard)],
        lifespan=lifespan,
    )
    app.state.dashboard = Dashboard(
        settings=settings,
        engine=engine,
        blobs=settings.blobs(engine),
        profile=settings.rules_profile(),
        templates=make_templates(settings.timezone),
        signer=Signer(signing_key(settings.data_dir)),
        throttle=throttle or LoginThrottle(),
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _handle_errors(app)
    app.add_middleware(SecurityHeaders)
    return app


GENERIC_ERRORS = {
    404: ("Không tìm thấy", "Trang hoặc dữ liệu này không có."),
    405: ("Không hỗ trợ", "Trang này không nhận yêu cầu này."),
    413: ("Tệp quá lớn", "Dữ liệu gửi lên lớn quá mức cho phép."),
}


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET" or target == "/":
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _: Forbidden) -> Response:
        return _error_page(
            request,
            403,
            "Không có quyền",
            "Vai trò của tài khoản này không được làm việc này. Hãy liên hệ quản trị viên.",
        )

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, _: CsrfRejected) -> Response:
        return _error_page(
            request,
            403,
            "Yêu cầu bị từ chối",
            "Biểu mẫu không hợp lệ hoặc đã hết hạn, hoặc được gửi từ một trang khác. "
            "Hãy tải lại trang rồi thử lại.",
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, _: RequestValidationError) -> Response:
        return _error_page(
            request, 400, "Yêu cầu không hợp lệ", "Dữ liệu gửi lên thiếu hoặc sai định dạng."
        )

    @app.exception_handler(PageError)
    async def page_error(request: Request, error: PageError) -> Response:
        return _error_page(request, error.status, error.title, error.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        # Raised by Starlette itself (unknown path, wrong method, a malformed form): its
        # English detail is not for staff.
        title, message = GENERIC_ERRORS.get(
            error.status_code, ("Yêu cầu không hợp lệ", "Không xử lý được yêu cầu này.")
        )
        return _error_page(request, error.status_code, title, message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        logger.exception("unexpected error on %s", request.url.path, exc_info=error)
        return _error_page(
            request,
            500,
            "Lỗi hệ thống",
            "Đã có lỗi không mong muốn; lỗi đã được ghi lại. Hãy thử lại hoặc báo quản trị viên.",
        )
