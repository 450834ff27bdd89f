"""Site search: the search forms of a page, and the URLs that ask them about the QMS.

Portals keep years of news in a paged list; a post announcing the QMS declaration in 2019
sits far beyond the list pages a crawl walks. A portal's own search finds it in one request
("Use site search where the CMS has it", domain.md 7.4). A search form is a form with a
text field (`q`, `s`, `keyword`, `tukhoa`, `searchword`, …) and no password field; its
hidden fields (a DNN `tabid`, Joomla's `option=com_search`) are sent along, as a browser
would: in the URL of a GET form, in the body of a POST form (often answered by a redirect
to the results). An ASP.NET page's one form is no search form: its search is a postback
(`crawler.platforms.aspnet`). Searches that are no form at all are the platform adapters'.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from parsel import Selector

from crawler.anchors import absolute_url
from crawler.platforms import PlatformRequest

__all__ = ["SEARCH_QUERIES", "SearchForm", "page_search_forms", "search_request", "search_url"]

# What the focused crawl asks a site's search: the standard and the system's own name.
SEARCH_QUERIES = ("ISO 9001", "hệ thống quản lý chất lượng")
MAX_FORMS = 2  # search forms read from one page (a header box and a sidebar box, say)
_TEXT_INPUTS = "input[not(@type) or @type='text' or @type='search']"
_SEARCH_NAMES = frozenset(
    {"q", "s", "query", "keyword", "keywords", "key", "search", "searchword", "tukhoa", "tu-khoa",
     "tu_khoa"}
)  # fmt: skip


@dataclass(frozen=True)
class SearchForm:
    """Where a search form sends its query: the action URL, the field, the hidden fields."""

    action: str
    field: str
    hidden: tuple[tuple[str, str], ...] = ()
    method: str = "GET"


def _form(form: Selector, base_url: str) -> SearchForm | None:
    method = form.attrib.get("method", "get").strip().upper() or "GET"
    if method not in ("GET", "POST"):
        return None
    if form.xpath(".//input[@type='password']"):
        return None  # a login form
    if form.xpath(".//input[@name='__VIEWSTATE']"):
        return None  # an ASP.NET page's one form
    names = [name for name in form.xpath(f".//{_TEXT_INPUTS}/@name").getall() if name.strip()]
    if not names:
        return None
    field = next((name for name in names if name.lower() in _SEARCH_NAMES), names[0])
    action = absolute_url(base_url, form.attrib.get("action", "") or base_url)
    if action is None:
        return None
    hidden = tuple(
        (hidden_input.attrib["name"], hidden_input.attrib.get("value", ""))
        for hidden_input in form.xpath(".//input[@type='hidden'][@name]")
    )
    return SearchForm(action=action, field=field, hidden=hidden, method=method)


def page_search_forms(html: Selector, base_url: str) -> list[SearchForm]:
    """The page's search forms, in document order (at most `MAX_FORMS`)."""
    forms: list[SearchForm] = []
    for element in html.xpath("//form"):
        form = _form(element, base_url)
        if form is not None and form not in forms:
            forms.append(form)
        if len(forms) == MAX_FORMS:
            break
    return forms


def search_url(form: SearchForm, query: str) -> str:
    """The URL a browser requests when `query` is submitted through `form` (a POST form's
    action: the query goes in the body, `search_request`)."""
    if form.method == "POST":
        return form.action
    parts = urlsplit(form.action)
    fields = [*form.hidden, (form.field, query)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(fields), ""))


def search_request(form: SearchForm, query: str) -> PlatformRequest | None:
    """How a POST form is submitted with `query`; None for a GET form (its URL says it all)."""
    if form.method != "POST":
        return None
    body = urlencode([*form.hidden, (form.field, query)]).encode()
    return PlatformRequest(
        url=form.action,
        text=query,
        method="POST",
        body=body,
        content_type="application/x-www-form-urlencoded",
    )
