"""Link scoring: how likely a link leads to an agency's QMS (HTQLCL) documents.

Scores are plain integers, higher is better. Text and URL are matched with and without
Vietnamese diacritics ("Hệ thống quản lý chất lượng", "he-thong-quan-ly-chat-luong" and
"hethongquanlychatluong" all count). Documents score above pages so that, when the page
budget is tight, the files themselves are fetched first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from crawler.platforms import is_download_handler

__all__ = [
    "DOCUMENT_BONUS",
    "DOCUMENT_EXTENSIONS",
    "PROMISING_SCORE",
    "RELEVANT_SCORE",
    "fold",
    "is_generic_anchor",
    "is_headline",
    "is_number_title",
    "is_pagination_link",
    "list_key",
    "looks_like_document_url",
    "looks_like_download_url",
    "looks_like_skippable_url",
    "says_pagination",
    "score_context",
    "score_link",
]

DOCUMENT_EXTENSIONS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf"})
SKIPPED_EXTENSIONS = frozenset(
    {
        "jpg", "jpeg", "png", "gif", "bmp", "svg", "webp", "ico", "tif", "tiff",
        "css", "js", "json", "woff", "woff2", "ttf", "eot", "map",
        "mp3", "mp4", "avi", "wmv", "flv", "mov", "webm", "wav",
        "zip", "rar", "7z", "gz", "tar", "exe", "msi", "apk", "iso",
        "ppt", "pptx",
    }
)  # fmt: skip

DOCUMENT_BONUS = 60
PROMISING_SCORE = 12  # a link scoring this much likely leads to QMS documents
RELEVANT_SCORE = 6  # this much: somewhat relevant ("Văn bản"); below it, a URL word at most
# Menu labels run to 2-7 syllables ("Giới thiệu", "Văn bản chỉ đạo điều hành"); a post's
# title to 8 and more ("Ra quân hưởng ứng Tháng hành động vì môi trường").
HEADLINE_WORDS = 8

# Keyword (folded, words separated by single spaces) -> weight.
KEYWORDS: dict[str, int] = {
    "he thong quan ly chat luong": 20,  # on top of "quan ly chat luong"
    "quan ly chat luong": 25,
    "htqlcl": 40,
    "iso": 35,
    "9001": 35,
    "tcvn": 15,
    "chat luong": 10,  # alone, as often news ("chất lượng giáo dục") as QMS
    "cong bo": 10,
    "quy trinh": 12,
    "chinh sach": 10,
    "muc tieu": 10,
    "so tay": 8,
    "van ban": 6,
    "tai lieu": 6,
    "cai cach hanh chinh": 8,
    "thu tuc hanh chinh": 4,
}

# Signs of a link that never leads to documents, or of a crawler trap.
PENALTIES: dict[str, int] = {
    "dang nhap": 20,
    "login": 20,
    "dang ky": 10,
    "lich": 8,
    "calendar": 15,
    "rss": 15,
    "print": 10,
    "in trang": 10,
    "tim kiem": 10,
    "search": 10,
    "lien he": 5,
    "video": 8,
    "hinh anh": 8,
    "thu vien anh": 8,
}

GENERIC_ANCHORS = frozenset(
    {
        "", "tai ve", "tai xuong", "download", "xem", "xem file", "xem chi tiet",
        "chi tiet", "tai", "tai file", "tep dinh kem", "dinh kem", "file", "view",
        "here", "tai day", "click", "xem them", "link", "pdf", "doc", "docx",
    }
)  # fmt: skip

PAGINATION_TEXTS = frozenset(
    {"»", "«", "›", "‹", ">", ">>", "<", "<<", "next", "trang sau", "tiep", "tiep theo",
     "sau", "truoc", "trang truoc", "cuoi", "trang cuoi", "dau", "trang dau", "..."}
)  # fmt: skip
_PAGE_PARAMS = r"page|paged|trang|pg|pageindex|pagenumber|pagenum|pageno|page_no|currentpage"
PAGINATION_QUERY = re.compile(rf"(?:^|&)(?:{_PAGE_PARAMS})=\d+(?=&|$)", re.I)
# `?p=123` is as often a post's id (WordPress) as a page number: the text must say which.
AMBIGUOUS_QUERY = re.compile(r"(?:^|&)(?:p|start|offset)=\d+(?=&|$)", re.I)
PAGINATION_PATH = re.compile(r"/(?:page|trang|p)[/-]?\d+(?:\.[a-z]{2,5})?/?$", re.I)
_TRAILING_NUMBER = re.compile(r"/\d{1,4}/?$")
_EXTENSION = re.compile(r"\.[a-z0-9]{2,5}$", re.I)
DOWNLOAD_URL = re.compile(
    r"download|tai-?ve|taive|getfile|get_file|attachment|dinhkem|dinh-kem|/upload|/files?/"
    r"|/documents?/|viewfile|showfile|openfile",
    re.I,
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# A title that opens with a document's number ("Quyết định số 27/QĐ-SCT ngày …", "Số
# 06/2024/QĐ-UBND", "123/KH-UBND"): the kind perhaps, "số", then number, year, kind, issuer.
_DOCUMENT_KINDS = (
    "quyết định|qđ|kế hoạch|thông báo|công văn|chỉ thị|hướng dẫn|báo cáo|tờ trình|văn bản"
)
NUMBER_TITLE = re.compile(
    rf"^\W*(?:(?:{_DOCUMENT_KINDS})\s+)?(?:số\s*:?\s*)?\d{{1,5}}/(?:\d{{4}}/)?[A-ZĐ]{{1,5}}"
    r"(?:-[A-ZĐ0-9&]+)+",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)  # menu labels and link texts repeat on every page of a site
def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ -> d) and collapse non-letters to spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


def _url_words(url: str) -> str:
    parts = urlsplit(url)
    return fold(unquote(f"{parts.path} {parts.query}"))


def _extension(url: str) -> str:
    path = unquote(urlsplit(url).path)
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def looks_like_document_url(url: str) -> bool:
    """The URL's path ends in a document extension (.pdf, .doc, .docx, .xls, ...)."""
    return _extension(url) in DOCUMENT_EXTENSIONS


def looks_like_download_url(url: str) -> bool:
    """The URL names a document, looks like a download endpoint (DownloadFile.aspx?id=3), or
    is a platform's download handler, which often says so only in its query
    (`?download=1&id=0`, `LinkClick.aspx?fileticket=`, `?wpdmdl=7`, `com_phocadownload`)."""
    if looks_like_document_url(url) or DOWNLOAD_URL.search(urlsplit(url).path):
        return True
    return is_download_handler(url)


def looks_like_skippable_url(url: str) -> bool:
    """The URL names an image, script, media file or archive: never worth a request."""
    return _extension(url) in SKIPPED_EXTENSIONS


def is_generic_anchor(text: str) -> bool:
    """The anchor says nothing about its target ("Tải về", "Download", "Xem", an icon)."""
    return fold(text) in GENERIC_ANCHORS


def is_number_title(text: str) -> bool:
    """The title is an official document's number ("Quyết định số 27/QĐ-SCT ngày 20/11/2025
    của Giám đốc Sở …", "23/QĐ-SGDĐT"): how decisions, QMS ones too, are listed."""
    return bool(NUMBER_TITLE.match(text))


def is_headline(text: str) -> bool:
    """The anchor reads like the title of a post or an article, not a menu label; a title
    that is a document's number is not one: it says nothing of the subject either way."""
    return len(fold(text).split()) >= HEADLINE_WORDS and not is_number_title(text)


def _list_path(path: str) -> str:
    """The path of a list without its page part (`/tin-tuc/trang-3.html` -> `/tin-tuc`)."""
    bare = _TRAILING_NUMBER.sub("", PAGINATION_PATH.sub("", path.lower()))
    return _EXTENSION.sub("", bare.rstrip("/"))


def _list_query(query: str) -> str:
    page_part = (PAGINATION_QUERY, AMBIGUOUS_QUERY)
    kept = [part for part in query.split("&") if not any(p.match(part) for p in page_part)]
    return "&".join(sorted(part for part in kept if part))


def list_key(url: str) -> str:
    """What the pages of one list share: host, path and query without the page number."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{_list_path(parts.path)}?{_list_query(parts.query.lower())}"


def says_pagination(text: str) -> bool:
    """The text is a pager's ("2", "»", "Trang sau", "Tiếp")."""
    folded = fold(text)
    return folded.isdigit() or text.strip() in PAGINATION_TEXTS or folded in PAGINATION_TEXTS


def is_pagination_link(url: str, text: str, page_url: str) -> bool:
    """The link moves through the pages of the list on `page_url`.

    The URL must stay on the list's path (`/tin-tuc.aspx?p=3`, `/tin-tuc/trang-3`,
    `/van-ban/page/3`, `?PageIndex=3`); it is pagination when it carries a page number in
    its query or path (`?page=`, not the ambiguous `?p=`), or when its text says so ("2",
    "»", "Trang sau", "Tiếp", "Next").
    A "next post" link to another path is not pagination.
    """
    parts, page = urlsplit(url), urlsplit(page_url)
    if parts.netloc.lower() != page.netloc.lower():
        return False
    if _list_path(parts.path) != _list_path(page.path):
        return False
    if PAGINATION_QUERY.search(parts.query) or PAGINATION_PATH.search(parts.path):
        return True
    moved = (parts.path, parts.query) != (page.path, page.query)
    return moved and says_pagination(text)


def _keyword_score(words: str) -> int:
    padded = f" {words} "
    compact = words.replace(" ", "")
    score = 0
    for keyword, weight in KEYWORDS.items():
        if f" {keyword} " in padded or (" " in keyword and keyword.replace(" ", "") in compact):
            score += weight
    if score >= PROMISING_SCORE:  # "Quy trình đăng ký khai sinh" is a procedure all the same
        return score
    for keyword, weight in PENALTIES.items():
        if f" {keyword} " in padded:
            score -= weight
    return score


def score_link(url: str, text: str) -> int:
    """Score a link from its anchor text and URL; documents get `DOCUMENT_BONUS` on top."""
    score = _keyword_score(fold(text)) + _keyword_score(_url_words(url)) // 2
    if looks_like_document_url(url):
        score += DOCUMENT_BONUS
    elif looks_like_download_url(url):
        score += DOCUMENT_BONUS // 2
    return score


def score_context(text: str) -> int:
    """What the text around a link (the rest of its table row) adds: half its keywords."""
    return max(0, _keyword_score(fold(text))) // 2
