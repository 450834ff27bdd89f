"""Who heads an agency and which symbol its decisions carry, told from its name (and its
registry code): what DOC007 and DOC008 compare a declaration's signature and number with."""

from __future__ import annotations

import re
from functools import cache

from rules.documents import fold

# Kinds of agency by how their name starts, and the position of their head (a deputy,
# "Phó …", signs for the head as well). Longest names first: "chi cục" before "cục".
HEADS: tuple[tuple[str, str], ...] = (
    ("ủy ban nhân dân", "Chủ tịch"),
    ("ubnd", "Chủ tịch"),
    ("văn phòng", "Chánh Văn phòng"),
    ("thanh tra", "Chánh Thanh tra"),
    ("chi cục", "Chi cục trưởng"),
    ("sở", "Giám đốc"),
    ("trung tâm", "Giám đốc"),
    ("bệnh viện", "Giám đốc"),
    ("ban", "Trưởng ban"),
    ("cục", "Cục trưởng"),
    ("bộ", "Bộ trưởng"),
    ("viện", "Viện trưởng"),
    ("trường", "Hiệu trưởng"),
)
_CONNECTIVES = frozenset({"va", "cua", "thuoc"})
_NOT_LETTER = re.compile(r"[^0-9a-z]+")


def head_of(agency_name: str) -> str | None:
    """The position that heads an agency of this name ("Giám đốc" for a Sở), if known."""
    folded = fold(agency_name)
    return next(
        (
            head
            for start, head in HEADS
            if folded == fold(start) or folded.startswith(fold(start) + " ")
        ),
        None,
    )


def signs_as_head(signer_title: str, agency_name: str) -> bool:
    """Whether the signer's position (the last line of the title block, "PHÓ GIÁM ĐỐC")
    is the agency's head or a deputy; for an agency of unknown kind, any known head."""
    position = fold(signer_title.split(" / ")[-1])
    position = re.sub(r"^(?:kt|tm|q|tl|tuq)\.?\s*", "", position).removeprefix("pho ").strip()
    head = head_of(agency_name)
    heads = [fold(head)] if head else [fold(known) for _, known in HEADS]
    return position in heads


def decision_symbol(number: str) -> str | None:
    """The issuer's symbol in a decision's number: "12/QĐ-SKHCN" -> "SKHCN"; None when the
    number is not a decision's ("385/KH-UBND") or has no symbol."""
    match = re.search(r"/\s*(?:QĐ|QD|qđ|qd)\s*-\s*(\S+)$", number.strip())
    return match.group(1) if match else None


def own_symbol(symbol: str, agency_name: str, registry_code: str) -> bool:
    """Whether `symbol` is a plausible symbol of the agency: built from the leading letters
    of the words of its name in order ("SKHCN", "SNgV", "UBND", "VPUBND"), or its registry
    code or a part of it ("XA-ANPHU" -> "ANPHU")."""
    wanted = _NOT_LETTER.sub("", fold(symbol))
    if not wanted:
        return True
    code_parts = [_NOT_LETTER.sub("", part) for part in fold(registry_code).split("-")]
    if wanted in {"".join(code_parts), *(part for part in code_parts if len(part) >= 2)}:
        return True
    words = tuple(word for word in _NOT_LETTER.split(fold(agency_name)) if word)
    return _abbreviates(wanted, tuple(word for word in words if word not in _CONNECTIVES))


@cache
def _abbreviates(symbol: str, words: tuple[str, ...]) -> bool:
    """The symbol is a run of word prefixes, the first word's first, later words in order
    (a word may be skipped): "sngv" of ("so", "ngoai", "vu")."""
    if not symbol:
        return True
    if not words:
        return False
    first, rest = words[0], words[1:]
    for length in range(min(len(first), len(symbol)), 0, -1):
        if first[:length] == symbol[:length] and _any_start(symbol[length:], rest):
            return True
    return False


def _any_start(symbol: str, words: tuple[str, ...]) -> bool:
    """`symbol` abbreviates some suffix of `words` (words before it skipped)."""
    return not symbol or any(_abbreviates(symbol, words[i:]) for i in range(len(words)))
