"""What real CMS pages get anew on every fetch, and ASP.NET's signed page state.

A page template carries marks (`mark("counter")`, `mark("viewstate", "tab=38;page=2")`);
the host's `Volatile` stamp replaces them at every answer, after the render cache: a visitor
counter, today's date with the clock's time, a fresh __VIEWSTATE that still carries its
state, a SharePoint __REQUESTDIGEST, a session token. `read_state` checks a posted
__VIEWSTATE the way ASP.NET checks its MAC: the state comes back only if it was issued here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import re
import threading
from dataclasses import replace
from datetime import date, datetime

from sandbox.model import Resource

_MARK = re.compile("⟦([a-z_]+):([^⟧]*)⟧".encode())
VIEWSTATE_PREFIX = "/wEPDwUK"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def mark(name: str, state: str = "") -> str:
    """A place in a page template that the stamp fills anew at every fetch."""
    return f"⟦{name}:{state}⟧"


def sign_state(secret: bytes, state: str, serial: int) -> str:
    """An ASP.NET-looking __VIEWSTATE: the state and a serial, with a MAC over both."""
    payload = f"{state}|{serial}".encode()
    digest = hmac.new(secret, payload, hashlib.sha1).digest()
    return VIEWSTATE_PREFIX + base64.b64encode(payload + digest).decode("ascii")


def read_state(secret: bytes, value: str) -> str | None:
    """The state a __VIEWSTATE issued with `secret` carries; None if it was not (MAC fails)."""
    if not value.startswith(VIEWSTATE_PREFIX):
        return None
    try:
        raw = base64.b64decode(value[len(VIEWSTATE_PREFIX) :], validate=True)
    except ValueError:
        return None
    payload, digest = raw[:-20], raw[-20:]
    expected = hmac.new(secret, payload, hashlib.sha1).digest()
    if len(raw) <= 20 or not hmac.compare_digest(digest, expected):
        return None
    return payload.decode("utf-8", errors="replace").rsplit("|", 1)[0]


class Volatile:
    """The stamp of one host: fills the marks of its HTML answers, differently each time."""

    def __init__(self, *, secret: bytes, today: date, visitors: int) -> None:
        self.secret = secret
        self.today = today
        self.visitors = visitors  # the counter's value before the first fetch
        self._serials = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self, resource: Resource) -> Resource:
        if not resource.content_type.startswith("text/html") or not _MARK.search(resource.body):
            return resource
        with self._lock:
            serial = next(self._serials)
        clock = datetime.now()

        def fill(match: re.Match[bytes]) -> bytes:
            name, state = match.group(1).decode(), match.group(2).decode("utf-8")
            return self._value(name, state, serial, clock).encode("utf-8")

        return replace(resource, body=_MARK.sub(fill, resource.body))

    def _value(self, name: str, state: str, serial: int, clock: datetime) -> str:
        if name == "counter":
            return f"{self.visitors + serial:,}".replace(",", ".")
        if name == "online":
            return str(17 + serial % 23)
        if name == "now":
            weekday = WEEKDAYS[self.today.weekday()]
            return f"{weekday}, {self.today:%d/%m/%Y} {clock:%H:%M:%S}"
        if name == "viewstate":
            return sign_state(self.secret, state, serial)
        if name == "digest":
            token = hashlib.sha1(self.secret + str(serial).encode()).hexdigest().upper()
            return f"0x{token},{self.today:%d %b %Y} {clock:%H:%M:%S} -0000"
        if name == "token":
            return hashlib.md5(self.secret + str(serial).encode()).hexdigest()
        raise ValueError(f"unknown volatile mark {name!r}")
