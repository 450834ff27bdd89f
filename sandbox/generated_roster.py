"""The agencies of a generated province: a fixed set that covers every scenario, then random ones.

The first agencies play hand-picked combinations, so that any province of at least
`len(COVERING)` agencies exercises every scenario of the truth file; the rest are drawn
from weighted choices, deterministically from the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sandbox.features import DocFormat, Extra, Features, PortalStyle, Publishing, TextForm
from sandbox.names import DEPARTMENTS, Body, branches, communes, districts
from sandbox.roster import REORGANISATION, AgencySpec, FileFormat, Presentation, Scenario

PORTAL_STYLE = PortalStyle.TABLE  # the shared provincial portal is one vendor's software
PROVINCE_BODY = Body(
    code="UBND-TINH",
    name="Ủy ban nhân dân tỉnh Demo",
    level="province",
    slug="",
    doc_code="UBND",
    head_title="CHỦ TỊCH",
    sectors=("Nội vụ", "Đầu tư"),
    procedures=(
        "Kiểm soát thông tin dạng văn bản",
        "Đánh giá nội bộ",
        "Giải quyết thủ tục hành chính liên thông",
    ),
    parent=None,
)


@dataclass(frozen=True, kw_only=True)
class GeneratedAgency:
    """One agency of a generated province: who it is, what it plays, how its site is made."""

    spec: AgencySpec  # presentation and file_format are nominal; `features` rule the site
    features: Features

    @property
    def code(self) -> str:
        return self.spec.code


@dataclass(frozen=True)
class _Row:
    level: str
    scenario: Scenario
    publishing: Publishing = Publishing.ISO_MENU
    doc_format: DocFormat = DocFormat.PDF
    style: PortalStyle = PortalStyle.CLASSIC
    extras: frozenset[Extra] = frozenset()
    text_form: TextForm = TextForm.UTF8
    on_portal: bool = False


S, P, D, St, E = Scenario, Publishing, DocFormat, PortalStyle, Extra


def _row(
    level: str,
    scenario: Scenario,
    publishing: Publishing = Publishing.ISO_MENU,
    doc_format: DocFormat = DocFormat.PDF,
    style: PortalStyle = PortalStyle.CLASSIC,
    *,
    extras: tuple[Extra, ...] = (),
    text_form: TextForm = TextForm.UTF8,
    on_portal: bool = False,
) -> _Row:
    return _Row(
        level, scenario, publishing, doc_format, style, frozenset(extras), text_form, on_portal
    )


# fmt: off
COVERING: tuple[_Row, ...] = (
    _row("province", S.COMPLIANT_MIXED, P.ISO_MENU, D.PDF, St.CLASSIC,
         extras=(E.RECORDS, E.NEG_CONFERENCE)),
    _row("department", S.COMPLIANT, P.ISO_SUBSITE, D.PDF, St.TABLE,
         extras=(E.NEG_CONFERENCE, E.NEG_HOP_QUY, E.NEG_CERTIFICATE, E.RECORDS)),
    _row("department", S.COMPLIANT, P.DOC_TABLE, D.PDF, St.TABLE,
         extras=(E.TAI_VE, E.DOWNLOAD_ASPX)),
    _row("department", S.COMPLIANT, P.NEWS_POST, D.DOCX, St.PORTLET,
         extras=(E.NEG_PRODUCT_QUALITY,)),
    _row("department", S.STALE_OBJECTIVES, P.JS_LISTING, D.PDF, St.CLASSIC),
    _row("department", S.STALE_MERGED, P.ISO_MENU, D.PDF, St.PORTLET,
         extras=(E.NEG_ISO_14001, E.FILE_HOST)),
    _row("department", S.NO_POLICY, P.NEWS_POST, D.PDF, St.TABLE, extras=(E.NEG_ISO_45001,)),
    _row("department", S.NO_DECLARATION, P.ISO_MENU, D.DOCX, St.CLASSIC,
         extras=(E.NO_DIACRITICS,)),
    _row("department", S.ISO_2008, P.DOC_TABLE, D.PDF, St.PORTLET,
         extras=(E.DOWNLOAD_ASPX, E.TAI_VE)),
    _row("department", S.HARD_NEGATIVES, P.DOC_TABLE, D.PDF, St.TABLE,
         extras=(E.NEG_HOP_QUY, E.NEG_CONSULTANCY, E.NEG_CERTIFICATE, E.NEG_ISO_14001)),
    _row("department", S.CLOSED_PORT),
    _row("department", S.ERROR_500),
    _row("department", S.COMPLIANT, P.DEEP, D.SCAN_PDF, St.PORTLET,
         extras=(E.REDIRECT_CHAIN,)),
    _row("department", S.TIMEOUT),
    _row("department", S.COMPLIANT, P.ISO_PLATFORM, D.PDF, St.CLASSIC, extras=(E.CONVERTED,)),
    _row("branch", S.ISO_2008, P.ISO_MENU, D.TCVN3_PDF, St.CLASSIC),
    _row("branch", S.ROBOTS_FORBIDDEN, P.ISO_MENU, D.PDF, St.TABLE),
    _row("branch", S.COMPLIANT, P.ISO_MENU, D.HTML, St.TABLE,
         text_form=TextForm.WINDOWS_1258),
    _row("branch", S.COMPLIANT, P.ISO_MENU, D.RTF_DOC, St.PORTLET, extras=(E.CALENDAR_TRAP,)),
    _row("branch", S.ISO_2008, P.NEWS_POST, D.VNI_PDF, St.TABLE),
    _row("branch", S.COMPLIANT, P.ISO_MENU, D.HTML, St.CLASSIC, text_form=TextForm.NFD,
         extras=(E.BROKEN_LINK,)),
    _row("branch", S.REDIRECT_LOOP),
    _row("branch", S.COMPLIANT, P.ISO_MENU, D.PDF, St.TABLE,
         extras=(E.SCANNED_DECLARATION, E.LARGE_FILE, E.MALFORMED_PDF)),
    _row("district", S.ISO_2008, P.DOC_TABLE, D.RTF_DOC, St.CLASSIC, extras=(E.NO_DIACRITICS,)),
    _row("district", S.NEWS_ONLY, P.NEWS_POST, D.PDF, St.PORTLET),
    _row("commune", S.COMPLIANT, P.ISO_MENU, D.PDF, PORTAL_STYLE, on_portal=True),
    _row("commune", S.NEWS_ONLY, P.NEWS_POST, D.PDF, PORTAL_STYLE, on_portal=True),
    _row("commune", S.STALE_OBJECTIVES, P.NEWS_POST, D.DOCX, PORTAL_STYLE, on_portal=True),
    _row("commune", S.NO_POLICY, P.ISO_MENU, D.PDF, PORTAL_STYLE, on_portal=True,
         extras=(E.SCANNED_DECLARATION,)),
    _row("commune", S.COMPLIANT, P.ISO_PLATFORM, D.PDF, St.CLASSIC),
    _row("commune", S.NEWS_ONLY, P.ISO_PLATFORM, D.PDF, St.TABLE),
    _row("commune", S.COMPLIANT, P.JS_LISTING, D.DOCX, St.PORTLET),
    _row("commune", S.STALE_MERGED, P.ISO_MENU, D.PDF, St.CLASSIC),
    _row("commune", S.COMPLIANT, P.DOC_TABLE, D.PDF, St.TABLE, extras=(E.FILE_HOST, E.TAI_VE)),
    _row("commune", S.NO_DECLARATION, P.NEWS_POST, D.SCAN_PDF, St.PORTLET),
    _row("commune", S.COMPLIANT, P.NEWS_POST, D.PDF, PORTAL_STYLE, on_portal=True,
         extras=(E.RECORDS,)),
    _row("commune", S.HARD_NEGATIVES, P.NEWS_POST, D.PDF, St.CLASSIC,
         extras=(E.NEG_PRODUCT_QUALITY, E.NEG_ISO_45001, E.NEG_CONSULTANCY)),
)
# fmt: on

_SCENARIO_WEIGHTS: dict[Scenario, float] = {
    S.COMPLIANT: 40,
    S.STALE_OBJECTIVES: 10,
    S.NO_POLICY: 6,
    S.NO_DECLARATION: 5,
    S.NEWS_ONLY: 14,
    S.HARD_NEGATIVES: 3,
    S.CLOSED_PORT: 1,
    S.ERROR_500: 1,
    S.ROBOTS_FORBIDDEN: 1,
    S.REDIRECT_LOOP: 0.5,
    S.TIMEOUT: 0.3,
}
_OWN_PUBLISHING: dict[Publishing, float] = {
    P.ISO_MENU: 30,
    P.DOC_TABLE: 15,
    P.NEWS_POST: 20,
    P.DEEP: 8,
    P.JS_LISTING: 6,
    P.ISO_SUBSITE: 4,
    P.ISO_PLATFORM: 12,
}
_FORMATS: dict[DocFormat, float] = {
    D.PDF: 40,
    D.DOCX: 15,
    D.HTML: 10,
    D.SCAN_PDF: 8,
    D.RTF_DOC: 5,
    D.TCVN3_PDF: 1,
    D.VNI_PDF: 1,
}
_EXTRA_CHANCES = {
    E.FILE_HOST: 0.05,
    E.DOWNLOAD_ASPX: 0.1,
    E.TAI_VE: 0.1,
    E.NO_DIACRITICS: 0.05,
    E.SCANNED_DECLARATION: 0.1,
    E.CONVERTED: 0.1,
    E.RECORDS: 0.2,
    E.REDIRECT_CHAIN: 0.03,
    E.CALENDAR_TRAP: 0.02,
    E.BROKEN_LINK: 0.05,
    E.MALFORMED_PDF: 0.02,
    E.NEG_CONFERENCE: 0.05,
}
PAGE_FORMATS = frozenset({P.ISO_MENU, P.DOC_TABLE, P.DEEP})  # where HTML documents may sit
OWN_HOST_ONLY = frozenset({E.DOWNLOAD_ASPX, E.REDIRECT_CHAIN, E.CALENDAR_TRAP})


T = TypeVar("T")


def _pick(rng: random.Random, weights: dict[T, float]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _random_row(rng: random.Random, level: str) -> _Row:
    scenario = _pick(rng, _SCENARIO_WEIGHTS)
    if level == "district":  # abolished in 2025: old sites, old documents or none
        scenario = rng.choice((S.ISO_2008, S.NEWS_ONLY, S.CLOSED_PORT))
    # a fault takes a whole host down, so agencies with one keep a host of their own
    on_portal = level == "commune" and rng.random() < 0.4 and scenario.status != "unreachable"
    portal_ways = (P.ISO_MENU, P.NEWS_POST)
    publishing = rng.choice(portal_ways) if on_portal else _pick(rng, _OWN_PUBLISHING)
    doc_format = _pick(rng, _FORMATS)
    if doc_format is D.HTML and publishing not in PAGE_FORMATS:
        doc_format = D.PDF
    extras = {extra for extra, chance in _EXTRA_CHANCES.items() if rng.random() < chance}
    if on_portal:
        extras -= OWN_HOST_ONLY
    text_form = TextForm.UTF8
    if doc_format is D.HTML and rng.random() < 0.2:
        text_form = rng.choice((TextForm.WINDOWS_1258, TextForm.NFD))
    style = PORTAL_STYLE if on_portal else rng.choice(tuple(PortalStyle))
    return _Row(
        level, scenario, publishing, doc_format, style, frozenset(extras), text_form, on_portal
    )


def _established(body: Body, scenario: Scenario) -> date | None:
    if body.level == "commune" or scenario is Scenario.STALE_MERGED:
        return REORGANISATION
    return None


def _predecessor(body: Body, scenario: Scenario) -> tuple[str, str] | None:
    if scenario is not Scenario.STALE_MERGED:
        return None
    if body.level == "commune":
        old = body.name.replace(" phường ", " thị trấn ").replace(" xã ", " thị trấn ")
        return (old, "UBND")  # a town merged into the new commune in 2025
    return (body.name + " (trước sắp xếp)", body.doc_code + "CU")


def _spec(body: Body, row: _Row) -> AgencySpec:
    return AgencySpec(
        code=body.code,
        name=body.name,
        level=body.level,
        slug=body.slug,
        on_portal=row.on_portal,
        doc_code=body.doc_code,
        head_title=body.head_title,
        scenario=row.scenario,
        presentation=Presentation.ISO_MENU,
        file_format=FileFormat.PDF,
        sectors=body.sectors,
        procedures=body.procedures,
        parent=body.parent,
        established=_established(body, row.scenario),
        predecessor=_predecessor(body, row.scenario),
        iso_label="ISO 9001:2015" if body.level == "province" else "Hệ thống quản lý chất lượng",
    )


def _bodies(rng: random.Random, rows: list[_Row]) -> list[Body]:
    """A body of the right level for every row: the real lists first, then made-up places."""
    departments = list(DEPARTMENTS)
    branch_pool = list(branches())
    taken: set[str] = set()
    bodies = []
    for row in rows:
        if row.level == "province":
            bodies.append(PROVINCE_BODY)
        elif row.level == "department":
            bodies.append(departments.pop(0))
        elif row.level == "branch":
            bodies.append(branch_pool.pop(0))
        elif row.level == "district":
            bodies += districts(rng, 1, taken)
        else:
            bodies += communes(rng, 1, taken)
    return bodies


def _levels(count: int, rows: list[_Row]) -> list[str]:
    """Levels of the agencies after the covering rows: a few more branches, then communes."""
    spare_branches = len(branches()) - sum(row.level == "branch" for row in rows)
    more = max(0, count - len(rows))
    districts_wanted = count // 100
    levels = ["branch"] * min(spare_branches, more // 10)
    levels += ["district"] * min(districts_wanted, more - len(levels))
    return levels + ["commune"] * (more - len(levels))


def generated_roster(*, seed: int, agencies: int) -> tuple[GeneratedAgency, ...]:
    """`agencies` agencies; the first `len(COVERING)` cover every scenario (deterministic)."""
    if agencies < 1:
        raise ValueError(f"a province needs at least one agency, got {agencies}")
    rng = random.Random(f"roster/{seed}")
    rows = list(COVERING[:agencies])
    rows += [_random_row(rng, level) for level in _levels(agencies, rows)]
    return tuple(
        GeneratedAgency(
            spec=_spec(body, row),
            features=Features(
                style=row.style,
                publishing=row.publishing,
                doc_format=row.doc_format,
                text_form=row.text_form,
                extras=row.extras,
            ),
        )
        for body, row in zip(_bodies(rng, rows), rows, strict=True)
    )
