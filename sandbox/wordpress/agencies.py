"""The agencies of the WordPress tier: who they are, what they publish, and how (as data).

Each agency is one WordPress install of its own on `<label>.tinhdemo.localhost`. What it
publishes comes from the province's scenarios (`sandbox.scenarios.plan_papers`); how it
publishes is its permalinks, the form of each document, and its habits, each a tag in the
truth. Codes and host names are none of the generated province's, so the tier can be
added to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sandbox.features import DocFormat
from sandbox.model import RegistryRow
from sandbox.roster import PROVINCE_DOMAIN, REORGANISATION, AgencySpec, FileFormat, Presentation
from sandbox.roster import Scenario as S

PLAIN = ""  # ?p=12, ?page_id=7, ?attachment_id=31, ?cat=3
DATED = "/%year%/%monthnum%/%postname%/"
POST_NAME = "/%postname%/"
CATEGORY_POST = "/%category%/%postname%/"


class Habit(StrEnum):
    """A publishing habit of WordPress sites that a crawler must cope with (a truth tag)."""

    NUMBER_ONLY_TITLE = "wp_number_only_title"  # "Quyết định số 27/QĐ-… ngày … của …"; no subject
    ATTACHMENT_PAGES = "wp_attachment_pages"  # links lead to attachment pages, which link the file
    DOWNLOAD_PLUGIN = "wp_download_plugin"  # one file only behind ?wpdmdl=<id>, octet-stream
    ISO_PAGE = "wp_iso_page"  # a page "Hệ thống quản lý chất lượng" in the menu lists the set
    ISO_TRAINING_NEWS = "wp_iso_training_news"  # a hard negative: news of an ISO training course


@dataclass(frozen=True, kw_only=True)
class TierAgency:
    """One agency of the tier and the WordPress site it keeps."""

    spec: AgencySpec
    label: str  # host label: <label>.tinhdemo.localhost
    permalinks: str  # a WordPress permalink structure; PLAIN for ?p=N links
    default_format: DocFormat = DocFormat.PDF
    formats: Mapping[str, DocFormat] = field(default_factory=dict)  # per doc_type
    habits: frozenset[Habit] = frozenset()

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def host(self) -> str:
        return f"{self.label}.{PROVINCE_DOMAIN}"

    def format_of(self, doc_type: str | None) -> DocFormat:
        return self.formats.get(doc_type or "", self.default_format)

    def website(self, port: int) -> str:
        return f"http://{self.host}:{port}/"


_MANAGEMENT = ("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ")


def _spec(
    code: str,
    name: str,
    level: str,
    doc_code: str,
    head_title: str,
    scenario: S,
    sectors: tuple[str, ...],
    procedures: tuple[str, ...],
    *,
    parent: str = "UBND-TINH",
    new_in_2025: bool = False,
) -> AgencySpec:
    return AgencySpec(
        code=code,
        name=name,
        level=level,
        slug=code.lower(),
        on_portal=False,
        doc_code=doc_code,
        head_title=head_title,
        scenario=scenario,
        presentation=Presentation.NEWS_POST,  # nominal: the habits rule the site
        file_format=FileFormat.PDF,
        sectors=sectors,
        procedures=_MANAGEMENT + procedures,
        parent=parent,
        established=REORGANISATION if new_in_2025 else None,
    )


H, D = Habit, DocFormat

# fmt: off
TIER: tuple[TierAgency, ...] = (
    TierAgency(
        spec=_spec("BQL-KDL", "Ban Quản lý Khu du lịch quốc gia tỉnh Demo", "department",
                   "BQLKDL", "TRƯỞNG BAN", S.COMPLIANT, ("Đầu tư", "Xây dựng", "Du lịch"),
                   ("Cấp Giấy chứng nhận đăng ký đầu tư", "Cấp giấy phép xây dựng")),
        label="bqlkdl", permalinks=DATED,
        formats={"quality_policy": D.HTML, "quality_objectives": D.DOCX, "plan": D.DOCX},
        habits=frozenset({H.NUMBER_ONLY_TITLE, H.ISO_PAGE}),
    ),
    TierAgency(
        spec=_spec("TT-CNTT", "Trung tâm Công nghệ thông tin và Truyền thông tỉnh Demo",
                   "branch", "TTCNTT", "GIÁM ĐỐC", S.NO_POLICY, ("Công nghệ thông tin",),
                   ("Tiếp nhận và xử lý yêu cầu hỗ trợ kỹ thuật",), parent="VP-UBND"),
        label="cntt", permalinks=PLAIN, default_format=D.RTF_DOC,
        habits=frozenset({H.ATTACHMENT_PAGES, H.DOWNLOAD_PLUGIN, H.ISO_PAGE}),
    ),
    TierAgency(
        spec=_spec("CC-BHD", "Chi cục Biển và Hải đảo", "branch", "CCBHĐ", "CHI CỤC TRƯỞNG",
                   S.ISO_2008, ("Biển và hải đảo",), (), parent="SO-NNMT"),
        label="chicuc-bienhaidao", permalinks=POST_NAME,
        habits=frozenset({H.ISO_PAGE}),
    ),
    TierAgency(
        spec=_spec("XA-BENCUI", "Ủy ban nhân dân xã Bến Củi", "commune", "UBND", "CHỦ TỊCH",
                   S.NEWS_ONLY, ("Hộ tịch", "Chứng thực"), (), new_in_2025=True),
        label="xa-ben-cui", permalinks=CATEGORY_POST,
        habits=frozenset({H.ISO_TRAINING_NEWS}),
    ),
)
# fmt: on


def tier_registry(port: int, agencies: tuple[TierAgency, ...] = TIER) -> tuple[RegistryRow, ...]:
    """The registry rows of the tier's agencies, their websites on `port`."""
    return tuple(
        RegistryRow(
            code=agency.code,
            name=agency.spec.name,
            level=agency.spec.level,
            website=agency.website(port),
            parent=agency.spec.parent,
            established=agency.spec.established,
        )
        for agency in agencies
    )
