"""The agencies of the skeleton province and the scenario each one plays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sandbox.model import TruthFault

PROVINCE_DOMAIN = "tinhdemo.localhost"
PORTAL_HOST = f"congdichvu.{PROVINCE_DOMAIN}"
REORGANISATION = date(2025, 7, 1)


class Scenario(StrEnum):
    """What an agency's website holds, and so the status its audit should reach."""

    COMPLIANT = "compliant"
    COMPLIANT_MIXED = "compliant_mixed"  # the 2015 set, plus an archived 2008 declaration
    STALE_OBJECTIVES = "stale_objectives"  # newest objectives are for an earlier year
    STALE_MERGED = "stale_merged"  # declaration predates the agency's establishment
    NO_POLICY = "no_policy"
    NO_DECLARATION = "no_declaration"
    ISO_2008 = "iso_2008"
    HARD_NEGATIVES = "hard_negatives"  # news and ISO look-alikes, no QMS of its own
    NEWS_ONLY = "news_only"
    CLOSED_PORT = "closed_port"
    ERROR_500 = "error_500"
    ROBOTS_FORBIDDEN = "robots_forbidden"
    TIMEOUT = "timeout"  # the server holds every request unanswered
    REDIRECT_LOOP = "redirect_loop"  # the home page redirects in a circle

    @property
    def status(self) -> str:
        """The verdict the audit should give (design.md, "Verdict")."""
        return _STATUS[self]

    @property
    def site_failure(self) -> str | None:
        """The failure kind the crawl must record for the start page, if the site fails."""
        return _SITE_FAILURE.get(self)


_SITE_FAILURE = {
    Scenario.CLOSED_PORT: "refused",
    Scenario.ERROR_500: "http",
    Scenario.ROBOTS_FORBIDDEN: "robots",
    Scenario.TIMEOUT: "timeout",
    Scenario.REDIRECT_LOOP: "redirect_loop",
}

_STATUS = {
    Scenario.COMPLIANT: "compliant",
    Scenario.COMPLIANT_MIXED: "compliant",
    Scenario.STALE_OBJECTIVES: "stale",
    Scenario.STALE_MERGED: "stale",
    Scenario.NO_POLICY: "incomplete",
    Scenario.NO_DECLARATION: "incomplete",
    Scenario.ISO_2008: "outdated",
    Scenario.HARD_NEGATIVES: "not_published",
    Scenario.NEWS_ONLY: "not_published",
    Scenario.CLOSED_PORT: "unreachable",
    Scenario.ERROR_500: "unreachable",
    Scenario.ROBOTS_FORBIDDEN: "unreachable",
    Scenario.TIMEOUT: "unreachable",
    Scenario.REDIRECT_LOOP: "unreachable",
}


class Presentation(StrEnum):
    """Where on its site an agency puts its QMS material."""

    ISO_MENU = "iso_menu"  # a menu item leads to an ISO page that lists the documents
    VAN_BAN = "van_ban"  # "Văn bản" listing -> detail page -> download URL
    NEWS_POST = "news_post"  # news posts with attached files


class FileFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


@dataclass(frozen=True, kw_only=True)
class AgencySpec:
    """One agency of the province: registry data, site layout, scenario."""

    code: str  # registry code
    name: str  # "Sở Khoa học và Công nghệ"
    level: str
    slug: str  # host label ("so-khcn") or, on the shared portal, path segment ("xa-an-phu")
    on_portal: bool
    doc_code: str  # the code in its document numbers: 12/QĐ-SKHCN
    head_title: str  # "GIÁM ĐỐC", "CHỦ TỊCH", "CHI CỤC TRƯỞNG"
    scenario: Scenario
    presentation: Presentation
    file_format: FileFormat
    sectors: tuple[str, ...]
    procedures: tuple[str, ...]
    parent: str | None = "UBND-TINH"
    established: date | None = None
    predecessor: tuple[str, str] | None = None  # (name, doc_code) before a 2025 merger
    iso_label: str = "Hệ thống quản lý chất lượng"


_MANAGEMENT = ("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ")


def _dept(
    code: str,
    name: str,
    slug: str,
    scenario: Scenario,
    presentation: Presentation,
    file_format: FileFormat,
    sectors: tuple[str, ...],
    procedures: tuple[str, ...],
    *,
    level: str = "department",
    doc_code: str | None = None,
    head_title: str = "GIÁM ĐỐC",
    parent: str | None = "UBND-TINH",
    established: date | None = None,
    predecessor: tuple[str, str] | None = None,
    iso_label: str = "Hệ thống quản lý chất lượng",
) -> AgencySpec:
    return AgencySpec(
        code=code,
        name=name,
        level=level,
        slug=slug,
        on_portal=False,
        doc_code=doc_code or "S" + code.removeprefix("SO-"),
        head_title=head_title,
        scenario=scenario,
        presentation=presentation,
        file_format=file_format,
        sectors=sectors,
        procedures=_MANAGEMENT + procedures,
        parent=parent,
        established=established,
        predecessor=predecessor,
        iso_label=iso_label,
    )


def _commune(
    code: str,
    name: str,
    slug: str,
    scenario: Scenario,
    presentation: Presentation,
    file_format: FileFormat,
    *,
    established: date | None = None,
) -> AgencySpec:
    return AgencySpec(
        code=code,
        name=name,
        level="commune",
        slug=slug,
        on_portal=True,
        doc_code=code.split("-")[-1],
        head_title="CHỦ TỊCH",
        scenario=scenario,
        presentation=presentation,
        file_format=file_format,
        sectors=("Hộ tịch", "Chứng thực", "Đất đai"),
        procedures=(*_MANAGEMENT, "Đăng ký khai sinh", "Chứng thực bản sao từ bản chính"),
        established=established,
    )


S, P, F = Scenario, Presentation, FileFormat


def skeleton_roster() -> tuple[AgencySpec, ...]:
    """The 17 agencies of the skeleton province: every status at least twice."""
    # fmt: off
    return (
        _dept("UBND-TINH", "Ủy ban nhân dân tỉnh Demo", "", S.COMPLIANT_MIXED, P.ISO_MENU, F.PDF,
              ("Nội vụ", "Đầu tư"), ("Giải quyết thủ tục hành chính liên thông",),
              level="province", doc_code="UBND", head_title="CHỦ TỊCH", parent=None,
              iso_label="ISO 9001:2015"),
        _dept("SO-KHCN", "Sở Khoa học và Công nghệ", "so-khcn", S.COMPLIANT, P.ISO_MENU, F.HTML,
              ("Hoạt động khoa học và công nghệ", "Tiêu chuẩn đo lường chất lượng"),
              ("Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
               "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ")),
        _dept("SO-TP", "Sở Tư pháp", "so-tuphap", S.COMPLIANT, P.VAN_BAN, F.PDF,
              ("Lý lịch tư pháp", "Công chứng", "Quốc tịch"),
              ("Cấp Phiếu lý lịch tư pháp", "Đăng ký hành nghề công chứng")),
        _dept("SO-YT", "Sở Y tế", "so-yte", S.COMPLIANT, P.NEWS_POST, F.DOCX,
              ("Khám bệnh, chữa bệnh", "Dược phẩm"),
              ("Cấp chứng chỉ hành nghề dược", "Cấp giấy phép hoạt động khám bệnh, chữa bệnh")),
        _dept("SO-NV", "Sở Nội vụ", "so-noivu", S.STALE_OBJECTIVES, P.VAN_BAN, F.DOCX,
              ("Công chức, viên chức", "Thi đua, khen thưởng"),
              ("Thẩm định đề nghị khen thưởng", "Tuyển dụng viên chức")),
        _dept("SO-NNMT", "Sở Nông nghiệp và Môi trường", "so-nnmt", S.STALE_MERGED, P.ISO_MENU,
              F.PDF, ("Đất đai", "Môi trường", "Trồng trọt"),
              ("Cấp giấy phép môi trường", "Đăng ký biến động đất đai"),
              established=REORGANISATION, iso_label="ISO hành chính công",
              predecessor=("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT")),
        _dept("SO-XD", "Sở Xây dựng", "so-xaydung", S.NO_POLICY, P.NEWS_POST, F.PDF,
              ("Hoạt động xây dựng", "Giao thông vận tải"),
              ("Cấp giấy phép xây dựng", "Cấp giấy phép lái xe")),
        _dept("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "so-vhttdl", S.NO_DECLARATION,
              P.ISO_MENU, F.DOCX, ("Văn hóa", "Du lịch"),
              ("Cấp giấy phép tổ chức biểu diễn nghệ thuật",), iso_label="ISO"),
        _dept("SO-GDDT", "Sở Giáo dục và Đào tạo", "so-gddt", S.ISO_2008, P.VAN_BAN, F.PDF,
              ("Giáo dục và đào tạo",), ("Cấp bản sao văn bằng",), doc_code="SGDĐT"),
        _dept("CC-THUYLOI", "Chi cục Thủy lợi", "chicuc-thuyloi", S.ISO_2008, P.ISO_MENU,
              F.DOCX, ("Thủy lợi", "Phòng, chống thiên tai"), (), level="branch",
              doc_code="CCTL", head_title="CHI CỤC TRƯỞNG", parent="SO-NNMT"),
        _dept("SO-CT", "Sở Công Thương", "so-congthuong", S.HARD_NEGATIVES, P.VAN_BAN, F.PDF,
              ("Công nghiệp", "Thương mại"), ()),
        _dept("SO-TC", "Sở Tài chính", "so-taichinh", S.CLOSED_PORT, P.VAN_BAN, F.PDF,
              ("Ngân sách",), ()),
        _dept("TT-TINH", "Thanh tra tỉnh", "thanhtra", S.ERROR_500, P.VAN_BAN, F.PDF,
              ("Tiếp công dân",), (), doc_code="TTr", head_title="CHÁNH THANH TRA"),
        _dept("CC-KIEMLAM", "Chi cục Kiểm lâm", "chicuc-kiemlam", S.ROBOTS_FORBIDDEN,
              P.ISO_MENU, F.PDF, ("Lâm nghiệp",), ("Cấp phép khai thác lâm sản",),
              level="branch", doc_code="CCKL", head_title="CHI CỤC TRƯỞNG", parent="SO-NNMT"),
        _commune("XA-ANPHU", "Ủy ban nhân dân xã An Phú", "xa-an-phu", S.COMPLIANT,
                 P.NEWS_POST, F.PDF, established=REORGANISATION),
        _commune("XA-HOABINH", "Ủy ban nhân dân xã Hòa Bình", "xa-hoa-binh", S.NEWS_ONLY,
                 P.NEWS_POST, F.PDF, established=REORGANISATION),
        _commune("PH-DONGHAI", "Ủy ban nhân dân phường Đông Hải", "phuong-dong-hai",
                 S.STALE_OBJECTIVES, P.ISO_MENU, F.HTML),
    )
    # fmt: on


def site_faults(scenario: Scenario, website: str) -> tuple[TruthFault, ...]:
    """The start-page fault of an agency whose site fails, as the truth states it."""
    failure = scenario.site_failure
    return () if failure is None else (TruthFault(url=website, failure=failure),)
