"""Answering with a page: render a template (with the message left by the last redirect),
or redirect after a form with a message to show on the next page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from inspection.web.deps import dashboard

__all__ = ["FLASH_COOKIE", "BadRequest", "NotFound", "PageError", "redirect", "render", "sentence"]


class PageError(Exception):
    """A request the page cannot answer; `message` (Vietnamese) says why, on an error page."""

    status = 400
    title = "Yêu cầu không hợp lệ"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PageError):
    status = 404
    title = "Không tìm thấy"


class BadRequest(PageError):
    pass


FLASH_COOKIE = "qmsaudit_flash"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> Response:
    board = dashboard(request)
    flash = board.signer.flash(request.cookies.get(FLASH_COOKIE))
    response = board.templates.TemplateResponse(
        request,
        template,
        {"flash": flash, **(context or {})},
        status_code=status,
    )
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path="/", httponly=True, samesite="lax")
    return response


def redirect(
    request: Request, url: str, message: str | None = None, *, error: bool = False
) -> Response:
    """303 to `url` (a path on this site); `message` shows once on the page it leads to."""
    response = RedirectResponse(url, status_code=303)
    if message:
        response.set_cookie(
            FLASH_COOKIE,
            dashboard(request).signer.flash_cookie(message, error=error),
            max_age=300,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


def sentence(message: str) -> str:
    """A service's message ("cần ghi rõ lý do …") as a sentence to show on its own."""
    message = message.strip()
    if not message:
        return message
    return message[0].upper() + message[1:] + ("" if message.endswith((".", "!", "?")) else ".")
