"""The value of one registry cell as staff write it: a code, a level, a website, a date.

Each parser takes the cell's text and returns the value, or raises ValueError with a
Vietnamese message that says what is wrong and how to write it (the caller adds where).
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from extractors.vietnamese import fold, normalize

__all__ = [
    "LEVELS",
    "LEVEL_NAMES",
    "accepted_levels",
    "fold_key",
    "level_from_name",
    "lookup",
    "parse_code",
    "parse_date",
    "parse_level",
    "parse_text",
    "parse_website",
]

LEVELS = ("province", "department", "branch", "district", "commune")
LEVEL_NAMES = {  # how the levels read in Vietnamese
    "province": "cấp tỉnh",
    "department": "sở, ban, ngành",
    "branch": "chi cục",
    "district": "cấp huyện",
    "commune": "cấp xã",
}
# What staff write in the level column, by level; matched folded, after dropping a leading
# "UBND"/"Ủy ban nhân dân", "cấp", "khối" or "nhóm". The first words are the ones suggested.
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("UBND tỉnh", "tỉnh", "thành phố trực thuộc trung ương", "province"),
    "department": (
        "Sở",
        "Ban",
        "Văn phòng UBND tỉnh",
        "Thanh tra tỉnh",
        "ngành",
        "sở ngành",
        "ban ngành",
        "sở, ban, ngành",
        "cơ quan chuyên môn",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "văn phòng",
        "thanh tra",
        "department",
    ),
    "branch": ("Chi cục", "chi cục thuộc sở", "branch"),
    "district": ("UBND huyện", "quận", "thị xã", "thành phố thuộc tỉnh", "huyện", "district"),
    "commune": ("UBND xã", "phường", "thị trấn", "đặc khu", "xã", "commune"),
}
# Every word above, to its level (the official report's --level accepts them too).
LEVEL_ALIASES: dict[str, str] = {
    word: level for level, words in _LEVEL_WORDS.items() for word in words
}
_SUGGESTED = {  # the accepted values listed in the message for an unknown level
    "province": "UBND tỉnh",
    "department": "Sở, Ban, Văn phòng UBND tỉnh, Thanh tra tỉnh",
    "branch": "Chi cục",
    "district": "UBND huyện, quận, thị xã, thành phố",
    "commune": "UBND xã, phường, thị trấn, đặc khu",
}
# "Thành phố" is a province (the centrally-run cities) or, before July 2025, a district.
_CITY = "thanh pho"
_CENTRALLY_RUN_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
# The start of an agency's name that says its level, when the level cell is empty.
_NAME_STARTS: dict[str, tuple[str, ...]] = {
    "province": ("tinh",),
    "department": (
        "so",
        "ban",
        "van phong ubnd tinh",
        "van phong uy ban nhan dan tinh",
        "thanh tra tinh",
    ),
    "branch": ("chi cuc",),
    "district": ("huyen", "quan", "thi xa"),
    "commune": ("xa", "phuong", "thi tran", "dac khu"),
}
_LEADING_WORDS = ("uy ban nhan dan", "ubnd", "khoi", "cap", "nhom")
_COMMITTEE = ("uy ban nhan dan", "ubnd")
_PARTS = re.compile(r"[/,;+&]|\s(?:và|hoặc)\s", re.IGNORECASE)


def fold_key(text: str) -> str:
    """`text` folded for matching: no diacritics, lower case, words of letters and digits.
    A "?" is kept: it stands for a letter lost when the file was saved in cp1252."""
    return " ".join(re.sub(r"[^a-z0-9?]+", " ", fold(normalize(text)).lower()).split())


def lookup(key: str, table: dict[str, str]) -> str | None:
    """`table[key]`; a key with "?" matches every entry with a letter there, and is found
    when those entries agree ("S?" is "so", "ph??ng" is "phuong")."""
    if key in table or "?" not in key:
        return table.get(key)
    pattern = re.compile(re.escape(key).replace(r"\?", "[a-z]"))
    found = {value for entry, value in table.items() if pattern.fullmatch(entry)}
    return found.pop() if len(found) == 1 else None


def _level_lookup() -> dict[str, str]:
    return {fold_key(word): level for level, words in _LEVEL_WORDS.items() for word in words}


_LEVEL_LOOKUP = _level_lookup()


def accepted_levels() -> str:
    """The level values staff may write, grouped by level, as a Vietnamese phrase."""
    return "; ".join(f"{LEVEL_NAMES[level]}: {_SUGGESTED[level]}" for level in LEVELS)


def _drop_leading(key: str, words: tuple[str, ...]) -> str:
    """`key` without any of `words` in front ("ubnd cap xa" -> "xa")."""
    while leading := next((word for word in words if _starts(key, (word,))), None):
        key = key[len(leading) :].strip()
    return key


def _city_level(name: str) -> str:
    folded = f" {fold_key(name)} "
    central = any(f" {city} " in folded for city in _CENTRALLY_RUN_CITIES)
    return "province" if central or " truc thuoc trung uong " in folded else "district"


def _one_level(key: str, name: str) -> str | None:
    key = _drop_leading(key, _LEADING_WORDS)
    if key == _CITY:
        return _city_level(name)
    return lookup(key, _LEVEL_LOOKUP)


def parse_level(text: str, *, name: str = "") -> str:
    """The level a cell names ("Sở", "UBND xã", "Xã/Phường", "department"…).

    "UBND thành phố" is read with the agency's `name`: a centrally-run city is a province.
    """
    level = _one_level(fold_key(text), name)
    if level is None:  # "Xã, phường", "Huyện/Thị xã": every part names the same level
        parts = {
            _one_level(fold_key(part), name)
            for part in _PARTS.split(normalize(text))
            if fold_key(part)
        }
        level = parts.pop() if len(parts) == 1 else None
    if level is None:
        raise ValueError(f"cấp “{text.strip()}” không hợp lệ; dùng một trong: {accepted_levels()}")
    return level


def level_from_name(name: str) -> str | None:
    """The level an agency's name begins with ("Sở Tư pháp", "UBND xã An Bình"), if any."""
    key = fold_key(name)
    if _starts(key, _COMMITTEE):
        key = _drop_leading(key, _COMMITTEE)
        if _starts(key, ("tinh",)):
            return "province"
    if _starts(key, (_CITY,)):
        return _city_level(name)
    return next((level for level, starts in _NAME_STARTS.items() if _starts(key, starts)), None)


def _starts(key: str, words: tuple[str, ...]) -> bool:
    return any(key == word or key.startswith(word + " ") for word in words)


def parse_text(text: str) -> str:
    """A name or other free text on one line: NFC, one tone placement, single spaces."""
    return " ".join(normalize(text).split())


_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
MAX_CODE_LENGTH = 64


def parse_code(text: str) -> str:
    """An agency code, always text; '' when the cell is empty."""
    code = parse_text(text)
    if code.startswith("'"):  # Excel's "keep as text" mark, typed into a CSV
        code = code[1:].strip()
    if _SCIENTIFIC.match(code):
        raise ValueError(
            f"mã “{code}” đã bị Excel đổi thành số dạng lũy thừa; định dạng cột mã là "
            "Văn bản (Text) rồi gõ lại mã"
        )
    if len(code) > MAX_CODE_LENGTH:
        raise ValueError(f"mã dài quá {MAX_CODE_LENGTH} ký tự")
    return code


_SCHEME = re.compile(r"^(https?)(?::[/\\]*|[/\\]{2,})", re.IGNORECASE)  # also "http:/", "http//"
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_BLANKS = "\u00a0\u200b\u200c\u200d\u2060\ufeff \t\r\n"


def _host(raw: str, shown: str, *, written_as_url: bool) -> str:
    """`raw` as an ASCII host name (IDNA for Vietnamese names), or ValueError. A name
    without a dot ("intranet") is taken only from an address with a scheme or a port."""
    try:
        return str(ipaddress.ip_address(raw.strip("[]")))
    except ValueError:
        pass
    try:
        host = raw.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = ""
    labels = host.split(".")
    if all(_LABEL.match(label) for label in labels) and (
        (len(labels) >= 2 and _TLD.match(labels[-1]))
        or (len(labels) == 1 and (written_as_url or host == "localhost") and raw.isascii())
    ):
        return host
    raise ValueError(
        f"“{shown}” không phải địa chỉ trang thông tin điện tử (tên miền không hợp lệ; "
        "ví dụ đúng: skhcn.tinh.gov.vn)"
    )


def parse_website(text: str) -> str | None:
    """An absolute http(s) URL from what staff write ("skhcn.tinh.gov.vn", "host:8080/iso",
    " HTTPS://WWW.x.vn "); None when the cell is empty. The host is lower-cased, a default
    port dropped, an empty path made "/", and the fragment dropped."""
    shown = text.strip(_BLANKS)
    if not shown:
        return None
    if any(ch.isspace() for ch in shown):
        raise ValueError(f"“{shown}” có khoảng trắng ở giữa; ghi một địa chỉ duy nhất")
    scheme_match = _SCHEME.match(shown)
    if scheme_match:
        scheme, rest = scheme_match.group(1).lower(), shown[scheme_match.end() :]
    elif re.match(r"^[a-z][a-z0-9+.-]*://", shown, re.IGNORECASE) or shown.lower().startswith(
        "mailto:"
    ):
        raise ValueError(f"“{shown}” không phải địa chỉ http hoặc https")
    else:
        scheme, rest = "http", shown.lstrip("/")
    try:
        parts = urlsplit(f"{scheme}://{rest}")
        port = parts.port
    except ValueError as error:
        raise ValueError(f"“{shown}” không phải địa chỉ trang web hợp lệ (cổng sai)") from error
    if parts.username is not None:
        raise ValueError(f"“{shown}” là địa chỉ thư điện tử, không phải trang thông tin điện tử")
    if not parts.hostname:
        raise ValueError(f"“{shown}” không phải địa chỉ trang thông tin điện tử")
    host = _host(parts.hostname, shown, written_as_url=bool(scheme_match) or port is not None)
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    return str(urlunsplit((scheme, netloc, parts.path or "/", parts.query, "")))


_DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def parse_date(text: str) -> date | None:
    """A date written YYYY-MM-DD or DD/MM/YYYY (also with - or .); None when empty."""
    value = text.strip()
    if not value:
        return None
    for pattern in _DATE_PATTERNS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ngày “{value}” không hợp lệ; ghi theo dạng DD/MM/YYYY hoặc YYYY-MM-DD")
