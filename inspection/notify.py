"""The digest e-mail after a scheduled run: what changed, and the count line (Vietnamese)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine

from inspection.history import Change, changes
from inspection.labels import CHANGE_LABELS, STATUS_LABELS
from inspection.settings import Settings
from inspection.status import published_line
from store import open_session

__all__ = ["digest", "send_digest"]


def _line(change: Change) -> str:
    label = CHANGE_LABELS.get(change.kind, change.kind)
    if change.kind == "status":
        before = STATUS_LABELS.get(change.before, change.before or "—")
        return f"- {change.agency}: {label} từ “{before}” sang “{STATUS_LABELS.get(change.after)}”"
    detail = f": {change.detail}" if change.detail else ""
    return f"- {change.agency}: {label} ({change.after or change.before}){detail}"


def digest(engine: Engine, run_id: int, province: str | None = None) -> tuple[str, str]:
    """The subject and body of the digest of one complete run."""
    with open_session(engine) as session:
        found = changes(session, run_id=run_id)
        count = published_line(session)
    where = f" {province}" if province else ""
    subject = f"[qmsaudit] Kết quả kiểm tra HTQLCL{where}, lượt #{run_id}: {count}"
    lines = [f"Lượt kiểm tra định kỳ #{run_id} đã hoàn thành.", "", count, ""]
    if found:
        lines += [f"Thay đổi so với lượt trước ({len(found)}):", *map(_line, found)]
    else:
        lines.append("Không có thay đổi so với lượt trước.")
    return subject, "\n".join(lines) + "\n"


def send_digest(settings: Settings, engine: Engine, run_id: int) -> None:
    """Send the digest to `QMSAUDIT_NOTIFY` through `QMSAUDIT_SMTP_URL`
    (smtp://[user:password@]host[:port], or smtps:// for TLS from the start)."""
    assert settings.smtp_url and settings.notify
    subject, body = digest(engine, run_id, settings.province)
    url = urlsplit(settings.smtp_url)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.mail_from
    message["To"] = ", ".join(address.strip() for address in settings.notify.split(","))
    message.set_content(body)
    client = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with client(url.hostname or "localhost", url.port or 0, timeout=30) as smtp:
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(message)
