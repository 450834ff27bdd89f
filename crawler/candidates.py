"""Turn what an agency's pages link to into frontier `Link`s: scope, score, depth, priority.

A link inside the agency's scope is followed; a document or download link outside it (a
file host, the shared portal's `/upload/`) is fetched but not followed; anything else is
dropped. Pagination of a list keeps the depth and relevance of the list, and comes after
promising links but before the links the crawl only explores. A page about the QMS lends its
relevance to its links, fully to its documents, whose own anchor often only says "Tải về".
Links that are not promising are ordered shallow first: the crawl only explores them. A
page's script files and the JSON endpoints its scripts load carry the page's relevance.
"""

from __future__ import annotations

from dataclasses import replace

from crawler.anchors import Anchor
from crawler.frontier import Link
from crawler.links import (
    PROMISING_SCORE,
    is_pagination_link,
    looks_like_download_url,
    looks_like_skippable_url,
    score_context,
    score_link,
)
from crawler.platforms import PlatformRequest
from crawler.scope import AgencyScope, SiteArea

__all__ = [
    "endpoint_link",
    "listing_link",
    "page_link",
    "script_link",
    "search_link",
    "sitemap_entry_link",
    "sitemap_link",
    "start_link",
]

START_PRIORITY = 1000
DEPTH_COST = 4  # priority lost per hop: equal scores are crawled breadth-first
MAX_PAGINATION = 12  # list pages followed in a row
LIST_PRIORITY = PROMISING_SCORE - 1  # a list's next pages: after promising links, before the rest
SITEMAP_SCORE = 8  # somewhat relevant: a sitemap may list the QMS pages


def start_link(url: str) -> Link:
    """The agency's start page."""
    return Link(
        url=url,
        text=None,
        referer=None,
        depth=0,
        score=0,
        priority=START_PRIORITY,
        follow=True,
        document_hint=False,
        start=True,
    )


def sitemap_link(url: str, *, referer: str | None) -> Link:
    """A sitemap the site declares (in robots.txt, or in a sitemap index)."""
    return Link(
        url=url,
        text=None,
        referer=referer,
        depth=1,
        score=SITEMAP_SCORE,
        priority=SITEMAP_SCORE - DEPTH_COST,
        follow=True,
        document_hint=False,
        sitemap=True,
    )


def _context_bonus(parent: Link, document_hint: bool) -> int:
    relevance = max(parent.score, 0)
    return relevance if document_hint else relevance // 3


def _priority(score: int, relevance: int, depth: int) -> int:
    """Promising links by relevance; the others, which the crawl only explores, shallow first."""
    if score < PROMISING_SCORE:
        relevance = min(relevance, DEPTH_COST - 1)
    return relevance - DEPTH_COST * depth


def page_link(scope: AgencyScope, parent: Link, anchor: Anchor, page_url: str) -> Link | None:
    """The frontier link for an anchor found on `page_url` (reached through `parent`)."""
    url = anchor.url
    if looks_like_skippable_url(url):
        return None
    in_scope = scope.contains(url)
    document_hint = looks_like_download_url(url)
    if not in_scope and not document_hint:
        return None
    score = score_link(url, anchor.text) + score_context(anchor.context)
    depth, pagination = parent.depth + 1, 0
    priority = _priority(score, score + _context_bonus(parent, document_hint), depth)
    if in_scope and not document_hint and is_pagination_link(url, anchor.text, page_url):
        if parent.pagination >= MAX_PAGINATION:
            return None
        depth, pagination, score = parent.depth, parent.pagination + 1, max(score, parent.score)
        priority = max(_priority(score, score, depth), LIST_PRIORITY - DEPTH_COST * depth)
    return Link(
        url=url,
        text=anchor.text or None,
        referer=page_url,
        depth=depth,
        score=score,
        priority=priority,
        follow=in_scope,
        document_hint=document_hint,
        pagination=pagination,
        navigation=anchor.navigation,
    )


def listing_link(
    scope: AgencyScope, parent: Link, request: PlatformRequest, page_url: str
) -> Link | None:
    """A list's next page that a platform adapter read on `page_url`: a postback, a view's
    `NextHref`, a page method's JSON page. It continues the list (pagination, the list's
    depth and relevance); a JSON answer is read as an endpoint's. It must be inside the
    scope or on the host of the page (a shared platform's page method)."""
    url = request.url
    if not scope.contains(url) and SiteArea.of(url).host != SiteArea.of(page_url).host:
        return None
    pagination = parent.pagination + 1
    if pagination > MAX_PAGINATION:
        return None
    score = max(parent.score, score_link(url, request.text))
    depth = parent.depth
    is_json = (request.content_type or "").startswith("application/json")
    return Link(
        url=url,
        text=request.text or parent.text,
        referer=page_url,
        depth=depth,
        score=score,
        priority=max(_priority(score, score, depth), LIST_PRIORITY - DEPTH_COST * depth),
        follow=True,
        document_hint=False,
        pagination=pagination,
        endpoint=is_json,
        request=None if request.method == "GET" else request,
    )


def sitemap_entry_link(
    scope: AgencyScope, sitemap: Link, url: str, sitemap_url: str
) -> Link | None:
    """The frontier link for a URL a sitemap lists: as deep as the sitemap itself."""
    link = page_link(scope, sitemap, Anchor(url=url, text=""), sitemap_url)
    return None if link is None else replace(link, depth=sitemap.depth, pagination=0)


def script_link(parent: Link, url: str, page_url: str) -> Link:
    """A same-site script file of `page_url`: as relevant as the page, at the page's depth."""
    score = max(parent.score, 0) // 2
    return Link(
        url=url,
        text=None,
        referer=page_url,
        depth=parent.depth,
        score=score,
        priority=score - DEPTH_COST * (parent.depth + 1),
        follow=True,
        document_hint=False,
        script=True,
    )


def endpoint_link(
    scope: AgencyScope, parent: Link, url: str, page_url: str, *, next_page: bool = False
) -> Link | None:
    """A JSON endpoint that `page_url` (a page, a script or an endpoint) loads.

    Its answer is the content of the page that loads it, so it takes the page's depth and
    relevance. It must be inside the scope or on the host of the page loading it (a shared
    portal's `/api/`); a next page of an endpoint counts as pagination.
    """
    if not scope.contains(url) and SiteArea.of(url).host != SiteArea.of(page_url).host:
        return None
    pagination = parent.pagination + 1 if next_page else 0
    if pagination > MAX_PAGINATION:
        return None
    relevance = parent.score if not parent.script else parent.score * 2
    score = max(relevance, score_link(url, ""))
    return Link(
        url=url,
        text=parent.text,
        referer=page_url,
        depth=parent.depth,
        score=score,
        priority=score - DEPTH_COST * parent.depth,
        follow=True,
        document_hint=False,
        pagination=pagination,
        endpoint=True,
    )


def search_link(
    scope: AgencyScope,
    parent: Link,
    url: str,
    query: str,
    page_url: str,
    *,
    request: PlatformRequest | None = None,
) -> Link | None:
    """A question to the site's search, asked from `page_url`: as promising as its query.

    Its answer is a list of the posts and pages that mention the query, followed like any
    page (its next pages as the list's continuation). Only the agency's own search counts.
    `request` says how to ask when it is not a GET of `url` (a postback, a POST form).
    """
    if not scope.contains(url):
        return None
    score = score_link(url, query)
    depth = parent.depth + 1
    return Link(
        url=url,
        text=query,
        referer=page_url,
        depth=depth,
        score=score,
        priority=_priority(score, score, depth),
        follow=True,
        document_hint=False,
        request=request if request is not None and request.method != "GET" else None,
    )
