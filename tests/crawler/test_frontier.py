from __future__ import annotations

from dataclasses import replace

import pytest

from crawler.frontier import MAX_URL_LENGTH, AgencyFrontier, Link, link_key
from crawler.links import PROMISING_SCORE, RELEVANT_SCORE
from crawler.platforms import PlatformRequest


def link(
    url: str, priority: int = 0, depth: int = 1, *, document: bool = False, text: str | None = None
) -> Link:
    return Link(
        url=url,
        text=text,
        referer=None,
        depth=depth,
        score=priority,
        priority=priority,
        follow=True,
        document_hint=document,
    )


def test_best_first_then_discovery_order() -> None:
    frontier = AgencyFrontier(pages=10, depth=5)
    for url, priority in [
        ("http://a/1", 0),
        ("http://a/2", 9),
        ("http://a/3", 0),
        ("http://a/4", 9),
    ]:
        frontier.offer(link(url, priority))
    assert [item.url for item in frontier.take(10)] == ["http://a/2", "http://a/4"]
    frontier.forget_in_flight()
    assert [item.url for item in frontier.take(10)] == ["http://a/1", "http://a/3"]


def test_seen_urls_are_not_offered_twice() -> None:
    frontier = AgencyFrontier(pages=10, depth=5)
    assert frontier.offer(link("http://a/x?b=2&a=1"))
    assert not frontier.offer(link("http://a/x?a=1&b=2"))
    frontier.mark_seen("http://a/y")
    assert not frontier.offer(link("http://a/y"))


def test_too_deep_links_are_dropped() -> None:
    frontier = AgencyFrontier(pages=10, depth=2)
    assert not frontier.offer(link("http://a/deep", depth=3))
    assert frontier.offer(link("http://a/ok", depth=2))


def test_budget_is_strict() -> None:
    frontier = AgencyFrontier(pages=3, depth=5)
    for n in range(10):
        frontier.offer(link(f"http://a/{n}.pdf", document=True))
    first, second = frontier.take(2)  # capacity first
    assert frontier.take(2) == []
    frontier.settle(first)
    (third,) = frontier.take(2)
    frontier.settle(second)
    assert frontier.take(5) == []
    assert frontier.issued == 3
    assert not frontier.exhausted
    frontier.settle(third)
    assert frontier.exhausted


def test_exhausted_when_nothing_waits_and_nothing_in_flight() -> None:
    frontier = AgencyFrontier(pages=3, depth=5)
    assert frontier.exhausted
    frontier.offer(link("http://a/1"))
    assert not frontier.exhausted


def test_settle_without_request_is_a_bug() -> None:
    with pytest.raises(RuntimeError):
        AgencyFrontier(pages=1, depth=1).settle(link("http://a/"))


def test_unpromising_links_wait_for_promising_answers() -> None:
    frontier = AgencyFrontier(pages=10, depth=5, promising_score=12)
    iso, news = link("http://a/iso", 40), link("http://a/news", 0)
    frontier.offer(iso)
    frontier.offer(news)
    assert frontier.take(8) == [iso]
    assert frontier.take(8) == []  # the ISO page may reveal documents: news waits
    frontier.offer(link("http://a/qd.pdf", 60))
    assert [item.url for item in frontier.take(8)] == ["http://a/qd.pdf"]
    frontier.settle(iso)
    frontier.settle(link("http://a/qd.pdf", 60))
    assert frontier.take(8) == [news]


def test_irrelevant_links_wait_for_somewhat_relevant_answers() -> None:
    frontier = AgencyFrontier(pages=10, depth=5, promising_score=12)
    documents, news = link("http://a/van-ban", 6), link("http://a/news", 5)
    frontier.offer(documents)
    frontier.offer(news)
    assert frontier.take(8) == [documents]
    assert frontier.take(8) == []
    frontier.settle(documents)
    assert frontier.take(8) == [news]


def test_unpromising_links_go_in_parallel_when_nothing_promising_is_pending() -> None:
    frontier = AgencyFrontier(pages=10, depth=5)
    for n in range(5):
        frontier.offer(link(f"http://a/{n}", 0))
    assert len(frontier.take(3)) == 3


def test_forget_in_flight() -> None:
    frontier = AgencyFrontier(pages=10, depth=5)
    frontier.offer(link("http://a/iso", 40))
    frontier.take(1)
    assert frontier.forget_in_flight() == 1
    assert frontier.in_flight == 0
    frontier.offer(link("http://a/news", 0))
    assert len(frontier.take(1)) == 1


def test_pages_go_out_fewer_at_a_time_when_the_budget_runs_low() -> None:
    frontier = AgencyFrontier(pages=6, depth=5)
    for n in range(6):
        frontier.offer(link(f"http://a/chi-tiet-{n}", 40))
    assert len(frontier.take(8)) == 2  # no more pages in flight than half the budget left
    frontier.offer(link("http://a/qd.pdf", 100, document=True))
    assert [item.url for item in frontier.take(8)] == ["http://a/qd.pdf"]


def test_breadth_first_ignores_scores_and_tiers() -> None:
    frontier = AgencyFrontier(pages=10, depth=5, best_first=False)
    frontier.offer(link("http://a/deep-promising", 90, depth=2))
    frontier.offer(link("http://a/shallow-irrelevant", -5, depth=1))
    frontier.offer(link("http://a/shallow-promising", 50, depth=1))
    assert [item.url for item in frontier.take(10)] == [
        "http://a/shallow-irrelevant",
        "http://a/shallow-promising",
        "http://a/deep-promising",
    ]


def test_exploration_ends_but_a_relevant_list_keeps_its_pages() -> None:
    frontier = AgencyFrontier(pages=20, depth=5, explore=2)
    for n in range(4):
        frontier.offer(link(f"http://a/news-{n}", 0))
    for n in range(2, 6):
        frontier.offer(replace(link(f"http://a/van-ban?page={n}", 6), pagination=n - 1))
    frontier.offer(link("http://a/iso", 40))
    taken = []
    while batch := frontier.take(1):
        taken += [item.url for item in batch]
        frontier.forget_in_flight()
    assert taken[0] == "http://a/iso"
    assert [url for url in taken if "van-ban" in url] == [
        f"http://a/van-ban?page={n}" for n in range(2, 6)
    ]
    assert [url for url in taken if "news" in url] == ["http://a/news-0", "http://a/news-1"]
    assert frontier.exhausted


def test_a_waiting_link_is_replaced_by_a_better_one_to_the_same_url() -> None:
    frontier = AgencyFrontier(pages=10, depth=5, explore=0)
    assert frontier.offer(link("http://a/van-ban/trang-2", 3))  # from the sitemap
    assert frontier.offer(replace(link("http://a/van-ban/trang-2", 9), pagination=1))
    assert not frontier.offer(link("http://a/van-ban/trang-2", 1))
    (taken,) = frontier.take(8)
    assert (taken.score, taken.pagination) == (9, 1)
    assert frontier.take(8) == []
    frontier.settle(taken)
    assert frontier.exhausted


def test_a_news_list_pages_on_without_exploring_up_to_its_bound() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=1, list_pages=3)
    frontier.offer(link("http://a/gioi-thieu", 0))
    frontier.offer(link("http://a/lien-he", 0))
    for n in range(2, 7):
        frontier.offer(replace(link(f"http://a/tin-tuc?p={n}", 7), pagination=n - 1))
    frontier.offer(replace(link("http://a/van-ban?page=2", 7), pagination=1))
    taken = []
    while batch := frontier.take(1):
        taken += [item.url for item in batch]
        frontier.forget_in_flight()
    news = [url for url in taken if "tin-tuc" in url]
    # three free pages, then a fourth as the one link explored; the menu links are dropped
    assert news == [f"http://a/tin-tuc?p={n}" for n in range(2, 6)]
    assert "http://a/van-ban?page=2" in taken  # another list, with a bound of its own
    assert len(taken) == 5 and frontier.explored == 1
    assert frontier.exhausted


def test_breadth_first_has_no_list_bound() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, best_first=False, list_pages=1)
    for n in range(2, 6):
        frontier.offer(replace(link(f"http://a/tin-tuc?p={n}", 7), pagination=n - 1))
    assert len(frontier.take(10)) == 4


def test_a_sitemap_entry_dropped_by_exploration_comes_back_as_a_next_page() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=1)
    frontier.offer(link("http://a/gioi-thieu", 0))
    frontier.offer(link("http://a/tin-tuc/trang-2", 0, depth=2))  # from the sitemap
    assert [item.url for item in frontier.take(1)] == ["http://a/gioi-thieu"]
    frontier.forget_in_flight()
    assert frontier.take(1) == [] and frontier.exhausted  # dropped
    assert not frontier.offer(link("http://a/tin-tuc/trang-2", 0))
    assert frontier.offer(replace(link("http://a/tin-tuc/trang-2", 7), pagination=1))
    assert [item.url for item in frontier.take(1)] == ["http://a/tin-tuc/trang-2"]
    assert frontier.explored == 1


def test_a_dropped_link_comes_back_when_its_anchor_is_promising() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=0)
    frontier.offer(link("http://a/tin-tuc/ban-hanh-quy-trinh-42", 6))  # the sitemap's URL
    assert frontier.take(1) == [] and frontier.exhausted
    assert frontier.offer(link("http://a/tin-tuc/ban-hanh-quy-trinh-42", 40))  # its title
    assert [item.url for item in frontier.take(1)] == ["http://a/tin-tuc/ban-hanh-quy-trinh-42"]


HEADLINE = "Ra quân hưởng ứng Tháng hành động vì môi trường"


def test_headlines_are_not_explored_and_leave_exploration_to_the_menu() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=1)
    for n in range(5):
        frontier.offer(link(f"http://a/tin-tuc/bai-{n}", 2, text=f"{HEADLINE} {n}"))
    frontier.offer(link("http://a/gioi-thieu", 0, text="Giới thiệu"))
    frontier.offer(link("http://a/lien-he", 0, text="Liên hệ"))
    assert [item.url for item in frontier.take(10)] == ["http://a/gioi-thieu"]
    assert frontier.explored == 1


def test_a_relevant_headline_is_explored() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=1)
    title = "Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân xã"  # scores 8
    frontier.offer(link("http://a/tin-tuc/ke-hoach", 8, text=title))
    assert [item.url for item in frontier.take(10)] == ["http://a/tin-tuc/ke-hoach"]


def test_a_dropped_headline_comes_back_with_a_promising_score() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=4)
    frontier.offer(link("http://a/tin-tuc/bai-1", 0, text=HEADLINE))
    assert frontier.take(1) == [] and frontier.exhausted
    assert frontier.offer(link("http://a/tin-tuc/bai-1", 40, text=HEADLINE))
    assert [item.url for item in frontier.take(1)] == ["http://a/tin-tuc/bai-1"]


def test_a_full_queue_still_takes_a_promising_link() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, max_waiting=3)
    assert all(frontier.offer(link(f"http://a/muc/{n}", 0)) for n in range(3))
    assert not frontier.offer(link("http://a/muc/3", 0))
    assert frontier.offer(link("http://a/iso", 40))
    assert frontier.take(1)[0].url == "http://a/iso"


def test_an_overlong_url_is_not_queued() -> None:
    frontier = AgencyFrontier(pages=60, depth=5)
    assert not frontier.offer(link("http://a/" + "x" * MAX_URL_LENGTH, 40))
    assert frontier.offer(link("http://a/" + "x" * 100, 40))


def test_a_candidate_that_failed_comes_out_late_once_nothing_else_is_left() -> None:
    frontier = AgencyFrontier(pages=10, depth=5)
    frontier.offer(link("http://a/qd.pdf", document=True))
    frontier.offer(link("http://a/tin-tuc"))
    pdf, page = frontier.take(1) + frontier.take(2)
    frontier.settle(pdf)
    assert frontier.retry_later(pdf)  # failed transiently
    assert frontier.take(2) == []  # the page is still in flight
    assert not frontier.exhausted
    frontier.settle(page)
    (late,) = frontier.take(2)
    assert (late.url, late.late) == ("http://a/qd.pdf", True)
    assert frontier.issued == 2  # a late try is not counted against the budget
    frontier.settle(late)
    assert not frontier.retry_later(late)  # one late try, no more
    assert frontier.exhausted


def test_late_tries_wait_for_links_still_within_the_budget() -> None:
    frontier = AgencyFrontier(pages=3, depth=5)
    frontier.offer(link("http://a/qd.pdf", document=True))
    (pdf,) = frontier.take(2)
    frontier.settle(pdf)
    frontier.retry_later(pdf)
    frontier.offer(link("http://a/muc-tieu.pdf", document=True))
    assert [item.url for item in frontier.take(1)] == ["http://a/muc-tieu.pdf"]


def test_late_tries_come_when_the_budget_is_spent() -> None:
    frontier = AgencyFrontier(pages=1, depth=5)
    frontier.offer(link("http://a/qd.pdf", document=True))
    frontier.offer(link("http://a/muc-tieu.pdf", document=True))
    (pdf,) = frontier.take(2)
    frontier.settle(pdf)
    frontier.retry_later(pdf)
    assert [(item.url, item.late) for item in frontier.take(2)] == [("http://a/qd.pdf", True)]


@pytest.mark.parametrize(
    ("candidate", "retried"),
    [
        (link("http://a/qd.pdf", document=True), True),
        (link("http://a/iso", priority=PROMISING_SCORE), True),
        (link("http://a/van-ban", priority=RELEVANT_SCORE), True),
        (replace(link("http://a/van-ban?page=2"), pagination=1), True),
        (link("http://a/gioi-thieu", priority=RELEVANT_SCORE - 1), False),
    ],
)
def test_only_candidates_are_tried_late(candidate: Link, retried: bool) -> None:
    frontier = AgencyFrontier(pages=5, depth=5)
    frontier.offer(candidate)
    (taken,) = frontier.take(1)
    frontier.settle(taken)
    assert frontier.retry_later(taken) is retried
    assert [item.late for item in frontier.take(1)] == ([True] if retried else [])


# -- issue 9: long menu labels, number-only titles, requests other than a GET --------------


def test_a_long_menu_label_is_explored_not_dropped_as_a_headline() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=4)
    label = "Giới thiệu chung về Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
    frontier.offer(replace(link("http://a/tabid/37/Default.aspx", 0, text=label), navigation=True))
    frontier.offer(link("http://a/tin-tuc/bai-1", 0, text=HEADLINE))
    assert [item.url for item in frontier.take(10)] == ["http://a/tabid/37/Default.aspx"]


def test_a_number_only_title_is_explored() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=4)
    title = "Quyết định số 27/QĐ-SCT ngày 20/11/2025 của Giám đốc Sở Công Thương"
    frontier.offer(link("http://a/tin-tuc/qd-27", 0, text=title))
    assert [item.url for item in frontier.take(10)] == ["http://a/tin-tuc/qd-27"]


def _posted(target: str, state: str) -> Link:
    body = f"__EVENTTARGET=grid&__EVENTARGUMENT={target}&__VIEWSTATE={state}".encode()
    request = PlatformRequest(
        url="http://a/tabid/39/Default.aspx",
        method="POST",
        body=body,
        identity=f"postback:grid:{target}",
    )
    return replace(link("http://a/tabid/39/Default.aspx", 5), request=request, pagination=1)


def test_postbacks_to_one_url_are_told_apart_by_their_identity() -> None:
    frontier = AgencyFrontier(pages=60, depth=5)
    assert frontier.offer(link("http://a/tabid/39/Default.aspx", 5))
    assert frontier.offer(_posted("Page$2", "VS1"))
    assert frontier.offer(_posted("Page$3", "VS1"))
    assert not frontier.offer(_posted("Page$2", "VS2"))  # the same page, a new view state
    keys = {link_key(item) for item in frontier.take(10)}
    assert len(keys) == 3


def test_a_search_posted_back_from_any_page_of_a_site_is_one_search() -> None:
    frontier = AgencyFrontier(pages=60, depth=5)
    for page in ("tabid/36/default.aspx", "tabid/39/Default.aspx"):
        request = PlatformRequest(
            url=f"http://a/{page}",
            text="ISO 9001",
            method="POST",
            body=f"__VIEWSTATE={page}&q=ISO+9001".encode(),
            identity="search:dnn$dnnSearch$cmdSearch:ISO 9001",
        )
        frontier.offer(replace(link(f"http://a/{page}", 40), request=request))
    assert len(frontier.take(10)) == 1


def test_posts_without_an_identity_are_told_apart_by_their_body() -> None:
    frontier = AgencyFrontier(pages=60, depth=5)
    for query in ("ISO 9001", "ISO 9001", "HTQLCL"):
        request = PlatformRequest(url="http://a/tim-kiem", method="POST", body=query.encode())
        frontier.offer(replace(link("http://a/tim-kiem", 40), request=request))
    assert len(frontier.take(10)) == 2


def test_a_settled_page_is_not_asked_and_uses_its_exploration_as_before() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=2, settled=frozenset({"http://a/lien-he"}))
    for name in ("lien-he", "gioi-thieu", "hoi-dap"):
        frontier.offer(link(f"http://a/{name}", 0, text=name))
    taken = [item.url for item in frontier.take(10)]
    # "Liên hệ" led nowhere last time: its request is spared, and exploration still ends
    # after two links, so "Hỏi đáp", which the first crawl never explored, is not asked either.
    assert taken == ["http://a/gioi-thieu"]
    assert (frontier.explored, frontier.deferred, frontier.issued) == (2, 1, 1)


def test_a_settled_url_is_asked_when_it_looks_relevant_or_pages_a_list() -> None:
    settled = frozenset({"http://a/van-ban", "http://a/tin-tuc?page=2", "http://a/iso"})
    frontier = AgencyFrontier(pages=60, depth=5, explore=8, settled=settled)
    frontier.offer(link("http://a/van-ban", RELEVANT_SCORE, text="Văn bản"))
    frontier.offer(replace(link("http://a/tin-tuc?page=2", 0), pagination=1))
    frontier.offer(link("http://a/iso", PROMISING_SCORE, text="ISO 9001"))
    taken = []
    while batch := frontier.take(10):  # a tier waits while a higher one is in flight
        taken += [item.url for item in batch]
        frontier.forget_in_flight()
    assert sorted(taken) == sorted(settled)
    assert frontier.deferred == 0


def test_a_settled_page_comes_back_when_a_page_offers_it_as_promising() -> None:
    frontier = AgencyFrontier(pages=60, depth=5, explore=8, settled=frozenset({"http://a/x"}))
    frontier.offer(link("http://a/x", 0, text="Tin tức"))
    assert frontier.take(10) == []
    assert frontier.offer(link("http://a/x", PROMISING_SCORE, text="Quyết định công bố ISO"))
    assert [item.url for item in frontier.take(10)] == ["http://a/x"]
