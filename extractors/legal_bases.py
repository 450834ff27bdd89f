"""The legal texts a document cites: its "Căn cứ …" references (type, number, year, issuer
of each), and the numbers of every text it cites anywhere (procedures cite decrees in their
"Tài liệu viện dẫn" section and in their steps)."""

from __future__ import annotations

import bisect
import re

from extractors.metadata import NUMBER_PATTERN, join_broken_numbers, parse_date
from extractors.reading import LegalBasis
from extractors.vietnamese import fold

__all__ = ["find_cited_texts", "find_legal_bases"]

# Folded type words, longest first, and their stable names.
_TYPES: tuple[tuple[str, str], ...] = (
    ("thong tu lien tich", "circular"),
    ("bo luat", "law"),
    ("hien phap", "law"),
    ("luat", "law"),
    ("nghi dinh", "decree"),
    ("quyet dinh", "decision"),
    ("thong tu", "circular"),
    ("nghi quyet", "resolution"),
    ("chi thi", "directive"),
    ("cong van", "official_letter"),
    ("van ban", "official_letter"),
    ("ke hoach", "plan"),
    ("huong dan", "other"),
    ("tieu chuan", "standard"),
    ("tcvn", "standard"),
)
_CHAINED = r"(?:bo luat|luat|nghi dinh|thong tu|nghi quyet|chi thi|cong van|quyet dinh (?:so|\d))"
# A clause opens with "Căn cứ" or, in a chain "Căn cứ Luật …; Luật sửa đổi …;", with the
# semicolon that ended the clause before it; it runs to the next semicolon, a full stop at a
# line end, or the next clause.
_CLAUSE = re.compile(
    r"(can cu\b|;(?=[ \t]*\n?[ \t]*" + _CHAINED + r"))\s*(.{5,500}?)"
    r"(?=;|\.\s*$|can cu\b|\n\s*(?:xet de nghi|theo de nghi|quyet dinh)\b|\Z)",
    re.MULTILINE | re.DOTALL,
)
_TYPE_AT_START = re.compile(
    r"(?:vao |theo )?(" + "|".join(word for word, _ in _TYPES) + r")\b",
)
_NUMBER = re.compile(NUMBER_PATTERN)
_NUMBER_YEAR = re.compile(r"/(\d{4})/")
_YEAR = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
_ISSUER = re.compile(
    r"\bcua\s+(.{3,90}?)(?=\s+(?:ve|quy dinh|huong dan|ban hanh|sua doi|phe duyet|thanh lap"
    r"|v/v|trien khai|ap dung|kiem tra|cong bo|giao|chuyen doi|bo sung|bai bo|huy bo)\b"
    r"|[;,.(]|$)",
    re.DOTALL,
)
_WHITESPACE = re.compile(r"\s+")
_SCANNED_CHARS = 30_000  # "Căn cứ" lines open a document; later ones are quotations
_MAX_BASES = 40
_TYPE_NAMES = dict(_TYPES)


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _basis(clause: str) -> LegalBasis | None:
    folded = fold(clause)
    kind = _TYPE_AT_START.match(folded)
    if kind is None:
        return None  # "Căn cứ chức năng, nhiệm vụ …": not a text
    number_match = _NUMBER.search(clause)
    number = _WHITESPACE.sub("", number_match.group(0)) if number_match else None
    year: int | None = None
    if number and (from_number := _NUMBER_YEAR.search(number)):
        year = int(from_number.group(1))
    elif (issued := parse_date(clause)) is not None:
        year = issued.year
    elif from_text := _YEAR.search(folded):
        year = int(from_text.group(1))
    issuer_match = _ISSUER.search(folded)
    issuer = (
        _one_line(clause[issuer_match.start(1) : issuer_match.end(1)]) if issuer_match else None
    )
    return LegalBasis(
        type=_TYPE_NAMES[kind.group(1)],
        number=number,
        year=year,
        issuer=issuer,
        text=_one_line(clause)[:300],
    )


def find_legal_bases(text: str) -> tuple[LegalBasis, ...]:
    """Every "Căn cứ <type> số <number> ngày … của <issuer> …" reference, in order; clauses
    that cite no text ("Căn cứ chức năng, nhiệm vụ") are left out."""
    text = join_broken_numbers(text[:_SCANNED_CHARS])
    folded = fold(text)
    bases: list[LegalBasis] = []
    chain_at = -1  # where a clause ended with ";": a text cited there continues the chain
    for match in _CLAUSE.finditer(folded):
        opens = match.group(1) != ";"
        if not opens and match.start() != chain_at:
            continue
        basis = _basis(text[match.start(2) : match.end(2)])
        chain_at = match.end() if folded.startswith(";", match.end()) else -1
        if basis is None:
            chain_at = -1 if not opens else chain_at
            continue
        bases.append(basis)
        if len(bases) == _MAX_BASES:
            break
    return tuple(bases)


# "Nghị định số 61/2018/NĐ-CP", "Quyết định 19/2014/QĐ-TTg", "NĐ 61/2018/NĐ-CP": the type,
# matched on the folded text; the number after it on the original.
# A law is cited by its name before its number: "Luật Tổ chức … số 72/2025/QH15".
_CITING = re.compile(
    r"\b(?:(?:nghi dinh|quyet dinh|thong tu(?: lien tich)?|nghi quyet|chi thi|cong van|nd|qd|tt)"
    r"\s*(?:so\s*)?|luat\b[^;\n\d]{0,80}?\bso\s*)[:.]?\s*(?=\d)"
)
# Where a sentence ends: a semicolon, a full stop before a space, a blank line, a new item.
_SENTENCE_END = re.compile(r";|\.(?=\s)|\n\s*\n|\n(?=[ \t]*(?:[-+•]|can cu\b|dieu \d))")
# A sentence that says a text was replaced or repealed does not cite it as a basis.
_REPEALS = re.compile(r"thay the|bai bo|het hieu luc|huy bo")
_MAX_CITED = 100
_LONGEST = 80  # characters a number (with a line break in it) may take


def _sentence(folded: str, ends: list[int], at: int) -> str:
    """The folded sentence around offset `at`, given the sorted offsets where sentences end."""
    index = bisect.bisect_right(ends, at)
    start = ends[index - 1] if index else 0
    end = ends[index] if index < len(ends) else len(folded)
    return folded[start:end]


def find_cited_texts(text: str, *, folded: str | None = None) -> tuple[str, ...]:
    """The numbers of the legal texts the document cites anywhere, in order, once each:
    "<type> [số] <number>", as in "Căn cứ Nghị định số 61/2018/NĐ-CP" or "- Quyết định
    101/QĐ-BKHCN". A sentence saying a text is replaced or repealed ("thay thế Quyết định số
    45/QĐ-SKHCN") does not cite it; the document's own "Số: …" is not a citation. `folded`
    is `fold(text)` when the caller has it already."""
    folded = fold(text) if folded is None else folded
    ends = [match.start() for match in _SENTENCE_END.finditer(folded)]
    cited: dict[str, None] = {}
    for match in _CITING.finditer(folded):
        # a number broken after its hyphen ("61/2018/NĐ-" ⏎ "CP") is joined where it stands
        number = _NUMBER.match(join_broken_numbers(text[match.end() : match.end() + _LONGEST]))
        if number is None or _REPEALS.search(_sentence(folded, ends, match.start())):
            continue
        cited.setdefault(_WHITESPACE.sub("", number.group(0)).rstrip("."), None)
        if len(cited) == _MAX_CITED:
            break
    return tuple(cited)
