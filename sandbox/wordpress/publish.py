"""Fill one installed WordPress site through its own REST API, and say what a crawler should find.

The order is a webmaster's: settings and permalinks, categories, a few dozen news posts,
the QMS (announcement posts with their files, an ISO page with its documents), the
"Giới thiệu" page, then the menu. Every URL in the truth is the one WordPress answered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sandbox.build import DECIDING_TYPES, paper_bytes
from sandbox.features import DocFormat
from sandbox.model import TruthAgency, TruthDocument
from sandbox.news import archive_news, ordinary_news
from sandbox.render_html import paper_article
from sandbox.scenarios import PlannedPaper, plan_papers
from sandbox.wordpress import words
from sandbox.wordpress.agencies import PLAIN, Habit, TierAgency
from sandbox.wordpress.client import SiteClient
from sandbox.wordpress.configs import DOWNLOAD_PARAMETER

RECENT_NEWS = 7
ARCHIVE_NEWS = 26  # with the rest, four pages of ten posts: the news list is paged
BATCH = 25  # the most requests /batch/v1 takes at once
TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True, kw_only=True)
class FilledSite:
    """A filled site: its agency, the truth of its audit, and the URLs WordPress gave."""

    agency: TierAgency
    origin: str  # http://host:port
    truth: TruthAgency
    posts: tuple[str, ...]  # every post published, news included
    announcements: tuple[str, ...]  # posts announcing a declaration
    iso_page: str | None  # the page listing the QMS documents, if the site has one
    negatives: tuple[str, ...]  # hard negatives: ISO words, no QMS document


@dataclass(frozen=True, kw_only=True)
class _Placed:
    """A QMS document put on the site: where the truth says it is, and where links lead."""

    planned: PlannedPaper
    url: str  # the document itself (file, download URL or page)
    href: str  # what pages link to (the document, or its attachment page)
    doc_format: DocFormat


class _Publisher:
    def __init__(
        self, client: SiteClient, agency: TierAgency, *, as_of: date, today: date, seed: int
    ) -> None:
        self.client = client
        self.agency = agency
        self.as_of = as_of
        self.latest = min(as_of, today) - timedelta(days=1)  # never a scheduled (future) post
        self.rng = random.Random(f"{seed}/{agency.code}")
        self.categories: dict[str, int] = {}
        self.posts: list[str] = []

    def when(self, day: date) -> str:
        """A post date WordPress publishes at once: the day, or yesterday if later."""
        return f"{min(day, self.latest).isoformat()}T08:30:00"

    def configure(self) -> None:
        settings = {
            "description": f"Trang thông tin điện tử {self.agency.spec.name}",
            "timezone": TIMEZONE,
            "date_format": "d/m/Y",
            "time_format": "H:i",
            "posts_per_page": 10,
        }
        self.client.rest("POST", "/wp/v2/settings", json=settings)
        self.client.set_permalinks(self.agency.permalinks)
        names = (words.NEWS, words.NOTICES)
        made = self.client.batch(
            [
                {"method": "POST", "path": "/wp/v2/categories", "body": {"slug": s, "name": n}}
                for s, n in names
            ]
        )
        self.categories = {slug: term["id"] for (slug, _), term in zip(names, made, strict=True)}

    def post_many(self, bodies: list[dict[str, Any]]) -> list[Any]:
        """Publish posts in batches; their REST objects."""
        made: list[Any] = []
        for start in range(0, len(bodies), BATCH):
            chunk = bodies[start : start + BATCH]
            made += self.client.batch(
                [{"method": "POST", "path": "/wp/v2/posts", "body": body} for body in chunk]
            )
        self.posts += [post["link"] for post in made]
        return made

    def news(self) -> list[str]:
        """Everyday news, and the hard negatives; the links of the negatives."""
        name = self.agency.spec.name
        items = ordinary_news(self.rng, agency=name, as_of=self.as_of, count=RECENT_NEWS)
        items += archive_news(self.rng, agency=name, as_of=self.as_of, count=ARCHIVE_NEWS)
        negatives = []
        if Habit.ISO_TRAINING_NEWS in self.agency.habits:
            negatives.append(words.iso_training_news(self.agency.spec, as_of=self.as_of))
        bodies = [
            {
                "title": item.title,
                "content": words.news_body(item),
                "status": "publish",
                "date": self.when(item.published),
                "categories": [self.categories[words.NEWS[0]]],
            }
            for item in [*items, *negatives]
        ]
        made = self.post_many(bodies)
        return [post["link"] for post in made[len(items) :]]

    def upload(self, planned: PlannedPaper, parent: int) -> _Placed:
        """Put `planned` in the media library, attached to `parent`."""
        doc_format = self.agency.format_of(planned.doc_type)
        media = self.client.upload(
            filename=f"{planned.stem}.{doc_format.extension}",
            body=paper_bytes(planned.paper, doc_format),
            content_type=doc_format.content_type,
            post=parent,
        )
        self.client.rest(
            "POST", f"/wp/v2/media/{media['id']}", json={"title": words.label(planned.paper)}
        )
        url = media["source_url"]
        if Habit.DOWNLOAD_PLUGIN in self.agency.habits and planned.doc_type == "process_list":
            url = f"{self.client.origin}/?{DOWNLOAD_PARAMETER}={media['id']}"
            return _Placed(planned=planned, url=url, href=url, doc_format=doc_format)
        attachment_page = Habit.ATTACHMENT_PAGES in self.agency.habits
        href = media["link"] if attachment_page else url
        return _Placed(planned=planned, url=url, href=href, doc_format=doc_format)

    def announce(self, planned: PlannedPaper) -> tuple[str, _Placed]:
        """A post announcing a declaration, its file attached: the post's link, the file."""
        paper = planned.paper
        number_only = Habit.NUMBER_ONLY_TITLE in self.agency.habits
        title = (
            words.number_only_title(paper, self.agency.spec.head_title)
            if number_only
            else words.label(paper)
        )
        body = {
            "title": title,
            "excerpt": paper.subject or "",
            "content": words.post_body(words.announcement_lead(paper), []),
            "status": "publish",
            "date": self.when(paper.issued + timedelta(days=3)),
            "categories": [self.categories[words.NOTICES[0]]],
        }
        post = self.client.rest("POST", "/wp/v2/posts", json=body)
        placed = self.upload(planned, post["id"])
        content = words.post_body(
            words.announcement_lead(paper), [(f"Tải về: {words.label(paper)}", placed.href)]
        )
        self.client.rest("POST", f"/wp/v2/posts/{post['id']}", json={"content": content})
        self.posts.append(post["link"])
        return post["link"], placed

    def page(self, title: str, content: str, *, parent: int = 0) -> Any:
        body = {"title": title, "content": content, "status": "publish", "parent": parent}
        return self.client.rest("POST", "/wp/v2/pages", json=body)

    def iso_set(self, papers: list[PlannedPaper]) -> tuple[list[str], list[_Placed], Any]:
        """Announcement posts and the ISO page listing the whole set; links, documents, page."""
        if not papers:
            return [], [], None
        iso_page = self.page(words.ISO_PAGE_TITLE, "")
        announcements, placed = [], []
        for planned in papers:
            doc_format = self.agency.format_of(planned.doc_type)
            if planned.doc_type == "declaration":
                link, document = self.announce(planned)
                announcements.append(link)
            elif doc_format is DocFormat.HTML:
                made = self.page(
                    words.label(planned.paper),
                    paper_article(planned.paper),
                    parent=iso_page["id"],
                )
                document = _Placed(
                    planned=planned, url=made["link"], href=made["link"], doc_format=doc_format
                )
            else:
                document = self.upload(planned, iso_page["id"])
            placed.append(document)
        links = [(words.label(p.planned.paper), p.href) for p in placed]
        content = words.post_body(words.iso_page_lead(self.agency.spec), links)
        self.client.rest("POST", f"/wp/v2/pages/{iso_page['id']}", json={"content": content})
        return announcements, placed, iso_page

    def menu(self, iso_page: int | None, intro_page: int) -> None:
        """The primary menu: home, intro, the two categories, and the ISO page if any."""
        menu = self.client.rest(
            "POST", "/wp/v2/menus", json={"name": "Menu chính", "locations": ["primary"]}
        )
        categories = (words.NEWS, words.NOTICES)
        items = [
            {"title": "Trang chủ", "type": "custom", "url": f"{self.client.origin}/"},
            _menu_link(words.INTRO_TITLE, "page", intro_page),
            *(_menu_link(name, "category", self.categories[slug]) for slug, name in categories),
        ]
        if iso_page is not None:
            items.append(_menu_link(words.ISO_PAGE_TITLE, "page", iso_page))
        self.client.batch(
            [
                {
                    "method": "POST",
                    "path": "/wp/v2/menu-items",
                    "body": item | {"menus": menu["id"], "status": "publish", "menu_order": i},
                }
                for i, item in enumerate(items, 1)
            ]
        )

    def publish(self) -> FilledSite:
        self.configure()
        negatives = self.news()
        papers = plan_papers(self.agency.spec, as_of=self.as_of, rng=self.rng)
        announcements, placed, iso_page = self.iso_set(papers)
        intro = self.page(words.INTRO_TITLE, words.intro(self.agency.spec))
        self.menu(iso_page["id"] if iso_page else None, intro["id"])
        return FilledSite(
            agency=self.agency,
            origin=self.client.origin,
            truth=_truth(self.agency, self.client.origin, placed),
            posts=tuple(self.posts),
            announcements=tuple(announcements),
            iso_page=iso_page["link"] if iso_page else None,
            negatives=tuple(negatives),
        )


def _menu_link(title: str, kind: str, target: int) -> dict[str, Any]:
    """A menu item leading to a page or a category."""
    group = "post_type" if kind == "page" else "taxonomy"
    return {"title": title, "type": group, "object": kind, "object_id": target}


def _truth(agency: TierAgency, origin: str, placed: list[_Placed]) -> TruthAgency:
    documents = tuple(
        TruthDocument(
            url=p.url,
            doc_type=p.planned.doc_type,
            iso_version=p.planned.iso_version,
            year=p.planned.year,
            format=p.doc_format.value,
            needs=p.doc_format.needs,
        )
        for p in placed
        if p.planned.doc_type is not None
    )
    versions = {d.iso_version for d in documents if d.iso_version}
    needs = {n for d in documents if d.doc_type in DECIDING_TYPES for n in d.needs}
    spec = agency.spec
    permalinks = "wp_plain_permalinks" if agency.permalinks == PLAIN else "wp_pretty_permalinks"
    tags = [
        spec.scenario.value,
        f"level_{spec.level}",
        "wordpress",
        permalinks,
        *sorted(habit.value for habit in agency.habits),
        *sorted({d.format for d in documents}),
    ]
    if Habit.ISO_TRAINING_NEWS in agency.habits:
        tags.append("has_hard_negatives")
    return TruthAgency(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        website=f"{origin}/",
        status=spec.scenario.status,
        iso_version="mixed" if len(versions) > 1 else (versions.pop() if versions else None),
        tags=tuple(tags),
        documents=documents,
        needs=tuple(sorted(needs)),
    )


def publish_site(
    client: SiteClient, agency: TierAgency, *, as_of: date, today: date, seed: int
) -> FilledSite:
    """Fill the installed, logged-in site of `agency`; what was published and the truth of it."""
    return _Publisher(client, agency, as_of=as_of, today=today, seed=seed).publish()
