"""Which documents each scenario publishes, with numbers and dates consistent with as_of."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sandbox import negatives, qms2008_texts, qms_texts
from sandbox.paperwork import Issuer, Paper
from sandbox.roster import AgencySpec, Scenario

EARLIEST_AS_OF = date(2025, 10, 1)
PROVINCE_PARENT = "ỦY BAN NHÂN DÂN TỈNH DEMO"
SIGNERS = (
    "Nguyễn Văn An",
    "Trần Thị Bích Hạnh",
    "Lê Minh Tuấn",
    "Phạm Quốc Hùng",
    "Hoàng Thị Thu Hà",
    "Vũ Đức Thắng",
    "Đặng Thanh Sơn",
    "Bùi Thị Mai Lan",
    "Đỗ Hữu Nghĩa",
    "Ngô Thị Phương Thảo",
)


@dataclass(frozen=True, kw_only=True)
class PlannedPaper:
    """A document an agency publishes, with what the truth says of it."""

    paper: Paper
    stem: str  # file or page name without extension, unique within the agency
    doc_type: str | None  # None for a hard negative: not a QMS document
    iso_version: str | None
    year: int | None


def required_objectives_year(as_of: date) -> int:
    """The year whose objectives must be out by `as_of`: this year from 1 April, else last year."""
    return as_of.year if as_of >= date(as_of.year, 4, 1) else as_of.year - 1


def issuer_for(spec: AgencySpec) -> Issuer:
    """How `spec` signs its documents."""
    if spec.level in ("commune", "district"):  # a People's Committee heads its own papers
        place = spec.name.removeprefix("Ủy ban nhân dân ").split(" ", 1)[1]
        return Issuer(
            parent=None, name=spec.name, code=spec.doc_code, place=place, head_title=spec.head_title
        )
    parent = None if spec.level == "province" else PROVINCE_PARENT
    return Issuer(
        parent=parent,
        name=spec.name,
        code=spec.doc_code,
        place="Tỉnh Demo",
        head_title=spec.head_title,
    )


class _Clerk:
    """Hands out document numbers and dates for one agency, within [established, as_of)."""

    def __init__(self, rng: random.Random, spec: AgencySpec, as_of: date) -> None:
        self.rng = rng
        self.code = spec.doc_code
        self.latest = as_of - timedelta(days=1)
        self.earliest = spec.established + timedelta(days=15) if spec.established else None
        self.used: set[int] = set()
        self.head = rng.choice(SIGNERS)
        self.drafter = rng.choice([name for name in SIGNERS if name != self.head])

    def number(self, kind: str = "QĐ", code: str | None = None) -> str:
        value = self.rng.randrange(3, 420)
        while value in self.used:
            value = self.rng.randrange(3, 420)
        self.used.add(value)
        return f"{value:02d}/{kind}-{code or self.code}"

    def day(self, year: int, first_month: int = 1, last_month: int = 12) -> date:
        wanted = date(year, self.rng.randint(first_month, last_month), self.rng.randint(1, 28))
        return self.settle(wanted)

    def settle(self, wanted: date) -> date:
        if self.earliest and wanted < self.earliest:
            wanted = self.earliest + timedelta(days=self.rng.randrange(30))
        return min(wanted, self.latest)


def _kept(
    paper: Paper,
    stem: str,
    doc_type: str | None,
    *,
    version: str | None = "2015",
    year: int | None = None,
) -> PlannedPaper:
    return PlannedPaper(paper=paper, stem=stem, doc_type=doc_type, iso_version=version, year=year)


def _plan_2015(spec: AgencySpec, clerk: _Clerk, issuer: Issuer, as_of: date) -> list[PlannedPaper]:
    """The 2015 set the scenario keeps: declaration, policy, objectives, processes, extras."""
    scenario = spec.scenario
    year = required_objectives_year(as_of)
    declared = clerk.day(as_of.year - 2, 3, 10) if spec.established is None else clerk.day(2025, 7)
    papers: list[PlannedPaper] = []
    if scenario is not Scenario.NO_DECLARATION:
        papers.append(_declaration(spec, clerk, issuer, declared))
    if scenario is not Scenario.NO_POLICY:
        policy = qms_texts.quality_policy(
            issuer, decision=clerk.number(), issued=declared, signer=clerk.head
        )
        papers.append(_kept(policy, "chinh-sach-chat-luong", "quality_policy"))
    newest = year - 1 if scenario is Scenario.STALE_OBJECTIVES else year
    older = [newest - 1] if spec.established is None else []
    papers += [_objectives(clerk, issuer, y) for y in (newest, *older)]
    papers += _processes(spec, clerk, issuer)
    if scenario in (Scenario.COMPLIANT, Scenario.COMPLIANT_MIXED):
        papers += _yearly_records(clerk, issuer, year, audited=spec.established is None)
    return papers


def _declaration(spec: AgencySpec, clerk: _Clerk, issuer: Issuer, declared: date) -> PlannedPaper:
    if spec.scenario is Scenario.STALE_MERGED and spec.predecessor:
        name, code = spec.predecessor
        issuer = replace(issuer, name=name, code=code)
        declared = date(2025, clerk.rng.randint(2, 5), clerk.rng.randint(1, 28))
    paper = qms_texts.declaration(
        issuer,
        number=clerk.number(code=issuer.code),
        issued=declared,
        signer=clerk.head,
        sectors=spec.sectors,
    )
    return _kept(paper, "quyet-dinh-cong-bo-htqlcl", "declaration")


def _objectives(clerk: _Clerk, issuer: Issuer, year: int) -> PlannedPaper:
    paper = qms_texts.quality_objectives(
        issuer, decision=clerk.number(), issued=clerk.day(year, 1, 2), signer=clerk.head, year=year
    )
    return _kept(paper, f"muc-tieu-chat-luong-nam-{year}", "quality_objectives", year=year)


def _processes(spec: AgencySpec, clerk: _Clerk, issuer: Issuer) -> list[PlannedPaper]:
    """The process list and procedures, (re)issued after the one-stop decree of July 2025."""
    issued = clerk.day(2025, 7, 12)
    edition = "01" if spec.established else "02"
    listing = qms_texts.process_list(
        issuer,
        number=clerk.number(),
        issued=issued,
        signer=clerk.head,
        procedures=spec.procedures,
        edition=edition,
    )
    papers = [_kept(listing, "danh-muc-quy-trinh", "process_list")]
    for index, title in enumerate(spec.procedures[:4], 1):
        paper = qms_texts.procedure(
            issuer,
            index=index,
            title=title,
            issued=issued,
            signer=clerk.head,
            drafter=clerk.drafter,
            edition=edition,
        )
        papers.append(_kept(paper, f"quy-trinh-qt-{index:02d}", "procedure"))
    return papers


def _yearly_records(
    clerk: _Clerk, issuer: Issuer, year: int, *, audited: bool
) -> list[PlannedPaper]:
    plan = qms_texts.maintenance_plan(
        issuer,
        number=clerk.number("KH"),
        issued=clerk.day(year, 1, 2),
        signer=clerk.head,
        year=year,
    )
    papers = [_kept(plan, f"ke-hoach-duy-tri-htqlcl-nam-{year}", "plan", year=year)]
    if audited:
        report = qms_texts.internal_audit_report(
            issuer,
            number=clerk.number("BC"),
            issued=clerk.day(year - 1, 10, 11),
            signer=clerk.head,
            year=year - 1,
        )
        stem = f"bao-cao-danh-gia-noi-bo-nam-{year - 1}"
        papers.append(_kept(report, stem, "internal_audit", year=year - 1))
    return papers


def _plan_2008(spec: AgencySpec, clerk: _Clerk, issuer: Issuer) -> list[PlannedPaper]:
    """A set left over from before the 2015 conversion, objectives last set for 2019."""
    declared = clerk.day(2017, 3, 9)
    head = clerk.head
    objectives = qms2008_texts.quality_objectives(
        issuer, issued=clerk.day(2019, 1, 2), signer=head, year=2019
    )
    return [
        _old_declaration(spec, clerk, issuer, declared),
        _kept(
            qms2008_texts.quality_manual(issuer, issued=declared, signer=head),
            "so-tay-chat-luong",
            "quality_manual",
            version="2008",
        ),
        _kept(
            qms2008_texts.quality_policy(issuer, issued=declared, signer=head),
            "chinh-sach-chat-luong",
            "quality_policy",
            version="2008",
        ),
        _kept(
            objectives,
            "muc-tieu-chat-luong-nam-2019",
            "quality_objectives",
            version="2008",
            year=2019,
        ),
        _kept(
            qms2008_texts.preventive_action_procedure(issuer, issued=declared, signer=head),
            "quy-trinh-hanh-dong-phong-ngua",
            "procedure",
            version="2008",
        ),
    ]


def _old_declaration(
    spec: AgencySpec, clerk: _Clerk, issuer: Issuer, declared: date
) -> PlannedPaper:
    paper = qms2008_texts.declaration(
        issuer, number=clerk.number(), issued=declared, signer=clerk.head, sectors=spec.sectors
    )
    return _kept(paper, "quyet-dinh-cong-bo-iso-9001-2008", "declaration", version="2008")


def _hard_negatives(clerk: _Clerk, issuer: Issuer, as_of: date) -> list[PlannedPaper]:
    notice = negatives.conformity_notice(
        issuer,
        number=clerk.number("TB"),
        issued=clerk.settle(as_of - timedelta(days=60)),
        signer=clerk.drafter,
    )
    return [_kept(notice, "thong-bao-tiep-nhan-cong-bo-hop-quy", None, version=None)]


_WITH_2015_SET = frozenset(
    {
        Scenario.COMPLIANT,
        Scenario.COMPLIANT_MIXED,
        Scenario.STALE_OBJECTIVES,
        Scenario.STALE_MERGED,
        Scenario.NO_POLICY,
        Scenario.NO_DECLARATION,
        Scenario.ROBOTS_FORBIDDEN,
    }
)


def plan_papers(spec: AgencySpec, *, as_of: date, rng: random.Random) -> list[PlannedPaper]:
    """Every document `spec`'s site publishes (QMS or look-alike), in the order it lists them."""
    if as_of < EARLIEST_AS_OF:
        raise ValueError(f"as_of must be on or after {EARLIEST_AS_OF}, got {as_of}")
    clerk = _Clerk(rng, spec, as_of)
    issuer = issuer_for(spec)
    papers: list[PlannedPaper] = []
    if spec.scenario in _WITH_2015_SET:
        papers += _plan_2015(spec, clerk, issuer, as_of)
    if spec.scenario is Scenario.COMPLIANT_MIXED:
        papers.append(_old_declaration(spec, clerk, issuer, clerk.day(2016, 3, 9)))
    if spec.scenario is Scenario.ISO_2008:
        papers += _plan_2008(spec, clerk, issuer)
    if spec.scenario is Scenario.HARD_NEGATIVES:
        papers += _hard_negatives(clerk, issuer, as_of)
    return papers
