"""The Jinja2 environment: autoescaped templates, and filters that turn codes and times
into what staff read (Vietnamese labels, local times)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import jinja2
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from inspection.labels import (
    CHANGE_LABELS,
    DOC_TYPE_LABELS,
    LEVEL_LABELS,
    RUN_KIND_LABELS,
    RUN_STATE_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    TRIGGER_LABELS,
)
from inspection.users import ROLE_LABELS, permits
from inspection.web.labels import (
    ACTION_LABELS,
    FAILURE_LABELS,
    PHASE_LABELS,
    audit_detail,
    version_label,
)

__all__ = ["make_templates"]

TEMPLATES = Path(__file__).parent / "templates"


def _moment(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # stored UTC


def _day(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def _external(url: str | None) -> str:
    """A link to an agency's site only if it is http(s): never javascript: or data:."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return "#"


def _label(labels: dict[Any, str]) -> Any:
    def label(value: Any) -> str:
        return labels.get(value, "—" if value is None else str(value))

    return label


def _query(request: Request, **changes: Any) -> str:
    """The current page's query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: v for k, v in changes.items() if v is not None and v != ""})
    return "?" + urlencode(params) if params else "?"


def _context(request: Request) -> dict[str, Any]:
    user = getattr(request.state, "user", None)
    role = user.role if user is not None else None
    return {
        "user": user,
        "csrf_token": getattr(request.state, "csrf", ""),
        "can": lambda action: permits(role, action),
        "query": lambda **changes: _query(request, **changes),
    }


def make_templates(timezone: str) -> Jinja2Templates:
    zone = ZoneInfo(timezone)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value, in every template
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def when(value: datetime | str | None) -> str:
        moment = _moment(value)
        return moment.astimezone(zone).strftime("%H:%M %d/%m/%Y") if moment else "—"

    env.filters.update(
        when=when,
        day=_day,
        status_label=_label(STATUS_LABELS),
        level_label=_label(LEVEL_LABELS),
        severity_label=_label(SEVERITY_LABELS),
        doc_type_label=_label(DOC_TYPE_LABELS),
        run_state_label=_label(RUN_STATE_LABELS),
        trigger_label=_label(TRIGGER_LABELS),
        run_kind_label=_label(RUN_KIND_LABELS),
        change_label=_label(CHANGE_LABELS),
        role_label=_label(ROLE_LABELS),
        phase_label=_label(PHASE_LABELS),
        failure_label=_label(FAILURE_LABELS),
        action_label=_label(ACTION_LABELS),
        version_label=version_label,
        audit_detail=audit_detail,
        external=_external,
        number=lambda n: f"{n:,}".replace(",", "."),
    )
    return Jinja2Templates(env=env, context_processors=[_context])
