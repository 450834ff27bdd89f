"""One router per area of the dashboard, in the order the app includes them."""

from fastapi import APIRouter

from inspection.web.routes import (
    agencies,
    audit,
    auth,
    corrections,
    downloads,
    overview,
    registry,
    runs,
    users,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    overview.router,
    agencies.router,
    corrections.router,
    runs.router,
    downloads.router,
    users.router,
    registry.router,
    audit.router,
]

__all__ = ["ROUTERS"]
