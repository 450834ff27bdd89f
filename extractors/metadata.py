"""A document's own metadata: number, issue date, issuer, signer, title, year, scope.

Every function takes the normalised (NFC) text; matching is done on its folded copy, which
has the same offsets, so what is returned is the original wording.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.vietnamese import fold

__all__ = [
    "NUMBER_PATTERN",
    "find_issued",
    "find_issuer",
    "find_number",
    "find_procedure_code",
    "find_scope",
    "find_scope_list",
    "find_signature",
    "find_signer",
    "find_signer_title",
    "find_year",
    "join_broken_numbers",
    "parse_date",
    "title_region",
]

# "12/QĐ-SKHCN", "19/2014/QĐ-TTg", "72/2025/QH15", "04/QĐ-BCĐISO", "01a/KH-UBND".
NUMBER_PATTERN = (
    r"\d{1,5}[a-zA-Z]?(?:[ \t]*/[ \t]*\d{4})?[ \t]*/[ \t]*[A-ZĐ][A-Za-zĐđ0-9&]{0,9}"
    r"(?:-[A-ZĐ0-9][A-Za-zĐđ0-9&.]*){0,3}"
)
# The document's own number: "Số: 12/QĐ-SKHCN", or "Số 12/…" at a line start.
_NUMBER_LABEL = re.compile(
    r"(?:^[ \t]*(?i:số|so)\s*[:.]?|(?<![^\W\d_])(?i:số|so)\s*:)\s*(" + NUMBER_PATTERN + ")",
    re.MULTILINE,
)
_NUMBER_CITED = re.compile(r"(?<![^\W\d_])(?i:số|so)\s*[:.]?\s*(" + NUMBER_PATTERN + ")")
_BROKEN_NUMBER = re.compile(
    r"(\d{1,5}(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ0-9&-]{0,20}-)[ \t]*\n\s*(?=[A-ZĐ])"
)
_PROCEDURE_CODE = re.compile(
    r"(?<![A-Za-z])QT\s*[-.]?\s*\d{1,3}(?:\s*/\s*[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*)?"
    r"|(?<![A-Za-z])QT[-.][A-ZĐ]{1,8}[-.]\d{1,3}(?![\w/])"  # the unit in the middle: QT-XD-03
)
_VN_DATE = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?![\d/])")
_PLACE_DATE = re.compile(r"[^\W\d_)]\s*,\s*(ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4})")
_LABELLED_DATE = re.compile(
    r"ngay (?:ban hanh|hieu luc|phe duyet)\s*:?\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
)
_KIND_LINE = re.compile(
    r"^\s*(quyet dinh|ke hoach|bao cao|quy trinh|chinh sach|muc tieu chat luong"
    r"|so tay (?:he thong )?(?:quan ly )?chat luong|so tay htqlcl|mo hinh|danh muc|bien ban"
    r"|chuong trinh|thong bao|huong dan|to trinh)\b"
)
_TITLE_END = re.compile(
    r"^\s*((can cu|dieu 1|kinh gui|phan|muc dich|thuc hien|theo de nghi|xet de nghi|nham|de)\b"
    r"|[ivx]+\s*[.-]|\d+\s*[.)-]|[a-d]\))"
)
_AGENCY_START = re.compile(
    r"^(uy ban nhan dan|ubnd|so |chi cuc|van phong|phong |trung tam|bo |cuc |tong cuc"
    r"|ban (quan ly|chi dao|dan toc|tiep|thi dua|to chuc|tuyen giao|phap che|kinh te|van hoa)"
    r"|thanh tra|hoi dong|truong |benh vien|kho bac|bao hiem|xa |phuong |dac khu|cong ty)"
)
_MOTTO_ON_THE_RIGHT = re.compile(r"cong hoa xa hoi|doc lap\s*-")  # two header columns, one line
_HEADER_MOTTO = re.compile(r"cong hoa xa hoi|doc lap\s*-|^\s*-+\s*$|^\s*so\s*[:.]")
_SIGNATURE_TITLE = re.compile(
    r"^\s*(?:(?:kt|tm|q|tl|tuq)\.?\s*)?(?:pho\s+)?(giam doc|chu tich|chi cuc truong|truong ban"
    r"|chanh van phong|truong phong|thu truong|bo truong|cuc truong|vien truong|hieu truong"
    r"|tong giam doc|chanh thanh tra|bi thu|nguoi phe duyet|phe duyet|dai dien lanh dao)\b"
)
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. GIÁM ĐỐC": who the signer signs for.
_ON_BEHALF = re.compile(r"^\s*(?:kt|tm|q|tl|tuq)\.\s*\S")
_NOT_A_NAME = re.compile(
    r"giam doc|chu tich|cuc truong|truong ban|truong phong|da ky|ky ten|dong dau|noi nhan"
    r"|uy ban|van phong|chi cuc|cong hoa|quyet dinh|chu ky|\b(ban|so|ubnd|iso)\b"
)
_INCOMPLETE_AGENCY = ("uy ban nhan dan", "ubnd")
_AUTHORITY = re.compile(
    r"^\s*((?:tm|kt|q|tl)\.?\s*)?(uy ban nhan dan|ubnd|thu truong|truong ban chi dao)\b"
)
_OPERATIVE = re.compile(r"^\s*quyet dinh\s*:")  # "QUYẾT ĐỊNH:" opens the articles
_BARE_KIND = re.compile(
    r"quyet dinh|ke hoach|bao cao|bien ban|chuong trinh|thong bao|huong dan|to trinh"
    r"|quy trinh|danh muc"
)
_TITLE_CONTINUATION = re.compile(
    r"^\s*(ve |v/v|cua |theo |phu hop|nam \d|giai doan|tieu chuan|tcvn|iso|he thong"
    r"|htqlcl|\(|duy tri|cai tien|xay dung|ap dung)"
)
# A title line that ends mid-phrase: the next line goes on with it.
_OPEN_END = re.compile(
    r"\b(va|cua|theo|ve|tu|sang|cho|tai|phu hop|nam|iso|tcvn|tieu chuan|quoc gia|he thong)\s*$"
)
_YEAR_AFTER_NAM = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
_BARE_YEAR = re.compile(r"(?<![\d:/.\-])((?:19|20)\d{2})(?![\d/])")
_SCOPE_HEADING = re.compile(r"pham vi(?: ap dung)?\s*[:.]?\s*\n?")
_SCOPE_ARTICLE = re.compile(r"dieu 1\s*[.:]?\s*(.{20,600}?)(?=\n\s*dieu 2|$)", re.S)
_SCOPE_LIST_HEADING = re.compile(
    r"^\s*(?:danh muc|phu luc)\b[^\n]{0,120}?"
    r"(thu tuc hanh chinh|tthc|linh vuc|pham vi|quy trinh|hoat dong)",
    re.MULTILINE,
)
_SCOPE_LIST_ATTACHED = re.compile(r"(danh muc|phu luc)[^\n.;]{0,40}?kem theo")
_WHITESPACE = re.compile(r"\s+")
_EDITION = re.compile(r"9001\s*[:\-/.]\s*\d{4}")
_LEADING_LINES = 3  # a title in mixed case counts only among the first non-empty lines


def join_broken_numbers(text: str) -> str:
    """Join a number broken after its hyphen at a line end: "87/QĐ-\\nSKHCN" -> "87/QĐ-SKHCN"."""
    return _BROKEN_NUMBER.sub(r"\1", text)


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def find_number(text: str, *, title: str | None = None) -> str | None:
    """The document's "Số: 12/QĐ-SKHCN" in its first lines, spaces removed; else a number
    its title cites ("Quyết định số 145/QĐ-SKHCN về việc …")."""
    match = _NUMBER_LABEL.search(join_broken_numbers(text[:3000]))
    if match is None and title:
        match = _NUMBER_CITED.search(title)
    return _WHITESPACE.sub("", match.group(1)) if match else None


def find_procedure_code(text: str) -> str | None:
    """A procedure's code, e.g. "QT-01/SKHCN" or "QT 02/CX-HCTP", in its first lines."""
    match = _PROCEDURE_CODE.search(text[:3000])
    return _one_line(match.group(0)) if match else None


def _make_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date in `text`: "ngày 05 tháng 3 năm 2024" (with or without diacritics and
    leading zeros) or "05/03/2024" (also "5-3-2024", "05.03.2024")."""
    folded = fold(text)
    for pattern in (_VN_DATE, _NUMERIC_DATE):
        for match in pattern.finditer(folded):
            found = _make_date(*match.groups())
            if found is not None:
                return found
    return None


def find_issued(text: str) -> date | None:
    """The issue date: "<place>, ngày … tháng … năm …" in the header; else a labelled
    "Ngày ban hành: dd/mm/yyyy" (procedures); else None."""
    folded = fold(text[:4000])
    for pattern in (_PLACE_DATE, _LABELLED_DATE):
        match = pattern.search(folded)
        if match:
            found = parse_date(match.group(1))
            if found is not None:
                return found
    return None


def _is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def find_issuer(text: str) -> str | None:
    """The issuing agency from the header block: the lowest agency line above the title,
    e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" under "UBND TỈNH ĐỒNG NAI"."""
    names: list[str] = []
    continuing = False
    for line in text.splitlines()[:15]:
        motto = _MOTTO_ON_THE_RIGHT.search(fold(line))
        line = (line[: motto.start()] if motto else line).strip()
        folded = fold(line)
        if (_KIND_LINE.match(folded) and _is_upper_line(line)) or folded.startswith("can cu"):
            break
        if _KIND_LINE.search(folded) or "cong bo" in folded:
            continuing = False
            continue
        if not line or _HEADER_MOTTO.search(folded) or not _is_upper_line(line):
            continuing = False
            continue
        if _AGENCY_START.match(folded) and not (
            names and fold(names[-1]) in _INCOMPLETE_AGENCY and continuing
        ):
            names.append(line)
            continuing = True
        elif continuing and not any(ch.isdigit() for ch in line):
            names[-1] = f"{names[-1]} {line}"
    return _one_line(names[-1]) if names else None


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or _NOT_A_NAME.search(fold(line)):
        return False
    return all(w.isalpha() and w[0].isupper() and (w.istitle() or w.isupper()) for w in words)


def find_signature(text: str) -> tuple[str, str] | None:
    """The last signature block: its title lines joined with " / " ("KT. GIÁM ĐỐC / PHÓ
    GIÁM ĐỐC") and the name under it; None when no signer is found."""
    lines = [line.strip() for line in text.splitlines()]
    titles = [i for i, line in enumerate(lines) if _SIGNATURE_TITLE.match(fold(line))]
    for start in reversed(titles):
        for line in lines[start + 1 : start + 9]:
            if line.startswith(("-", "(", "+")) or not line:
                continue
            if _is_name(line):
                return _signature_title(lines, start), _one_line(line)
    return None


def _signature_title(lines: list[str], last: int) -> str:
    """The title lines that end at `last`: "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC", or
    "TM. ỦY BAN NHÂN DÂN" above "CHỦ TỊCH"."""
    first = last
    while first > 0 and first > last - 3:
        above = fold(lines[first - 1])
        if not (_SIGNATURE_TITLE.match(above) or _ON_BEHALF.match(above)):
            break
        first -= 1
    return " / ".join(_one_line(line) for line in lines[first : last + 1])


def find_signer(text: str) -> str | None:
    """The name under the last signature title ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / …")."""
    signature = find_signature(text)
    return signature[1] if signature else None


def find_signer_title(text: str) -> str | None:
    """The signature title over the signer's name, its lines joined with " / ":
    "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH". The last line is the
    position the signer holds. None when no signer is found."""
    signature = find_signature(text)
    return signature[0] if signature else None


def _continues_title(line: str, previous: str, *, subject_expected: bool) -> bool:
    """Whether `line` goes on with a title; a bare "KẾ HOẠCH" is always followed by its subject."""
    folded = fold(line)
    if _TITLE_END.match(folded) or _SIGNATURE_TITLE.match(folded) or _AUTHORITY.match(folded):
        return False
    if (subject_expected and len(line) < 200) or _is_upper_line(line):
        return True
    if _TITLE_CONTINUATION.match(folded) or _OPEN_END.search(fold(previous)):
        return True
    if not any(ch.isalpha() for ch in line) and len(line.strip()) < 20:  # "9001:2015"
        return True
    return len(line) < 100 and bool(_TITLE_CONTINUATION.match(fold(previous)))


def title_region(text: str) -> str | None:
    """The document's own title: its kind line ("QUYẾT ĐỊNH", "KẾ HOẠCH", …) and the lines
    that follow up to "Căn cứ", "Điều 1", a first section or 400 characters."""
    # A table's cells are lines of their own: "SỞ XÂY DỰNG | QUY TRÌNH … | Mã hiệu: …"
    lines = [cell for line in text.splitlines() for cell in line.split("\t")]
    leading = [i for i, line in enumerate(lines) if line.strip()][:_LEADING_LINES]
    for index, line in enumerate(lines[:60]):
        folded = fold(line)
        kind = _KIND_LINE.match(folded)
        if kind is None or _OPERATIVE.match(folded):
            continue
        if not (_is_upper_line(line[: kind.end()]) or index in leading):
            continue
        taken = [line.strip()]
        for follower in lines[index + 1 : index + 10]:
            if not follower.strip():
                continue
            bare_kind = len(taken) == 1 and _BARE_KIND.fullmatch(folded.strip()) is not None
            if not _continues_title(follower, taken[-1], subject_expected=bare_kind):
                break
            taken.append(follower.strip())
            if sum(len(part) for part in taken) > 400:
                break
        return _one_line(" ".join(taken))[:400]
    return None


def find_year(folded_title: str) -> int | None:
    """The year a document is for, from its folded title: "… năm 2026", else a bare year
    that is not an ISO edition or part of a number or date."""
    folded_title = _EDITION.sub(" ", folded_title)
    match = _YEAR_AFTER_NAM.search(folded_title) or _BARE_YEAR.search(folded_title)
    return int(match.group(1)) if match else None


def find_scope_list(text: str, *, folded: str | None = None) -> bool:
    """Whether the document lists its scope: a "Danh mục …" or "Phụ lục" heading of the
    procedures, sectors or processes it covers, or "(có) danh mục kèm theo" in its text.
    `folded` is `fold(text)` when the caller has it already."""
    folded = fold(text) if folded is None else folded
    return bool(_SCOPE_LIST_HEADING.search(folded) or _SCOPE_LIST_ATTACHED.search(folded))


def find_scope(text: str) -> str | None:
    """The scope: a declaration's Điều 1, or the paragraph after a "Phạm vi (áp dụng)" heading."""
    folded = fold(text)
    article = _SCOPE_ARTICLE.search(folded)
    if article and ("cong bo" in article.group(1) or "pham vi" in article.group(1)):
        return _one_line(text[article.start(1) : article.end(1)])[:500]
    heading = _SCOPE_HEADING.search(folded)
    if heading is None:
        return None
    rest = text[heading.end() : heading.end() + 600]
    paragraph = re.split(r"\n\s*\n|\n\s*(?:\d+\.|[IVX]+\.)\s", rest, maxsplit=1)[0]
    return _one_line(paragraph)[:500] or None
