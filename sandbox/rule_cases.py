"""Agencies that exercise the rules beyond "is the declaration there", and the findings
their audit must report.

Each case is one agency of the generated province with papers made for one rule: a commune
still publishing the declaration of the abolished district it came from (FRESH002 and
FRESH008), a management board with a procedure still citing NĐ 61/2018/NĐ-CP (FRESH007), a
service centre that publishes last year's internal-audit report and no management review
(FRESH006), and a branch whose whole QMS adopts ISO 9001:2026 (VER004; not outdated). The
cases take the place of the last agencies drawn at random, so a province of at least
`len(COVERING) + len(CASES)` agencies has them and every other agency stays as it was.
Their truth states the exact rule codes of their findings under the default profile.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sandbox import qms_records, qms_texts
from sandbox.features import DocFormat, Features, PortalStyle, Publishing
from sandbox.generated_roster import COVERING, GeneratedAgency
from sandbox.paperwork import Block, Paragraph, Table
from sandbox.roster import REORGANISATION, AgencySpec, FileFormat, Presentation, Scenario
from sandbox.scenarios import PlannedPaper, issuer_for

_MANAGEMENT = ("Kiểm soát thông tin dạng văn bản", "Đánh giá nội bộ")
OLD_DECREE_PROCEDURE = "quy-trinh-qt-09-cap-giay-chung-nhan-dang-ky-dau-tu"
NEW_EDITION = "ISO 9001:2026"
_LEGAL_BASIS = re.compile(r"Căn cứ (Quyết định|Nghị định|Thông tư|Luật|Nghị quyết) ")


@dataclass(frozen=True, kw_only=True)
class RuleCase:
    """One agency made for one rule: who it is, what it publishes, what the audit finds."""

    tag: str  # in the truth's tags
    agency: GeneratedAgency
    findings: tuple[str, ...]  # every rule code the default profile reports, sorted
    papers: Callable[[AgencySpec, list[PlannedPaper], date, random.Random], list[PlannedPaper]]

    @property
    def code(self) -> str:
        return self.agency.code


def _spec(
    code: str,
    name: str,
    level: str,
    slug: str,
    doc_code: str,
    head_title: str,
    scenario: Scenario,
    *,
    sectors: tuple[str, ...],
    procedures: tuple[str, ...],
    established: date | None = None,
    predecessor: tuple[str, str] | None = None,
) -> AgencySpec:
    return AgencySpec(
        code=code,
        name=name,
        level=level,
        slug=slug,
        on_portal=False,
        doc_code=doc_code,
        head_title=head_title,
        scenario=scenario,
        presentation=Presentation.ISO_MENU,
        file_format=FileFormat.PDF,
        sectors=sectors,
        procedures=_MANAGEMENT + procedures,
        parent="UBND-TINH",
        established=established,
        predecessor=predecessor,
    )


def _agency(spec: AgencySpec, publishing: Publishing, style: PortalStyle) -> GeneratedAgency:
    return GeneratedAgency(
        spec=spec, features=Features(style=style, publishing=publishing, doc_format=DocFormat.PDF)
    )


def _day(spec: AgencySpec, as_of: date, wanted: date) -> date:
    """`wanted`, moved after the agency's establishment and before `as_of`."""
    if spec.established and wanted < spec.established + timedelta(days=20):
        wanted = spec.established + timedelta(days=20)
    return min(wanted, as_of - timedelta(days=1))


def _review(spec: AgencySpec, as_of: date, rng: random.Random) -> PlannedPaper:
    """Last year's management review minutes (this year's, for an agency set up since)."""
    issued = _day(spec, as_of, date(as_of.year - 1, 12, rng.randint(15, 28)))
    minutes = qms_records.management_review(
        issuer_for(spec),
        number=f"{rng.randrange(420, 900)}/BB-{spec.doc_code}",
        issued=issued,
        signer="Nguyễn Thanh Bình",
    )
    stem = f"bien-ban-hop-xem-xet-cua-lanh-dao-nam-{issued.year}"
    return PlannedPaper(
        paper=minutes, stem=stem, doc_type="management_review", iso_version="2015", year=issued.year
    )


def _application_report(spec: AgencySpec, as_of: date, rng: random.Random) -> PlannedPaper:
    """The yearly report saying the internal audit and the management review were held."""
    issued = _day(spec, as_of, date(as_of.year - 1, 12, rng.randint(1, 14)))
    report = qms_records.application_report(
        issuer_for(spec),
        number=f"{rng.randrange(420, 900)}/BC-{spec.doc_code}",
        issued=issued,
        signer="Nguyễn Thanh Bình",
    )
    stem = f"bao-cao-ap-dung-htqlcl-nam-{issued.year}"
    return PlannedPaper(
        paper=report, stem=stem, doc_type="report", iso_version="2015", year=issued.year
    )


def _abolished_district(
    spec: AgencySpec, qms: list[PlannedPaper], as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    """The district's old declaration (from STALE_MERGED) stands; records are published."""
    return [*qms, _application_report(spec, as_of, rng), _review(spec, as_of, rng)]


def _old_decree(
    spec: AgencySpec, qms: list[PlannedPaper], as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    """A procedure issued in 2024, before NĐ 118/2025, that still cites NĐ 61/2018."""
    procedure = qms_texts.procedure(
        issuer_for(spec),
        index=9,
        title="Cấp Giấy chứng nhận đăng ký đầu tư",
        issued=date(2024, rng.randint(3, 10), rng.randint(1, 28)),
        signer="Trần Văn Khải",
        drafter="Lê Thị Hồng",
    )
    old = PlannedPaper(
        paper=procedure,
        stem=OLD_DECREE_PROCEDURE,
        doc_type="procedure",
        iso_version="2015",
        year=None,
    )
    return [*qms, old, _review(spec, as_of, rng)]


def _audit_only(
    spec: AgencySpec, qms: list[PlannedPaper], as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    """The report of last year's internal audit, and no management review."""
    year = as_of.year - 1
    report = qms_texts.internal_audit_report(
        issuer_for(spec),
        number=f"{rng.randrange(420, 900)}/BC-{spec.doc_code}",
        issued=_day(spec, as_of, date(year, rng.randint(10, 11), rng.randint(1, 28))),
        signer="Nguyễn Thanh Bình",
        year=year,
    )
    audit = PlannedPaper(
        paper=report,
        stem=f"bao-cao-danh-gia-noi-bo-nam-{year}",
        doc_type="internal_audit",
        iso_version="2015",
        year=year,
    )
    return [*(p for p in qms if p.doc_type != "internal_audit"), audit]


def _on_2026(
    spec: AgencySpec, qms: list[PlannedPaper], as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    """Every paper, records included, rewritten to adopt ISO 9001:2026."""
    return [_adopting_2026(planned) for planned in (*qms, _review(spec, as_of, rng))]


def _adopting_2026(planned: PlannedPaper) -> PlannedPaper:
    paper = planned.paper
    rewritten = replace(
        paper,
        kind=_new_edition(paper.kind),
        subject=_new_edition(paper.subject) if paper.subject else None,
        blocks=tuple(_block_2026(block) for block in paper.blocks),
    )
    version = "2026" if planned.iso_version == "2015" else planned.iso_version
    return replace(planned, paper=rewritten, iso_version=version)


def _block_2026(block: Block) -> Block:
    if isinstance(block, Table):
        return Table(rows=tuple(tuple(_new_edition(cell) for cell in row) for row in block.rows))
    if _LEGAL_BASIS.match(block.text):  # the texts cited keep their own titles
        return block
    return Paragraph(text=_new_edition(block.text), heading=block.heading)


def _new_edition(text: str) -> str:
    return text.replace(
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2015", f"tiêu chuẩn {NEW_EDITION}"
    ).replace("TCVN ISO 9001:2015", NEW_EDITION)


# fmt: off
CASES: tuple[RuleCase, ...] = (
    RuleCase(
        tag="rule_abolished_district",
        agency=_agency(
            _spec("XA-BINHMINH", "Ủy ban nhân dân xã Bình Minh", "commune", "xa-binh-minh", "UBND",
                  "CHỦ TỊCH", Scenario.STALE_MERGED, sectors=("Hộ tịch", "Chứng thực", "Đất đai"),
                  procedures=("Đăng ký khai sinh", "Chứng thực bản sao từ bản chính"),
                  established=REORGANISATION,
                  predecessor=("Ủy ban nhân dân huyện Kim Bảng", "UBND")),
            Publishing.ISO_MENU, PortalStyle.CLASSIC,
        ),
        findings=("FRESH002", "FRESH008"),
        papers=_abolished_district,
    ),
    RuleCase(
        tag="rule_superseded_decree",
        agency=_agency(
            _spec("BQL-KCN", "Ban Quản lý các khu công nghiệp", "department", "bqlkcn", "BQLKCN",
                  "TRƯỞNG BAN", Scenario.COMPLIANT, sectors=("Đầu tư", "Lao động"),
                  procedures=("Cấp Giấy chứng nhận đăng ký đầu tư",)),
            Publishing.DOC_TABLE, PortalStyle.TABLE,
        ),
        findings=("FRESH007",),
        papers=_old_decree,
    ),
    RuleCase(
        tag="rule_audit_report_last_year",
        agency=_agency(
            _spec("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "department", "ttpvhcc",
                  "TTPVHCC", "GIÁM ĐỐC", Scenario.COMPLIANT, sectors=("Một cửa liên thông",),
                  procedures=("Tiếp nhận và trả kết quả hồ sơ thủ tục hành chính",)),
            Publishing.NEWS_POST, PortalStyle.PORTLET,
        ),
        findings=("FRESH006",),
        papers=_audit_only,
    ),
    RuleCase(
        tag="rule_iso_9001_2026",
        agency=_agency(
            _spec("CC-QLTT", "Chi cục Quản lý thị trường", "branch", "chicuc-qltt", "CCQLTT",
                  "CHI CỤC TRƯỞNG", Scenario.COMPLIANT, sectors=("Quản lý thị trường",),
                  procedures=("Xử lý vi phạm hành chính trong hoạt động thương mại",)),
            Publishing.ISO_MENU, PortalStyle.TABLE,
        ),
        findings=("VER004",),
        papers=_on_2026,
    ),
)
# fmt: on
_BY_CODE = {case.code: case for case in CASES}


def rule_case(code: str) -> RuleCase | None:
    return _BY_CODE.get(code)


def with_rule_cases(roster: tuple[GeneratedAgency, ...]) -> tuple[GeneratedAgency, ...]:
    """`roster` with its last agencies drawn at random replaced by the cases, when it has
    that many; smaller provinces are left as they are."""
    if len(roster) < len(COVERING) + len(CASES):
        return roster
    return (*roster[: len(roster) - len(CASES)], *(case.agency for case in CASES))


def rule_case_papers(
    spec: AgencySpec, qms: list[PlannedPaper], *, as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    """The QMS papers of `spec`, made over for its case if it is one."""
    case = rule_case(spec.code)
    return qms if case is None else case.papers(spec, qms, as_of, rng)
