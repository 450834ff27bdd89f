"""What every request of the dashboard shares: settings, the database, the blob store, the
rules profile, the templates, the cookie signer and the sign-in throttle."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from starlette.templating import Jinja2Templates

from inspection.settings import Settings
from inspection.web.sessions import Signer
from inspection.web.throttle import LoginThrottle
from rules import Profile
from store import Blobs

__all__ = ["Dashboard"]


@dataclass(frozen=True)
class Dashboard:
    settings: Settings
    engine: Engine
    blobs: Blobs
    profile: Profile
    templates: Jinja2Templates
    signer: Signer
    throttle: LoginThrottle
