"""The text of a legacy Word `.doc` (OLE2) file, with antiword and catdoc as a fallback.

Both tools run as subprocesses with a timeout, in a clean environment under `LANG=C` (as
from cron or systemd), so the output mapping is always passed explicitly: under `LANG=C`
without it no Vietnamese survives. catdoc runs only when antiword fails or finds no text,
with a character map that keeps U+00AD: catdoc's stock map drops the soft hyphen, which
is the letter "ư" of legacy TCVN3 text. The font names come from the file's font table.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractors.compound_file import MAGIC
from extractors.doc_fonts import doc_font_names

__all__ = ["DEFAULT_MAX_CHARS", "DEFAULT_TIMEOUT", "DocText", "read_doc"]

DEFAULT_TIMEOUT = 10.0  # seconds per tool; a .doc takes milliseconds
DEFAULT_MAX_CHARS = 4_000_000
_CATDOC_SPECIAL_CHARS = '001C "\\t"\n001E "\\n"\n'  # the stock map without "00AD """


@dataclass(frozen=True)
class DocText:
    text: str
    error: str | None  # a short English reason when no text could be read
    font_names: tuple[str, ...] = ()  # the document's font table, for the legacy repair


def _tool_command(tool: str, home: Path, document: Path) -> list[str] | None:
    executable = shutil.which(tool)
    if executable is None:
        return None
    if tool == "antiword":
        return [executable, "-m", "UTF-8.txt", "-w", "0", str(document)]
    (home / "maps").mkdir(exist_ok=True)
    (home / "maps" / "ascii.specchars").write_text(_CATDOC_SPECIAL_CHARS, encoding="ascii")
    (home / "maps" / "ascii.replchars").write_text("", encoding="ascii")
    (home / ".catdocrc").write_text(f"map_path={home / 'maps'}\n", encoding="utf-8")
    return [executable, "-w", "-d", "utf-8", "-s", "cp1252", str(document)]


def _run(tool: str, home: Path, document: Path, timeout: float) -> tuple[str, str | None]:
    """The tool's text output, or "" and the reason it gave none."""
    command = _tool_command(tool, home, document)
    if command is None:
        return "", f"{tool} is not installed"
    environment = {"LANG": "C", "LC_ALL": "C", "HOME": str(home)}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=timeout, env=environment, check=False
        )
    except subprocess.TimeoutExpired:
        return "", f"{tool} timed out after {timeout:g} s"
    text = done.stdout.decode("utf-8", errors="replace")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").replace(str(document), "file")
        reason = " ".join(reason.split())[:160]
        return "", f"{tool} failed (exit {done.returncode}: {reason})"
    if not text.strip():
        return "", f"{tool} found no text"
    return text, None


def _tidy(text: str, max_chars: int) -> str:
    """Stripped lines, at most one blank line in a row, at most `max_chars` characters."""
    lines: list[str] = []
    for line in text[:max_chars].splitlines():
        line = line.strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def read_doc(
    data: bytes, *, timeout: float = DEFAULT_TIMEOUT, max_chars: int = DEFAULT_MAX_CHARS
) -> DocText:
    """Return the text of a `.doc` file (one line per paragraph) and the names of its
    fonts, or an error."""
    if not data.startswith(MAGIC):
        return DocText("", "not an OLE2 (Word 97-2003) file")
    reasons: list[str] = []
    with tempfile.TemporaryDirectory(prefix="qmsaudit-doc-") as folder:
        home = Path(folder)
        document = home / "document.doc"
        document.write_bytes(data)
        for tool in ("antiword", "catdoc"):
            text, reason = _run(tool, home, document, timeout)
            if reason is None:
                return DocText(_tidy(text, max_chars), None, doc_font_names(data))
            reasons.append(reason)
    return DocText("", "unreadable DOC (" + "; ".join(reasons) + ")")
