"""Document types from title, structure and text, matched on folded text, with cues.

Order of decision: hard negatives (product conformity, other ISO standards, enterprises,
consultancy adverts, inspection material, conferences and training, news) give "not_qms";
then the first type whose title pattern matches, provided the text is the document itself
(it has its own title line or the form of an administrative document) and not a news
headline about it; then a procedure recognised by its structure alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.activities import find_held
from extractors.legal_bases import find_cited_texts, find_legal_bases
from extractors.metadata import (
    find_issued,
    find_issuer,
    find_number,
    find_procedure_code,
    find_scope,
    find_scope_list,
    find_signature,
    find_year,
    title_region,
)
from extractors.reading import NOT_QMS, Classification
from extractors.versions import adopted_version
from extractors.vietnamese import fold, normalize

__all__ = ["classify_text"]

_QMS = r"(he thong quan ly chat luong|htqlcl|he thong qlcl|\biso\b)"
_NEGATIVES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "product conformity declaration",
        re.compile(
            r"cong bo (hop quy|hop chuan|chat luong san pham|tieu chuan ap dung|san pham"
            r"|tieu chuan co so)|ban cong bo (hop quy|hop chuan)"
        ),
    ),
    ("consultancy advert", re.compile(r"tu van (iso|xay dung|ap dung|chung nhan)|dich vu tu van")),
    (
        "inspection material",
        re.compile(
            r"ke hoach kiem tra|doan kiem tra|bien ban kiem tra|ket qua kiem tra"
            r"|thanh lap doan kiem tra|kiem tra viec (xay dung|ap dung|duy tri)"
        ),
    ),
    (
        "conference or training",
        re.compile(r"hoi nghi|hoi thao|tap huan|lop dao tao|khoa dao tao|khai giang"),
    ),
    (
        "certification of an enterprise",
        re.compile(
            r"(giay chung nhan|chung chi|chung nhan) (iso|he thong quan ly|phu hop)|dat chung nhan"
        ),
    ),
)
# Negatives that hold even for a procedure (a Sở KH&CN procedure may handle "công bố hợp quy").
_OTHER_STANDARD = re.compile(r"iso(?:/iec)?\s*(14001|45001|22000|27001|13485|50001|17025)")
_ENTERPRISE = re.compile(r"\b(cong ty|tnhh|co phan|doanh nghiep|jsc|tap doan)\b")
# In a title, "doanh nghiệp" names an enterprise only where a line starts with it: a public
# unit may serve them ("Trung tâm Hỗ trợ doanh nghiệp").
_ENTERPRISE_TITLE = re.compile(r"\b(cong ty|tnhh|co phan|jsc|tap doan)\b|^doanh nghiep\b", re.M)
_ADVERT = re.compile(
    r"hotline|bao gia|lien he (ngay|tu van|chung toi)|chi phi (tu van|chung nhan)|uu dai"
    r"|dang ky (ngay|tu van)|zalo|cam ket (dau ra|dat chung nhan)"
)
_NEWS = re.compile(
    r"phong vien|\(anh\b|anh:|tin va anh|tin, anh|nguon:|luot xem|tin lien quan|vua qua"
    r"|da dien ra|da to chuc|to chuc hoi nghi|tham du|phat bieu|chu tri|bao cao vien"
    r"|trong thoi gian qua|ngay dang|cap nhat:"
)
# News cues that a document posted as a page shows too: the page's date and counter, and a
# report's account of what was done ("Trong thời gian qua, Sở đã tổ chức …").
_NOT_NEWS_FOR_A_DOCUMENT = frozenset(
    ("luot xem", "ngay dang", "cap nhat:", "tin lien quan", "da to chuc", "trong thoi gian qua")
)
# Explainers and templates of consultancies: "Chính sách chất lượng là gì? Ví dụ …",
# "Mẫu quy trình kiểm soát tài liệu (file Word)". A cue in the headline, and another
# anywhere (a second one, or the consultancy's contact block).
_EXPLAINER_HEADLINE = re.compile(
    r"\bla gi\b|\bvi du\b|\bquy trinh mau\b|\bfile word\b|tai (ve )?mien phi"
    r"|(?<!bieu )\bmau (quy trinh|chinh sach|muc tieu|so tay|tai lieu|ke hoach|bao cao"
    r"|quyet dinh)|\bcach (viet|xay dung|thiet lap|lap)\b"
)
# Not "đăng ký", "doanh nghiệp" or "tư vấn": an agency's procedures name them all the time.
_EXPLAINER_BODY = re.compile(
    r"\bla gi\b|\bvi du\b|(?<!bieu )\bmau (quy trinh|chinh sach|muc tieu|so tay|tai lieu)"
    r"|tham khao|hotline|zalo|email|lien he|bo tai lieu|tai ve"
)
_HEADLINE_CHARS = 250
_DECISION_ARTICLES = re.compile(r"\bdieu 1\b")
_DOCUMENT_FORM = re.compile(
    r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|\bso\s*:\s*\d|\bcan cu\b|\bdieu 1\b"
    r"|muc dich|pham vi ap dung|noi nhan"
)
# A headline that starts with one of these names the document itself; others are news.
_TITLE_START = re.compile(
    r"^\W*(quyet dinh|qd|ke hoach|bao cao|bien ban|chuong trinh|quy trinh|chinh sach"
    r"|muc tieu|so tay|mo hinh|danh muc|tai lieu|he thong quan ly|htqlcl|thong bao|iso"
    r"|van ban|v/v|ve viec|phu luc)\b"
)
_ABOUT_DECLARING = re.compile(r"^\W*(bao cao|ke hoach)\b")
_TYPES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("procedure", "quy trình", re.compile(r"^\W*(quy trinh|qt\s*[-.]?\s*\d)")),
    (
        "declaration",
        "công bố … hệ thống quản lý chất lượng",
        re.compile(
            r"cong bo\s+(lai\s+)?(ap dung\s+)?(he thong quan ly chat luong|htqlcl|he thong qlcl)"
            r"|(dieu chinh|mo rong|thu hep)[, ]+(mo rong|thu hep|\s)*pham vi (ap dung )?"
            r"(cua )?(he thong quan ly chat luong|htqlcl)"
        ),
    ),
    ("quality_objectives", "mục tiêu chất lượng", re.compile(r"muc tieu chat luong")),
    ("quality_policy", "chính sách chất lượng", re.compile(r"chinh sach chat luong")),
    (
        "quality_manual",
        "sổ tay chất lượng / mô hình HTQLCL",
        re.compile(
            r"so tay (he thong )?(quan ly )?chat luong|so tay (htqlcl|he thong qlcl)"
            r"|(mo hinh|huong dan) (he thong quan ly chat luong|htqlcl|he thong qlcl)"
        ),
    ),
    (
        "process_list",
        "danh mục quy trình / tài liệu",
        re.compile(
            r"danh muc (cac |he thong )?(quy trinh|tai lieu)|ban hanh (cac |bo )?quy trinh"
            r"|(ban hanh|ap dung) (he thong )?tai lieu (cua )?(he thong quan ly chat luong|htqlcl)"
        ),
    ),
    ("internal_audit", "đánh giá nội bộ", re.compile(r"danh gia (chat luong )?noi bo")),
    ("management_review", "xem xét của lãnh đạo", re.compile(r"xem xet cua lanh dao")),
    ("plan", "kế hoạch … HTQLCL", re.compile(r"ke hoach.{0,120}?" + _QMS)),
    ("report", "báo cáo … HTQLCL", re.compile(r"bao cao.{0,160}?" + _QMS)),
)
# Types whose title says the year they are for ("Mục tiêu chất lượng năm 2026").
_YEARLY = frozenset(
    (
        "quality_objectives",
        "quality_policy",
        "plan",
        "report",
        "internal_audit",
        "management_review",
    )
)
_PROCEDURE_SECTIONS = ("muc dich", "pham vi", "noi dung quy trinh")


@dataclass(frozen=True)
class _Document:
    """A text and its folded views: the title region(s), the head and the whole text."""

    text: str
    title: str  # own title region, then the given title, one per line
    own_title: bool  # the text has its own title line
    folded_title: str
    folded_head: str
    folded: str


def _document(text: str, title: str | None) -> _Document:
    own = title_region(text)
    titles = [part for part in (own, normalize(title) if title else None) if part]
    joined = "\n".join(titles)
    folded = fold(text)
    return _Document(text, joined, own is not None, fold(joined), folded[:1500], folded)


def _quote(doc: _Document, match: re.Match[str]) -> str:
    return doc.title[match.start() : match.end()]


def _other_standard(doc: _Document) -> str | None:
    match = _OTHER_STANDARD.search(doc.folded_title + "\n" + doc.folded_head[:600])
    if match and "9001" not in doc.folded_title and "9001" not in doc.folded:
        return f"another ISO standard: '{match.group(0)}'"
    return None


def _enterprise(doc: _Document, issuer: str | None, *, procedure: bool) -> str | None:
    """An enterprise's document or a consultancy advert; a procedure's title may name
    enterprises it serves ("đăng ký doanh nghiệp"), so only its issuer counts."""
    if issuer and _ENTERPRISE.match(fold(issuer)):
        return f"an enterprise's document (issuer '{issuer}')"
    if not procedure and _ENTERPRISE_TITLE.search(doc.folded_title):
        return "an enterprise's document"
    if len(set(_ADVERT.findall(doc.folded))) >= 2:
        return "consultancy advert"
    return None


def _explainer(doc: _Document) -> str | None:
    """A consultancy's explainer or template of a QMS document, not an agency's document."""
    headline = _EXPLAINER_HEADLINE.search(doc.folded[:_HEADLINE_CHARS])
    if headline is None:
        return None
    others = {m.group(0) for m in _EXPLAINER_BODY.finditer(doc.folded)} - {headline.group(0)}
    if not others:
        return None
    return f"explainer or template of a consultancy: '{headline.group(0)}', {sorted(others)[0]}"


def _titled_document(doc: _Document) -> bool:
    """The text opens with its own title naming a kind of document ("BÁO CÁO …")."""
    return doc.own_title and _TITLE_START.match(doc.folded_title) is not None


def _not_the_document(doc: _Document) -> str | None:
    """A news article, or a headline about a document rather than the document."""
    form = len(_DOCUMENT_FORM.findall(doc.folded_head))
    news = {match.group(0) for match in _NEWS.finditer(doc.folded)}
    if _titled_document(doc):
        news -= _NOT_NEWS_FOR_A_DOCUMENT
    if len(news) >= 2 and form < 2:
        return f"news article ({', '.join(sorted(news)[:3])})"
    if "trich yeu" in doc.folded_head and form < 2:
        return "a page describing a document (trích yếu); the document is its attachment"
    headline = doc.folded_title and not doc.own_title
    if headline and not _TITLE_START.match(doc.folded_title) and form < 2:
        return f"headline about a document, not the document: '{doc.title[:80]}'"
    return None


def _negative(doc: _Document, issuer: str | None, *, procedure: bool) -> str | None:
    """Why the text is not a QMS document of an agency, or None. A procedure is only
    checked for another standard and an enterprise: its subject may be a conformity
    declaration or a certificate that the agency handles."""
    reason = (
        _other_standard(doc) or _explainer(doc) or _enterprise(doc, issuer, procedure=procedure)
    )
    if reason or procedure:
        return reason
    scope = doc.folded_title or doc.folded_head[:300]
    for label, pattern in _NEGATIVES:
        match = pattern.search(scope)
        if match:
            return f"{label}: '{scope[match.start() : match.end()]}'"
    return _not_the_document(doc)


def _typed(doc: _Document, *, skip: str | None = None) -> tuple[str, str] | None:
    """The first type whose pattern matches the title, with its cue."""
    for doc_type, label, pattern in _TYPES:
        match = pattern.search(doc.folded_title)
        if match is None or doc_type == skip:
            continue
        if doc_type == "declaration" and _ABOUT_DECLARING.match(doc.folded_title):
            continue  # a report or plan on declaring ("Báo cáo tình hình công bố HTQLCL …")
        if doc_type == "declaration" and not _DECISION_ARTICLES.search(doc.folded):
            return NOT_QMS, f"'{label}' named, but no decision text (Điều 1)"
        cue = f"title: '{_quote(doc, match)}'"
        if doc.folded_title.startswith(("quyet dinh", "qd")) and "ban hanh" in doc.folded_title:
            cue += " (decision issuing it)"
        return doc_type, cue
    return None


def _decide(doc: _Document, issuer: str | None) -> tuple[str, str]:
    if not doc.folded.strip() and not doc.folded_title:
        return NOT_QMS, "no text"
    code, sections = (
        find_procedure_code(doc.text),
        [name for name in _PROCEDURE_SECTIONS if name in doc.folded],
    )
    typed = _typed(doc)
    by_title = typed is not None and typed[0] == "procedure" and bool(code or sections)
    by_structure = code is not None and len(sections) >= 2
    reason = _negative(doc, issuer, procedure=by_title or by_structure)
    if reason:
        return NOT_QMS, reason
    if typed and typed[0] == "procedure" and not by_title:
        typed = _typed(doc, skip="procedure")  # "Quy trình …" without a procedure's form
    if typed:
        return typed
    if by_structure:
        return "procedure", f"structure: code '{code}', sections {', '.join(sections)}"
    return NOT_QMS, "no QMS document type recognised in the title"


def classify_text(text: str, *, title: str | None = None) -> Classification:
    """Classify a document's text (and an outside title, e.g. an HTML heading)."""
    text = normalize(text)
    doc = _document(text, title)
    issuer = find_issuer(text)
    doc_type, cue = _decide(doc, issuer)
    version = adopted_version(doc.folded_title, doc.folded)
    number = find_number(text, title=doc.title)
    if number is None and doc_type == "procedure":
        number = find_procedure_code(text)
    qms = doc_type != NOT_QMS
    signature = find_signature(text)
    return Classification(
        doc_type=doc_type,
        iso_version=version.adopted if qms else None,
        versions_mentioned=version.mentioned,
        year=find_year(doc.folded_title) if doc_type in _YEARLY else None,
        number=number,
        issued=find_issued(text),
        issuer=issuer,
        signer=signature[1] if signature else None,
        scope=find_scope(text) if qms else None,
        legal_bases=find_legal_bases(text),
        cues=(cue, *version.cues) if qms else (cue,),
        signer_title=signature[0] if signature else None,
        scope_list=find_scope_list(text, folded=doc.folded) if qms else False,
        cited_texts=find_cited_texts(text, folded=doc.folded),
        vocabulary=version.vocabulary if qms else (),
        held=find_held(text, folded=doc.folded) if qms else (),
    )
