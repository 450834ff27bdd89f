"""ASP.NET Web Forms as the platforms built on it use it (DotNetNuke, SharePoint, the
provincial ISO platforms): postbacks and page methods.

A Web Forms page is one `<form>`; its links to a grid's next page or its search button are
`javascript:__doPostBack('target','argument')`, which a browser answers by POSTing the form
back with the page's own hidden state (`__VIEWSTATE`, `__EVENTVALIDATION`, …) and the
target and argument. A page method (`Page.aspx/Method`) is a JSON POST a script makes, paged
by a field such as `pageIndex`; GET is refused. Both are read here from the page itself: the
target names, the form's fields and the script's JSON literal are each site's own data.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urljoin, urlsplit

from parsel import Selector

from crawler.platforms.base import PlatformRequest

__all__ = ["page_method_calls", "postback_pages", "postback_searches"]

_POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")
_GRID_PAGE = re.compile(r"^Page\$(?:\d+|Next|Last)$", re.I)
_SEARCH_TARGET = re.compile(r"search|timkiem|tim_kiem|cmdGo", re.I)
_SEARCH_INPUT = re.compile(r"search|timkiem|tukhoa|keyword", re.I)
_TEXT_INPUTS = "//input[not(@type) or @type='text' or @type='search'][@name]"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def _state_form(page: Selector) -> Selector | None:
    forms = page.xpath("//form[.//input[@name='__VIEWSTATE']]")
    return forms[0] if forms else None


def _hidden_fields(form: Selector) -> list[tuple[str, str]]:
    """The form's hidden fields, as a browser posts them back (event fields left to the caller)."""
    return [
        (field.attrib["name"], field.attrib.get("value", ""))
        for field in form.xpath(".//input[@type='hidden'][@name]")
        if field.attrib["name"] not in ("__EVENTTARGET", "__EVENTARGUMENT")
    ]


def _action(form: Selector, base_url: str) -> str:
    return urljoin(base_url, form.attrib.get("action", "") or base_url)


def _postback(
    form: Selector, base_url: str, target: str, argument: str, extra: list[tuple[str, str]]
) -> tuple[str, bytes]:
    fields = [("__EVENTTARGET", target), ("__EVENTARGUMENT", argument), *_hidden_fields(form)]
    return _action(form, base_url), urlencode([*fields, *extra]).encode()


def postback_pages(page: Selector, base_url: str) -> list[PlatformRequest]:
    """The postbacks that page a grid (`__doPostBack('…grdVanBan','Page$2')`), in order."""
    form = _state_form(page)
    if form is None:
        return []
    requests: dict[tuple[str, str], PlatformRequest] = {}
    for href in page.xpath("//a/@href[contains(., '__doPostBack')]").getall():
        match = _POSTBACK.search(href)
        if match is None or not _GRID_PAGE.match(match.group(2)):
            continue
        target, argument = match.groups()
        url, body = _postback(form, base_url, target, argument, [])
        requests.setdefault(
            (target, argument),
            PlatformRequest(
                url=url,
                method="POST",
                body=body,
                content_type=FORM_CONTENT_TYPE,
                identity=f"postback:{urlsplit(url).path}:{target}:{argument}",
            ),
        )
    return list(requests.values())


def postback_searches(
    page: Selector, base_url: str, queries: tuple[str, ...]
) -> list[PlatformRequest]:
    """The page's search asked by postback: its search box and the button that posts it."""
    form = _state_form(page)
    if form is None:
        return []
    names = page.xpath(f"{_TEXT_INPUTS}/@name").getall()
    box = next((name for name in names if _SEARCH_INPUT.search(name)), None)
    targets = [
        match.group(1)
        for handler in page.xpath("//@href[contains(., '__doPostBack')] | //@onclick").getall()
        if (match := _POSTBACK.search(handler)) and _SEARCH_TARGET.search(match.group(1))
    ]
    if box is None or not targets:
        return []
    requests = []
    for query in queries:
        url, body = _postback(form, base_url, targets[0], "", [(box, query)])
        requests.append(
            PlatformRequest(
                url=url,
                text=query,
                method="POST",
                body=body,
                content_type=FORM_CONTENT_TYPE,
                identity=f"search:{targets[0]}:{query}",
            )
        )
    return requests


# $.ajax({ type: "POST", url: "DonVi.aspx/LayDanhSach", data: JSON.stringify({ … }) … })
_PAGE_METHOD_URL = re.compile(r"""url\s*:\s*['"]([^'"]+\.aspx/\w+)['"]""", re.I)
_STRINGIFY = re.compile(r"JSON\.stringify\(\s*\{([^{}]*)\}\s*\)")
_MEMBER = re.compile(
    r"""['"]?(\w+)['"]?\s*:\s*('[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false|null|\w+)"""
)
_PAGE_FIELDS = re.compile(r"^(?:page|pageindex|pagenumber|pageno|currentpage|trang|sotrang)$", re.I)
_LITERAL = re.compile(r"""^(?:'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false|null)$""")


def _literal(value: str) -> object:
    if value.startswith("'"):
        return value[1:-1]
    return json.loads(value)


def _call_fields(members: str) -> tuple[dict[str, object], str | None] | None:
    """The JSON the script posts, with its paging field set to 1; None when a field comes
    from anything the page does not give (a variable, a filter the user types)."""
    fields: dict[str, object] = {}
    paging = None
    for member in filter(None, (part.strip() for part in members.split(","))):
        match = _MEMBER.fullmatch(member)
        if match is None:
            return None
        name, value = match.groups()
        if _PAGE_FIELDS.match(name):
            paging, fields[name] = name, 1
        elif _LITERAL.match(value):
            fields[name] = _literal(value)
        else:
            return None
    return fields, paging


def page_method_calls(scripts: list[str], base_url: str) -> list[PlatformRequest]:
    """The page methods a page's scripts POST to, each asked for its first page."""
    calls: list[PlatformRequest] = []
    for script in scripts:
        for url_match in _PAGE_METHOD_URL.finditer(script):
            data = _STRINGIFY.search(script, url_match.end()) or _STRINGIFY.search(script)
            read = _call_fields(data.group(1)) if data else ({}, None)
            if read is None:
                continue
            fields, paging = read
            calls.append(_page_method(urljoin(base_url, url_match.group(1)), fields, paging))
    return calls


def _page_method(url: str, fields: dict[str, object], paging: str | None) -> PlatformRequest:
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()
    return PlatformRequest(
        url=url,
        method="POST",
        body=body,
        content_type=JSON_CONTENT_TYPE,
        identity=f"json:{urlsplit(url).path}:{body.decode()}",
        page_field=paging,
    )
