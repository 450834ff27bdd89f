"""The agencies of the platform tiers: per platform a covering set of sites, then random ones.

Each row is data: the platform, the agency's level and scenario (its true status), the form
of its files and the habits its site shows. The first rows of a tier cover every habit of
that platform; more agencies per tier are drawn from the seed. Bodies (names, codes) are
the province's further units and communes, never one of the generated province's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sandbox.features import DocFormat
from sandbox.generated_roster import GeneratedAgency
from sandbox.names import Body, communes
from sandbox.platforms.habits import Habit, Platform
from sandbox.roster import PROVINCE_DOMAIN, REORGANISATION, AgencySpec, FileFormat, Presentation
from sandbox.roster import Scenario as S

H, D = Habit, DocFormat
SHAREPOINT_PORTAL = f"congthongtin.{PROVINCE_DOMAIN}"  # a SharePoint portal hosting units
LIFERAY_PORTAL = f"portal.{PROVINCE_DOMAIN}"  # a Liferay portal, a /web/<site> per unit
ISO_QUERY_HOST = f"qlcl.{PROVINCE_DOMAIN}"  # the ISO platform addressing units by ?DonViID=
SHARED_PLATFORMS = {Platform.LIFERAY: LIFERAY_PORTAL, Platform.ISO_QUERY: ISO_QUERY_HOST}
MANAGEMENT = ("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ")


@dataclass(frozen=True, kw_only=True)
class TierRow:
    """What one tier agency is: its level and scenario, file form, habits, and where it lives."""

    level: str
    scenario: S
    doc_format: DocFormat
    habits: frozenset[Habit]
    shared: bool = False  # on the platform's shared host rather than a host of its own


@dataclass(frozen=True, kw_only=True)
class TierPlace:
    """The agency's address: host, path prefix of its area, registry URL."""

    host: str
    prefix: str  # "" on a host of its own; "/web/so-x", "/so-x" on a shared one
    website: str


@dataclass(frozen=True, kw_only=True)
class TierAgency:
    """One agency of a tier: its spec (as the province's), platform, row, place, number."""

    spec: AgencySpec
    platform: Platform
    row: TierRow
    place: TierPlace
    number: int  # its rank within the tier, from 1: ids of the platform derive from it

    @property
    def code(self) -> str:
        return self.spec.code

    def has(self, habit: Habit) -> bool:
        return habit in self.row.habits


@dataclass(frozen=True, kw_only=True)
class TierContext:
    """What building any tier site needs to know of the whole."""

    seed: int
    as_of: date
    port: int
    agencies: tuple[TierAgency, ...]

    def origin_of(self, host: str) -> str:
        return f"http://{host}:{self.port}"

    def of(self, platform: Platform) -> list[TierAgency]:
        return [a for a in self.agencies if a.platform is platform]


def _row(
    level: str, scenario: S, doc_format: DocFormat, *habits: Habit, shared: bool = False
) -> TierRow:
    return TierRow(
        level=level,
        scenario=scenario,
        doc_format=doc_format,
        habits=frozenset(habits),
        shared=shared,
    )


# fmt: off
COVERING: dict[Platform, tuple[TierRow, ...]] = {
    Platform.NUKEVIET: (
        _row("department", S.COMPLIANT, D.PDF, H.TITLE_NUMBER_ONLY, H.TWO_LINKS_PER_ENTRY,
             H.SITEMAP_SLUG_WITHOUT_KEYWORDS, H.SEARCH_DATA_URL, H.DOWNLOAD_NUKEVIET,
             H.START_URL_PATH, H.VOLATILE_PAGE, H.LONG_MENU_LABELS, H.NEG_SIDEBAR_BLOCK,
             H.NEG_PRINT_RENDERING, H.NEG_NEWS_MENTIONS_ISO),
        _row("commune", S.STALE_OBJECTIVES, D.DOCX, H.TWO_LINKS_PER_ENTRY, H.DOWNLOAD_NUKEVIET,
             H.DOWNLOAD_GENERIC_TYPE, H.QUERY_URLS, H.SEARCH_DATA_URL,
             H.VOLATILE_PAGE),
        _row("branch", S.ISO_2008, D.RTF_DOC, H.TITLE_NUMBER_ONLY, H.DOWNLOAD_NUKEVIET,
             H.VOLATILE_PAGE, H.NEG_PRINT_RENDERING),
        _row("commune", S.NEWS_ONLY, D.PDF, H.TITLE_NUMBER_ONLY, H.SEARCH_DATA_URL,
             H.VOLATILE_PAGE, H.NEG_NEWS_MENTIONS_ISO),
    ),
    Platform.DOTNETNUKE: (
        _row("department", S.COMPLIANT, D.PDF, H.POSTBACK_PAGING, H.DOWNLOAD_LINKCLICK,
             H.SEARCH_POSTBACK, H.START_URL_PATH, H.VOLATILE_PAGE, H.LONG_MENU_LABELS,
             H.NEG_PRINT_RENDERING, H.NEG_NEWS_MENTIONS_ISO),
        _row("branch", S.NO_POLICY, D.DOCX, H.DOWNLOAD_LINKCLICK, H.DOWNLOAD_GENERIC_TYPE,
             H.SEARCH_POSTBACK, H.VOLATILE_PAGE),
        _row("branch", S.ISO_2008, D.PDF, H.POSTBACK_PAGING, H.START_URL_PATH,
             H.VOLATILE_PAGE),
    ),
    Platform.SHAREPOINT: (
        _row("department", S.COMPLIANT, D.PDF, H.SHAREPOINT_LIST_DATA, H.START_URL_PATH,
             H.VOLATILE_PAGE, H.DOWNLOAD_WPDMDL, H.DOWNLOAD_DATA_ATTRIBUTE,
             H.DOWNLOAD_GENERIC_TYPE, H.NEG_NEWS_MENTIONS_ISO),
        _row("department", S.STALE_OBJECTIVES, D.DOCX, H.SHAREPOINT_LIST_DATA,
             H.START_URL_PATH, H.VOLATILE_PAGE, shared=True),
        _row("branch", S.NEWS_ONLY, D.PDF, H.SHAREPOINT_LIST_DATA, H.START_URL_PATH,
             H.VOLATILE_PAGE, H.NEG_NEWS_MENTIONS_ISO, shared=True),
    ),
    Platform.LIFERAY: (
        _row("department", S.COMPLIANT, D.PDF, H.LIFERAY_LIBRARY, H.START_URL_PATH,
             H.VOLATILE_PAGE, H.TITLE_NUMBER_ONLY, shared=True),
        _row("commune", S.NO_DECLARATION, D.DOCX, H.LIFERAY_LIBRARY, H.START_URL_PATH,
             H.VOLATILE_PAGE, H.LONG_MENU_LABELS, shared=True),
        _row("department", S.HARD_NEGATIVES, D.PDF, H.LIFERAY_LIBRARY, H.START_URL_PATH,
             H.VOLATILE_PAGE, H.NEG_NEWS_MENTIONS_ISO, shared=True),
    ),
    Platform.JOOMLA: (
        _row("department", S.COMPLIANT, D.PDF, H.DOWNLOAD_PHOCA, H.DOWNLOAD_GENERIC_TYPE,
             H.SEARCH_POST_FORM, H.START_URL_PATH, H.NEG_PRINT_RENDERING, H.VOLATILE_PAGE),
        _row("commune", S.ISO_2008, D.PDF, H.DOWNLOAD_PHOCA, H.START_URL_PATH,
             H.QUERY_URLS, H.SEARCH_POST_FORM),
        _row("commune", S.STALE_MERGED, D.DOCX, H.DOWNLOAD_PHOCA, H.TITLE_NUMBER_ONLY,
             H.NEG_PRINT_RENDERING, H.VOLATILE_PAGE),
    ),
    Platform.ISO_QUERY: (
        _row("commune", S.COMPLIANT, D.PDF, H.START_URL_QUERY, H.JSON_POST_PAGING,
             H.VOLATILE_PAGE, shared=True),
        _row("commune", S.NEWS_ONLY, D.PDF, H.START_URL_QUERY, H.JSON_POST_PAGING,
             H.VOLATILE_PAGE, shared=True),
        _row("commune", S.STALE_OBJECTIVES, D.DOCX, H.START_URL_QUERY, H.JSON_POST_PAGING,
             H.VOLATILE_PAGE, shared=True),
    ),
}
# Habits a drawn agency of each platform may show, beyond the covering set's.
OPTIONAL: dict[Platform, tuple[Habit, ...]] = {
    Platform.NUKEVIET: (H.TITLE_NUMBER_ONLY, H.TWO_LINKS_PER_ENTRY, H.QUERY_URLS,
                        H.START_URL_PATH, H.NEG_SIDEBAR_BLOCK, H.NEG_PRINT_RENDERING,
                        H.LONG_MENU_LABELS, H.DOWNLOAD_GENERIC_TYPE,
                        H.SITEMAP_SLUG_WITHOUT_KEYWORDS),
    Platform.DOTNETNUKE: (H.POSTBACK_PAGING, H.DOWNLOAD_GENERIC_TYPE, H.START_URL_PATH,
                          H.LONG_MENU_LABELS, H.NEG_PRINT_RENDERING),
    Platform.SHAREPOINT: (H.START_URL_PATH,),
    Platform.LIFERAY: (H.TITLE_NUMBER_ONLY, H.LONG_MENU_LABELS),
    Platform.JOOMLA: (H.DOWNLOAD_GENERIC_TYPE, H.START_URL_PATH, H.TITLE_NUMBER_ONLY, H.QUERY_URLS,
                      H.NEG_PRINT_RENDERING, H.SEARCH_POST_FORM),
    Platform.ISO_QUERY: (),
}
BASE: dict[Platform, tuple[Habit, ...]] = {
    Platform.NUKEVIET: (H.DOWNLOAD_NUKEVIET, H.SEARCH_DATA_URL, H.VOLATILE_PAGE),
    Platform.DOTNETNUKE: (H.DOWNLOAD_LINKCLICK, H.SEARCH_POSTBACK, H.VOLATILE_PAGE),
    Platform.SHAREPOINT: (H.SHAREPOINT_LIST_DATA, H.VOLATILE_PAGE),
    Platform.LIFERAY: (H.LIFERAY_LIBRARY, H.START_URL_PATH, H.VOLATILE_PAGE),
    Platform.JOOMLA: (H.DOWNLOAD_PHOCA,),
    Platform.ISO_QUERY: (H.START_URL_QUERY, H.JSON_POST_PAGING, H.VOLATILE_PAGE),
}


def _unit(code: str, name: str, level: str, slug: str, doc_code: str, head: str,
          sectors: tuple[str, ...], procedure: str, parent: str = "UBND-TINH") -> Body:
    return Body(code=code, name=name, level=level, slug=slug, doc_code=doc_code,
                head_title=head, sectors=sectors, procedures=(*MANAGEMENT, procedure),
                parent=parent)


UNITS: dict[str, tuple[Body, ...]] = {
    "department": (
        _unit("BQL-KKT", "Ban Quản lý Khu kinh tế tỉnh Demo", "department", "bqlkkt",
              "BQLKKT", "TRƯỞNG BAN", ("Đầu tư", "Quy hoạch xây dựng"),
              "Cấp Giấy chứng nhận đăng ký đầu tư"),
        _unit("VP-DDBQH", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
              "department", "vpdbqhhdnd", "VPĐĐBQH", "CHÁNH VĂN PHÒNG",
              ("Tiếp công dân", "Hành chính, tổng hợp"), "Tiếp nhận đơn thư của công dân"),
        _unit("BQL-KCN", "Ban Quản lý các Khu công nghiệp tỉnh Demo", "department", "bqlkcn",
              "BQLKCN", "TRƯỞNG BAN", ("Đầu tư", "Lao động"), "Cấp giấy phép lao động"),
        _unit("BAN-TDKT", "Ban Thi đua - Khen thưởng tỉnh Demo", "department", "btdkt",
              "BTĐKT", "TRƯỞNG BAN", ("Thi đua, khen thưởng",), "Thẩm định hồ sơ khen thưởng",
              parent="SO-NV"),
        _unit("DAI-PTTH", "Đài Phát thanh và Truyền hình tỉnh Demo", "department", "ptth",
              "ĐPTTH", "GIÁM ĐỐC", ("Báo chí", "Phát thanh, truyền hình"),
              "Tiếp nhận và xử lý tin bài"),
        _unit("BQL-DADD", "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và "
              "công nghiệp tỉnh Demo", "department", "bqldadd", "BQLDA", "GIÁM ĐỐC",
              ("Quản lý dự án",), "Thẩm định hồ sơ mời thầu"),
    ),
    "branch": (
        _unit("TT-PVHCC", "Trung tâm Phục vụ hành chính công tỉnh Demo", "branch",
              "hanhchinhcong", "TTPVHCC", "GIÁM ĐỐC",
              ("Tiếp nhận, trả kết quả thủ tục hành chính",),
              "Tiếp nhận hồ sơ thủ tục hành chính", parent="VP-UBND"),
        _unit("CC-DIACHAT", "Chi cục Địa chất và Khoáng sản", "branch", "cc-diachat",
              "CCĐCKS", "CHI CỤC TRƯỞNG", ("Địa chất", "Khoáng sản"),
              "Cấp giấy phép thăm dò khoáng sản", parent="SO-NNMT"),
        _unit("TT-XTDT", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Demo", "branch",
              "xuctiendautu", "TTXTĐT", "GIÁM ĐỐC", ("Xúc tiến đầu tư",),
              "Hỗ trợ nhà đầu tư tìm hiểu dự án", parent="SO-TC"),
        _unit("TT-DVVL", "Trung tâm Dịch vụ việc làm tỉnh Demo", "branch", "vieclam",
              "TTDVVL", "GIÁM ĐỐC", ("Việc làm", "Bảo hiểm thất nghiệp"),
              "Giải quyết hưởng trợ cấp thất nghiệp", parent="SO-NV"),
        _unit("TT-CNTT", "Trung tâm Công nghệ thông tin và Truyền thông tỉnh Demo", "branch",
              "ttcntt", "TTCNTT", "GIÁM ĐỐC", ("Công nghệ thông tin",),
              "Cung cấp dịch vụ chứng thư số", parent="SO-KHCN"),
    ),
}
# fmt: on

_SCENARIOS = {
    S.COMPLIANT: 40,
    S.STALE_OBJECTIVES: 10,
    S.NO_POLICY: 6,
    S.NO_DECLARATION: 5,
    S.NEWS_ONLY: 14,
    S.ISO_2008: 5,
}


def _drawn_row(rng: random.Random, platform: Platform) -> TierRow:
    scenario = rng.choices(list(_SCENARIOS), weights=list(_SCENARIOS.values()))[0]
    habits = set(BASE[platform]) | {h for h in OPTIONAL[platform] if rng.random() < 0.4}
    shared = platform in SHARED_PLATFORMS or (
        platform is Platform.SHAREPOINT and rng.random() < 0.5
    )
    return TierRow(
        level="commune",
        scenario=scenario,
        doc_format=rng.choice((D.PDF, D.PDF, D.DOCX)),
        habits=frozenset(habits),
        shared=shared,
    )


def tier_rows(platform: Platform, count: int, rng: random.Random) -> list[TierRow]:
    """`count` rows of `platform`: its covering rows first, then drawn ones."""
    rows = list(COVERING[platform][:count])
    return rows + [_drawn_row(rng, platform) for _ in range(count - len(rows))]


class _Bodies:
    """Hands out bodies by level: the fixed units first, then communes not yet taken."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.taken = taken
        self.left = {level: list(units) for level, units in UNITS.items()}

    def next(self, level: str) -> Body:
        units = self.left.get(level)
        if units:
            return units.pop(0)
        return communes(self.rng, 1, self.taken)[0]


def _spec(body: Body, scenario: S) -> AgencySpec:
    merged = scenario is S.STALE_MERGED
    established = REORGANISATION if body.level == "commune" or merged else None
    predecessor = None
    if merged:
        predecessor = (
            (body.name.replace(" xã ", " thị trấn ").replace(" phường ", " thị trấn "), "UBND")
            if body.level == "commune"
            else (body.name + " (trước sắp xếp)", body.doc_code + "CU")
        )
    return AgencySpec(
        code=body.code,
        name=body.name,
        level=body.level,
        slug=body.slug,
        on_portal=False,
        doc_code=body.doc_code,
        head_title=body.head_title,
        scenario=scenario,
        presentation=Presentation.ISO_MENU,
        file_format=FileFormat.PDF,
        sectors=body.sectors,
        procedures=body.procedures,
        parent=body.parent,
        established=established,
        predecessor=predecessor,
    )


PlaceOf = Callable[[Platform, TierRow, AgencySpec, int], TierPlace]


def tier_agencies(
    *,
    seed: int,
    per_tier: int,
    province: tuple[GeneratedAgency, ...],
    place_of: PlaceOf,
) -> tuple[TierAgency, ...]:
    """`per_tier` agencies of every platform, their bodies clear of the `province`'s."""
    rng = random.Random(f"platforms/{seed}")
    taken = {
        a.spec.slug.split("-", 1)[1]
        for a in province
        if a.spec.level in ("commune", "district") and "-" in a.spec.slug
    }
    codes = {a.code for a in province}
    bodies = _Bodies(rng, taken)
    agencies = []
    for platform in Platform:
        for number, row in enumerate(tier_rows(platform, per_tier, rng), 1):
            body = bodies.next(row.level)
            while body.code in codes:
                body = bodies.next("commune")
            codes.add(body.code)
            spec = _spec(body, row.scenario)
            agencies.append(
                TierAgency(
                    spec=spec,
                    platform=platform,
                    row=row,
                    place=place_of(platform, row, spec, number),
                    number=number,
                )
            )
    return tuple(agencies)
