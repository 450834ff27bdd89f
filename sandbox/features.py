"""What a generated agency's website is like: vendor look, how and in what form it publishes.

Each value here becomes a tag in the truth file when the site really exercises it (an
extra on an agency whose server is down is no tag), so a test can count that every
scenario of the province is exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PortalStyle(StrEnum):
    """The look of a vendor's portal software."""

    CLASSIC = "style_classic"  # header, a flat menu, lists, footer of links
    TABLE = "style_table"  # top bar, breadcrumbs, left sidebar, document tables, « 1 2 » pager
    PORTLET = "style_portlet"  # ASP.NET-like portlets, drop-down submenus, ?p=N pager


class Publishing(StrEnum):
    """Where on the web the agency's QMS documents are published."""

    ISO_MENU = "iso_menu"  # a menu item opens an ISO page that lists them
    DOC_TABLE = "doc_table"  # the "Văn bản" table, QMS rows on a later page, "Tải về" links
    NEWS_POST = "news_post"  # news posts with attachments
    DEEP = "deep_4_clicks"  # Giới thiệu > HTQLCL > Bộ tài liệu > file
    JS_LISTING = "js_listing"  # a page whose script loads the list from a JSON endpoint
    ISO_SUBSITE = "iso_subsite"  # a site of its own on iso.<agency host>
    ISO_PLATFORM = "iso_platform"  # the agency's page on the provincial "ISO điện tử" platform


class DocFormat(StrEnum):
    """The form one document is served in."""

    HTML = "html"
    PDF = "pdf"
    SCAN_PDF = "image_pdf"
    DOCX = "docx"
    RTF_DOC = "doc_rtf"  # RTF served as .doc (Word opens it; agencies publish it so)
    TCVN3_PDF = "tcvn3_pdf"
    VNI_PDF = "vni_pdf"

    @property
    def is_page(self) -> bool:
        return self is DocFormat.HTML

    @property
    def extension(self) -> str:
        return {DocFormat.DOCX: "docx", DocFormat.RTF_DOC: "doc", DocFormat.HTML: "html"}.get(
            self, "pdf"
        )

    @property
    def content_type(self) -> str:
        return {
            DocFormat.DOCX: "application/vnd.openxmlformats-officedocument"
            ".wordprocessingml.document",
            DocFormat.RTF_DOC: "application/msword",
            DocFormat.HTML: "text/html; charset=utf-8",
        }.get(self, "application/pdf")

    @property
    def needs(self) -> tuple[str, ...]:
        """Reading capabilities a product may lack for this form."""
        return {
            DocFormat.SCAN_PDF: ("ocr",),
            DocFormat.RTF_DOC: ("doc",),
            DocFormat.TCVN3_PDF: ("tcvn3",),
            DocFormat.VNI_PDF: ("vni",),
        }.get(self, ())


class TextForm(StrEnum):
    """How the site's HTML text is encoded."""

    UTF8 = "utf8"
    WINDOWS_1258 = "windows_1258"
    NFD = "nfd"


class Extra(StrEnum):
    """Further things a site does: traps, faults on one path, look-alikes of QMS material."""

    FILE_HOST = "file_host"  # files on a shared file host the site links to
    DOWNLOAD_ASPX = "extensionless_download"  # DownloadFile.aspx?id=… as octet-stream
    TAI_VE = "tai_ve_link"  # link text "Tải về", the title in the neighbouring cell
    NO_DIACRITICS = "no_diacritics"  # titles typed without marks
    SCANNED_DECLARATION = "scanned_declaration"  # the signed declaration is a scan
    CONVERTED = "converted_from_2008"  # the 2015 declaration replaces a 2008 one
    RECORDS = "records"  # reports and management review minutes published too
    REDIRECT_CHAIN = "redirect_chain"
    CALENDAR_TRAP = "calendar_trap"
    BROKEN_LINK = "broken_link"
    LARGE_FILE = "large_file"
    MALFORMED_PDF = "malformed_pdf"
    NEG_CONFERENCE = "neg_iso_conference"
    NEG_CONSULTANCY = "neg_consultancy_advert"
    NEG_HOP_QUY = "neg_cong_bo_hop_quy"
    NEG_PRODUCT_QUALITY = "neg_cong_bo_chat_luong_san_pham"
    NEG_ISO_14001 = "neg_iso_14001"
    NEG_ISO_45001 = "neg_iso_45001"
    NEG_CERTIFICATE = "neg_enterprise_certificate"


NEGATIVE_EXTRAS = frozenset(
    {
        Extra.NEG_CONFERENCE,
        Extra.NEG_CONSULTANCY,
        Extra.NEG_HOP_QUY,
        Extra.NEG_PRODUCT_QUALITY,
        Extra.NEG_ISO_14001,
        Extra.NEG_ISO_45001,
        Extra.NEG_CERTIFICATE,
    }
)


@dataclass(frozen=True, kw_only=True)
class Features:
    """How one generated agency's site looks and publishes."""

    style: PortalStyle
    publishing: Publishing
    doc_format: DocFormat
    text_form: TextForm = TextForm.UTF8
    extras: frozenset[Extra] = frozenset()

    def has(self, extra: Extra) -> bool:
        return extra in self.extras
