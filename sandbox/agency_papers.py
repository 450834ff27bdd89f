"""The papers a generated agency publishes: its scenario's QMS set, records, and look-alikes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sandbox import negatives, qms_records
from sandbox.features import Extra, Features
from sandbox.legacy_text import without_diacritics
from sandbox.news import NewsItem
from sandbox.paperwork import Issuer
from sandbox.roster import AgencySpec, Scenario
from sandbox.rule_cases import rule_case_papers
from sandbox.scenarios import PlannedPaper, issuer_for, plan_papers

WITH_RECORDS = frozenset({Scenario.COMPLIANT, Scenario.COMPLIANT_MIXED})
CONVERTED_STEM = "quyet-dinh-cong-bo-lai-htqlcl-chuyen-doi"
HOP_QUY_STEM = "thong-bao-tiep-nhan-ho-so-cong-bo-hop-quy"
PRODUCT_QUALITY_STEM = "thong-bao-tiep-nhan-cong-bo-chat-luong-san-pham"
NEGATIVE_FILE_TAGS = {
    HOP_QUY_STEM: Extra.NEG_HOP_QUY.value,
    PRODUCT_QUALITY_STEM: Extra.NEG_PRODUCT_QUALITY.value,
}


@dataclass(frozen=True, kw_only=True)
class AgencyPapers:
    """What one agency publishes: QMS papers, look-alike files, look-alike news."""

    qms: list[PlannedPaper]
    negative_files: list[PlannedPaper]
    negative_news: list[tuple[Extra, NewsItem]]


def _day(as_of: date, spec: AgencySpec, wanted: date, rng: random.Random) -> date:
    """`wanted`, moved after the agency's establishment and before `as_of`."""
    if spec.established and wanted < spec.established + timedelta(days=15):
        wanted = spec.established + timedelta(days=20 + rng.randrange(30))
    return min(wanted, as_of - timedelta(days=1))


def _number(rng: random.Random, kind: str, issuer: Issuer) -> str:
    return f"{rng.randrange(420, 900)}/{kind}-{issuer.code}"


def _records(spec: AgencySpec, as_of: date, rng: random.Random) -> list[PlannedPaper]:
    """The yearly application report and the management review minutes."""
    issuer = issuer_for(spec)
    signer = "Nguyễn Thanh Bình"
    reported = _day(as_of, spec, date(as_of.year - 1, 12, rng.randint(1, 20)), rng)
    reviewed = _day(as_of, spec, date(as_of.year - 1, 12, rng.randint(21, 28)), rng)
    report = qms_records.application_report(
        issuer, number=_number(rng, "BC", issuer), issued=reported, signer=signer
    )
    review = qms_records.management_review(
        issuer, number=_number(rng, "BB", issuer), issued=reviewed, signer=signer
    )
    return [
        PlannedPaper(
            paper=report,
            stem=f"bao-cao-ap-dung-htqlcl-nam-{reported.year}",
            doc_type="report",
            iso_version="2015",
            year=reported.year,
        ),
        PlannedPaper(
            paper=review,
            stem=f"bien-ban-hop-xem-xet-cua-lanh-dao-nam-{reviewed.year}",
            doc_type="management_review",
            iso_version="2015",
            year=reviewed.year,
        ),
    ]


def _converted(spec: AgencySpec, planned: PlannedPaper) -> PlannedPaper:
    """The 2015 declaration rewritten as the conversion of a 2017 one from 2008."""
    paper = planned.paper
    assert paper.number is not None
    converted = qms_records.converted_declaration(
        paper.issuer,
        number=paper.number,
        issued=paper.issued,
        signer=paper.signer,
        sectors=spec.sectors,
        previous=f"45/QĐ-{paper.issuer.code}",
        previous_issued=date(2017, 3, 15),
    )
    return replace(planned, paper=converted, stem=CONVERTED_STEM)


def _plain_title(planned: PlannedPaper) -> PlannedPaper:
    paper = planned.paper
    subject = without_diacritics(paper.subject) if paper.subject else None
    return replace(
        planned, paper=replace(paper, kind=without_diacritics(paper.kind), subject=subject)
    )


def _negative_files(
    spec: AgencySpec, features: Features, as_of: date, rng: random.Random
) -> list[PlannedPaper]:
    issuer = issuer_for(spec)
    issued = _day(as_of, spec, as_of - timedelta(days=50 + rng.randrange(60)), rng)
    files = []
    if features.has(Extra.NEG_HOP_QUY):
        notice = negatives.conformity_notice(
            issuer, number=_number(rng, "TB", issuer), issued=issued, signer="Lê Văn Hòa"
        )
        files.append((notice, HOP_QUY_STEM))
    if features.has(Extra.NEG_PRODUCT_QUALITY):
        notice = negatives.product_quality_notice(
            issuer, number=_number(rng, "TB", issuer), issued=issued, signer="Lê Văn Hòa"
        )
        files.append((notice, PRODUCT_QUALITY_STEM))
    return [
        PlannedPaper(paper=paper, stem=stem, doc_type=None, iso_version=None, year=None)
        for paper, stem in files
    ]


def _negative_news(features: Features, as_of: date) -> list[tuple[Extra, NewsItem]]:
    makers: tuple[tuple[Extra, Callable[[], NewsItem]], ...] = (
        (Extra.NEG_CONFERENCE, lambda: negatives.iso_conference_news(as_of=as_of)),
        (Extra.NEG_CONSULTANCY, negatives.consultancy_advert),
        (Extra.NEG_ISO_14001, lambda: negatives.environmental_iso_news(as_of=as_of)),
        (Extra.NEG_ISO_45001, lambda: negatives.safety_iso_news(as_of=as_of)),
        (Extra.NEG_CERTIFICATE, lambda: negatives.enterprise_certificate_news(as_of=as_of)),
    )
    return [(extra, make()) for extra, make in makers if features.has(extra)]


def agency_papers(
    spec: AgencySpec, features: Features, *, as_of: date, rng: random.Random
) -> AgencyPapers:
    """Everything `spec` publishes, deterministic for `rng`'s state."""
    qms = [p for p in plan_papers(spec, as_of=as_of, rng=rng) if p.doc_type is not None]
    qms = rule_case_papers(spec, qms, as_of=as_of, rng=rng)
    if features.has(Extra.CONVERTED) and spec.scenario in WITH_RECORDS:
        qms = [_converted(spec, p) if p.stem == "quyet-dinh-cong-bo-htqlcl" else p for p in qms]
    if features.has(Extra.RECORDS) and spec.scenario in WITH_RECORDS:
        qms += _records(spec, as_of, rng)
    if features.has(Extra.NO_DIACRITICS):
        qms = [_plain_title(p) for p in qms]
    return AgencyPapers(
        qms=qms,
        negative_files=_negative_files(spec, features, as_of, rng),
        negative_news=_negative_news(features, as_of),
    )
