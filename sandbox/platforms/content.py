"""What a tier agency publishes, whatever its CMS: its papers, its news, its routine documents,
and the ways real editors title them (a decision's number and date, the subject beside it)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox import negatives
from sandbox.agency_pages import ROUTINE_TITLES
from sandbox.news import NewsItem, archive_news, ordinary_news
from sandbox.paperwork import Paper, Paragraph
from sandbox.platforms.habits import Habit
from sandbox.platforms.roster import TierAgency
from sandbox.scenarios import PlannedPaper, issuer_for, plan_papers
from sandbox.sites import slugify

OLDER_POSTS = 14  # older everyday posts per site, enough for a paged news list
KINDS = {"QĐ": "Quyết định", "KH": "Kế hoạch", "BC": "Báo cáo", "TB": "Thông báo"}
PROCESSES = frozenset({"process_list", "procedure"})
DOC_LABELS = {
    "declaration": "Quyết định công bố Hệ thống quản lý chất lượng",
    "quality_policy": "Chính sách chất lượng",
    "quality_objectives": "Mục tiêu chất lượng",
    "process_list": "Danh mục quy trình nội bộ",
    "procedure": "Quy trình nội bộ",
}  # how a shared host's "new documents" box names another unit's files


@dataclass(frozen=True, kw_only=True)
class Routine:
    """An everyday document of a list: number, date, summary (no QMS, no file)."""

    number: str
    issued: date
    title: str


@dataclass(frozen=True, kw_only=True)
class Published:
    """What one agency publishes: QMS papers, look-alike papers, news posts."""

    qms: list[PlannedPaper]
    look_alikes: list[PlannedPaper]  # papers of no QMS (a conformity notice…)
    news: list[NewsItem]  # everyday posts, and look-alike news where the agency has them
    routine: list[Routine]

    @property
    def look_alike_tags(self) -> set[str]:
        """The truth's tags for the look-alike papers, once the site serves them."""
        return {"neg_cong_bo_hop_quy" for p in self.look_alikes if "hop-quy" in p.stem}


def published(agency: TierAgency, *, seed: int, as_of: date) -> Published:
    """Everything `agency` publishes, deterministic for the seed."""
    rng = random.Random(f"{seed}/{agency.code}")
    papers = plan_papers(agency.spec, as_of=as_of, rng=rng)
    name = agency.spec.name
    news = ordinary_news(rng, agency=name, as_of=as_of, count=4)
    news += archive_news(rng, agency=name, as_of=as_of, count=OLDER_POSTS)
    if agency.has(Habit.NEG_NEWS_MENTIONS_ISO):
        news.append(negatives.iso_conference_news(as_of=as_of))
    news.sort(key=lambda item: item.published, reverse=True)
    return Published(
        qms=[p for p in papers if p.doc_type is not None],
        look_alikes=[p for p in papers if p.doc_type is None],
        news=news,
        routine=routine_documents(agency, as_of),
    )


def routine_documents(agency: TierAgency, as_of: date) -> list[Routine]:
    """The everyday documents a list shows before (and around) the QMS ones, newest first."""
    spec, documents = agency.spec, []
    for index, template in enumerate(ROUTINE_TITLES):
        title = template.format(name=spec.name, year=as_of.year, last=as_of.year - 1)
        code = {"Quyết": "QĐ", "Kế": "KH", "Báo": "BC"}.get(title.split()[0], "TB")
        number = f"{(index * 13) % 90 + 10}/{code}-{spec.doc_code}"
        documents.append(
            Routine(number=number, issued=as_of - timedelta(days=4 + 9 * index), title=title)
        )
    return documents


def number_title(paper: Paper, agency: TierAgency) -> str:
    """How editors title a post of a numbered paper: 'Quyết định số 27/QĐ-X ngày 20/11/2025
    của Giám đốc Sở …'; a paper without a number keeps its own title."""
    if not paper.number:
        return paper.title
    kind = KINDS.get(paper.number.split("/")[-1].split("-")[0], "Văn bản")
    head = paper.issuer.head_title.capitalize()
    return f"{kind} số {paper.number} ngày {paper.issued:%d/%m/%Y} của {head} {paper.issuer.name}"


def summary(paper: Paper) -> str:
    """The summary (trích yếu) editors put beside a numbered title."""
    return paper.subject or paper.title


def file_name(planned: PlannedPaper, extension: str) -> str:
    return f"{planned.stem}.{extension}"


def sentence(paper: Paper) -> str:
    """A paper's title as running text: 'Quyết định về việc công bố Hệ thống quản lý…'."""
    kind = paper.kind.capitalize()
    if not paper.subject:
        return kind
    return f"{kind} {paper.subject[0].lower()}{paper.subject[1:]}"


def short_code(planned: PlannedPaper) -> str:
    """The 'Số ký hiệu' a list shows: the number, or the code an unnumbered paper goes by."""
    if planned.paper.number:
        return planned.paper.number
    if planned.doc_type == "procedure":
        tail = planned.stem.rsplit("-", 1)[-1]
        return f"QT-{tail}" if tail.isdigit() else "QT"
    codes = {"quality_policy": "CSCL", "quality_manual": "STCL"}
    if planned.doc_type == "quality_objectives":
        return f"MTCL-{planned.year}"
    return codes.get(planned.doc_type or "", planned.stem.upper())


def routine_paper(routine: Routine, agency: TierAgency) -> PlannedPaper:
    """An everyday document as a file (a list that links files links these too): no QMS."""
    issuer = issuer_for(agency.spec)
    kind = routine.title.split(" ", 2)
    paper = Paper(
        issuer=issuer,
        number=routine.number,
        issued=routine.issued,
        kind=" ".join(kind[:2]).upper() if len(kind) > 2 else routine.title.upper(),
        subject=kind[2] if len(kind) > 2 else None,
        blocks=(
            Paragraph(text=f"{routine.title}."),
            Paragraph(text="Các phòng, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành."),
        ),
        signer="Nguyễn Văn Thành",
        signer_title=issuer.head_title,
    )
    stem = slugify(f"{routine.number}-{routine.title}")[:60].rstrip("-")
    return PlannedPaper(paper=paper, stem=stem, doc_type=None, iso_version=None, year=None)
