"""The text of an RTF file, read by a small hand-written parser with Vietnamese in mind.

- `\\uN?` escapes give Unicode characters (the `\\ucN` fallback characters after them are
  skipped); `\\'hh` bytes are decoded in the code page of the current font's `\\fcharset`
  (163 is Vietnamese, Windows-1258), else in the document's `\\ansicpg`.
- Groups that hold no document text are skipped: the font, colour and style tables,
  document information, pictures, objects, field instructions and every `{\\*\\…}` group.
- Paragraphs, line breaks, table cells and rows end a line.
The names of the fonts that the text is set in are returned too: text typed in legacy
Vietnamese fonts (".VnTime", "VNI-Times") needs them for its repair.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

__all__ = ["DEFAULT_MAX_CHARS", "RtfText", "read_rtf"]

DEFAULT_MAX_CHARS = 4_000_000

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word, its parameter, its delimiter
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the current code page
    rb"|\\([^a-zA-Z])"  # a control symbol
    rb"|([{}])"
    rb"|[\r\n]+"  # line ends in the source mean nothing
    rb"|([^\\{}\r\n]+)",  # plain text
    re.DOTALL,
)
_SKIPPED_DESTINATIONS = frozenset(
    [
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "objdata",
        "themedata",
        "colorschememapping",
        "latentstyles",
        "datastore",
        "listtable",
        "listoverridetable",
        "revtbl",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "filetbl",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "nonshppict",
        "shppict",
        "annotation",
        "atnid",
        "atnauthor",
        "docvar",
        "userprops",
        "template",
        "xe",
        "tc",
        "falt",
        "panose",
        "pntxta",
        "pntxtb",
        "mmathPr",
        "pgdsctbl",
        "footnote",
    ]
)
_BREAKS = frozenset({"par", "line", "sect", "page", "cell", "nestcell"})
_ROW_ENDS = frozenset({"row", "nestrow"})
_SYMBOLS = {
    "tab": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
_CONTROL_SYMBOLS = {
    "\n": "\n",
    "\r": "\n",
    "~": "\u00a0",
    "_": "\u2011",
    "-": "",
    "{": "{",
    "}": "}",
    "\\": "\\",
}
_CHARSET_CODE_PAGES = {
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}
_SPACES = re.compile(" {2,}")
_CHARACTER_SETS = {"ansi": "cp1252", "mac": "mac_roman", "pc": "cp437", "pca": "cp850"}


@dataclass(frozen=True)
class RtfText:
    text: str
    error: str | None  # a short English reason when no text could be read
    font_names: tuple[str, ...] = ()  # the fonts the text is set in, in order of first use


@dataclass(frozen=True)
class _Group:
    destination: str = "text"  # "text", "fonttbl" or "skip"
    unicode_fallback: int = 1  # \ucN: characters that stand in for each \uN
    font: int | None = None


@dataclass
class _Fonts:
    names: dict[int, str] = field(default_factory=dict)
    charsets: dict[int, int] = field(default_factory=dict)
    entry: int | None = None  # the font table entry being read

    def code_page(self, font: int | None, default: str) -> str:
        if font is None:
            return default
        return _CHARSET_CODE_PAGES.get(self.charsets.get(font, 0), default)


class _Reader:
    """One pass over the tokens of an RTF document; `read` returns the text."""

    def __init__(self, data: bytes, max_chars: int) -> None:
        self.data, self.max_chars = data, max_chars
        self.group = _Group()
        self.stack: list[_Group] = []
        self.fonts = _Fonts()
        self.code_page = "cp1252"
        self.out: list[str] = []
        self.size = 0
        self.pending = bytearray()  # \'hh bytes not yet decoded (a DBCS pair needs both)
        self.fallback_left = 0  # fallback characters still to skip after a \uN
        self.star = False  # the last token was \*
        self.used_fonts: dict[int, None] = {}

    def emit(self, text: str) -> None:
        if self.group.destination == "fonttbl":
            self.font_name(text)
        elif self.group.destination == "text" and text:
            if self.group.font is not None and not text.isspace():
                self.used_fonts.setdefault(self.group.font, None)
            self.out.append(text)
            self.size += len(text)

    def font_name(self, text: str) -> None:
        if self.fonts.entry is not None:
            name = self.fonts.names.get(self.fonts.entry, "") + text
            self.fonts.names[self.fonts.entry] = name

    def flush_bytes(self) -> None:
        if self.pending:
            code_page = self.fonts.code_page(self.group.font, self.code_page)
            self.emit(bytes(self.pending).decode(code_page, errors="replace"))
            self.pending.clear()

    def read(self) -> str:
        position = 0
        while position < len(self.data) and self.size < self.max_chars:
            match = _TOKEN.match(self.data, position)
            if match is None:  # a lone backslash at the very end
                break
            position = self.token(match)
        self.flush_bytes()
        return "".join(self.out)

    def token(self, match: re.Match[bytes]) -> int:
        word, parameter, hex_byte, symbol, brace, text = match.groups()
        end = match.end()
        if hex_byte is not None:
            if not self.skip_fallback(1):
                self.pending.append(int(hex_byte, 16))
            return end
        self.flush_bytes()
        if word is not None:
            return self.control_word(word.decode("ascii"), parameter, end)
        if brace is not None:
            self.fallback_left = 0
            self.brace(brace)
        elif symbol is not None:
            self.control_symbol(symbol.decode("latin-1"))
        elif text is not None:
            self.plain_text(text)
        return end

    def skip_fallback(self, units: int) -> bool:
        """Whether a token of `units` characters is (part of) a \\uN fallback to skip."""
        if self.fallback_left <= 0:
            return False
        self.fallback_left -= units
        return True

    def brace(self, brace: bytes) -> None:
        self.star = False
        if brace == b"{":
            self.stack.append(self.group)
        elif self.stack:
            self.group = self.stack.pop()

    def plain_text(self, text: bytes) -> None:
        if self.fallback_left > 0:
            skipped = min(self.fallback_left, len(text))
            self.fallback_left -= skipped
            text = text[skipped:]
        if self.group.destination == "text" and self.group.font is not None:
            code_page = self.fonts.code_page(self.group.font, self.code_page)
        else:
            code_page = self.code_page
        self.emit(text.decode(code_page, errors="replace"))

    def control_symbol(self, symbol: str) -> None:
        if self.skip_fallback(1):
            return
        if symbol == "*":
            self.star = True
            return
        self.emit(_CONTROL_SYMBOLS.get(symbol, ""))

    def control_word(self, word: str, parameter: bytes | None, end: int) -> int:
        number = int(parameter) if parameter is not None else None
        if word == "bin":  # binary data: skip it whatever the state
            return end + max(number or 0, 0)
        if self.skip_fallback(1):
            return end
        starred, self.star = self.star, False
        if self.group.destination == "skip":
            return end
        if starred or word in _SKIPPED_DESTINATIONS:
            destination = "fonttbl" if word == "fonttbl" else "skip"
            self.group = replace(self.group, destination=destination)
        elif self.group.destination == "fonttbl":
            self.font_table_word(word, number)
        else:
            self.text_word(word, number)
        return end

    def font_table_word(self, word: str, number: int | None) -> None:
        if word == "f" and number is not None:
            self.fonts.entry = number
        elif word == "fcharset" and number is not None and self.fonts.entry is not None:
            self.fonts.charsets[self.fonts.entry] = number

    def text_word(self, word: str, number: int | None) -> None:
        if word == "u" and number is not None:
            self.emit(chr(number % 65536))  # negative for code points above 32767
            self.fallback_left = self.group.unicode_fallback
        elif word == "uc" and number is not None:
            self.group = replace(self.group, unicode_fallback=max(number, 0))
        elif word == "f" and number is not None:
            self.group = replace(self.group, font=number)
        elif word == "ansicpg" and number is not None:
            self.code_page = _code_page(number, self.code_page)
        elif word in _CHARACTER_SETS:
            self.code_page = _CHARACTER_SETS[word]
        elif word in _ROW_ENDS:
            if self.out and not self.out[-1].endswith("\n"):
                self.emit("\n")  # the row's last cell has ended the line already
        elif word in _BREAKS:
            self.emit("\n")
        elif word in _SYMBOLS:
            self.emit(_SYMBOLS[word])

    def font_names(self) -> tuple[str, ...]:
        names = (self.fonts.names.get(font, "").strip(" ;") for font in self.used_fonts)
        return tuple(name for name in names if name)


def _code_page(number: int, current: str) -> str:
    name = f"cp{number}"
    try:
        "".encode(name)
    except LookupError:
        return current
    return name


def _tidy(text: str) -> str:
    """Surrogate pairs joined, NFC, stripped lines with single spaces, at most one blank
    line in a row."""
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", errors="replace")
    lines: list[str] = []
    for line in unicodedata.normalize("NFC", text).split("\n"):
        line = _SPACES.sub(" ", line.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def read_rtf(data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS) -> RtfText:
    """Return the text of an RTF document, or an error when `data` is not RTF."""
    if not data.lstrip().startswith(b"{\\rtf"):
        return RtfText("", "not an RTF file")
    reader = _Reader(data, max_chars)
    text = _tidy(reader.read())[:max_chars]
    return RtfText(text, None, reader.font_names())
