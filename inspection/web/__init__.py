"""The staff dashboard: FastAPI + Jinja2, server-rendered, in Vietnamese (`create_app`)."""

from inspection.web.app import create_app

__all__ = ["create_app"]
