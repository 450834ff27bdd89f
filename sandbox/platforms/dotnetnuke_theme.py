"""DotNetNuke's markup: one ASP.NET form per page (hidden __VIEWSTATE, __EVENTVALIDATION and
__doPostBack), the skin's panes and module containers, the classic search skin object, a
GridView document table paged by postback, news lists and details. Returns HTML text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

Link = tuple[str, str]
GRID_TARGET = "dnn$ctr452$VanBan$grdVanBan"
SEARCH_TARGET = "dnn$dnnSearch$cmdSearch"
SEARCH_FIELD = "dnn$dnnSearch$txtSearch"


@dataclass(frozen=True, kw_only=True)
class Skin:
    """What every page of one DNN portal shares."""

    site_name: str
    home: str
    menu: tuple[Link, ...]
    left: str  # the left pane's modules
    today: str  # the CurrentDate skin object, filled in per fetch or fixed
    counter: str  # the visitor counter, filled in per fetch or empty


@dataclass(frozen=True, kw_only=True)
class Form:
    """The page's ASP.NET form: where it posts back and the state it carries."""

    action: str
    viewstate: str
    event_validation: str


def postback(target: str, argument: str) -> str:
    """A link's href that posts the form back, escaped as ASP.NET renders it."""
    return f"javascript:__doPostBack(&#39;{target}&#39;,&#39;{argument}&#39;)"


def module(mid: int, kind: str, title: str, content: str) -> str:
    """A module in its container."""
    return (
        f'<div class="DnnModule DnnModule-{kind} DnnModule-{mid}"><a name="{mid}"></a>'
        f'<div class="c_head"><h2 class="c_title"><span id="dnn_ctr{mid}_dnnTITLE_titleLabel" '
        f'class="TitleHead">{escape(title)}</span></h2></div>'
        f'<div id="dnn_ctr{mid}_ContentPane" class="c_content">'
        f'<div id="dnn_ctr{mid}_ModuleContent" class="DNNModuleContent Mod{kind}C">{content}'
        "</div></div></div>"
    )


def frame(skin: Skin, form: Form, *, title: str, content: str) -> str:
    menu = "".join(
        f'<li class="item"><a href="{escape(href)}"><span>{escape(label)}</span></a></li>'
        for label, href in skin.menu
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi-VN">\n<head id="Head"><meta content="text/html; '
        'charset=UTF-8" http-equiv="Content-Type" />'
        f"<title>\n\t{escape(title)}\n</title>"
        '<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />'
        '<link href="/Portals/_default/default.css" type="text/css" rel="stylesheet" /></head>\n'
        '<body id="Body">\n'
        f'<form method="post" action="{escape(form.action)}" id="Form" '
        'enctype="multipart/form-data">\n<div class="aspNetHidden">\n'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />\n'
        '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />\n'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{form.viewstate}" />\n'
        '</div>\n<script type="text/javascript">\n//<![CDATA[\n'
        "var theForm = document.forms['Form'];\nif (!theForm) { theForm = document.Form; }\n"
        "function __doPostBack(eventTarget, eventArgument) {\n"
        "    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n"
        "        theForm.__EVENTTARGET.value = eventTarget;\n"
        "        theForm.__EVENTARGUMENT.value = eventArgument;\n"
        "        theForm.submit();\n    }\n}\n//]]>\n</script>\n"
        '<div id="dnn_wrapper"><div id="dnn_header">'
        f'<a id="dnn_dnnLOGO_hypLogo" title="{escape(skin.site_name)}" '
        f'href="{escape(skin.home)}"><img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/logo.png" '
        f'alt="{escape(skin.site_name)}" /></a>'
        f'<span id="dnn_dnnCURRENTDATE_lblDate" class="DateToken">{skin.today}</span>'
        '<span id="dnn_dnnSearch_ClassicSearch">'
        f'<input name="{SEARCH_FIELD}" type="text" maxlength="255" size="20" '
        'id="dnn_dnnSearch_txtSearch" class="NormalTextBox" />'
        f'<a id="dnn_dnnSearch_cmdSearch" class="SkinObject" href="{postback(SEARCH_TARGET, "")}">'
        "Tìm kiếm</a></span></div>\n"
        f'<div id="dnn_nav"><ul class="topLevel">{menu}</ul></div>\n'
        f'<div id="dnn_content"><div id="dnn_LeftPane" class="leftPane">{skin.left}</div>'
        f'<div id="dnn_ContentPane" class="contentPane">{content}</div></div>\n'
        '<div id="dnn_footer"><span id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">'
        f"Bản quyền &copy; {escape(skin.site_name)}</span>"
        f'<span class="counter">{skin.counter}</span></div></div>\n'
        '<div class="aspNetHidden">\n<input type="hidden" name="__VIEWSTATEGENERATOR" '
        'id="__VIEWSTATEGENERATOR" value="CA0B0334" />\n'
        '<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" '
        f'value="{form.event_validation}" />\n</div></form>\n</body>\n</html>\n'
    )


@dataclass(frozen=True, kw_only=True)
class Row:
    number: str
    issued: date
    title: str
    file: Link | None  # (link text, href)


def grid(rows: list[Row], first: int, pages: int, current: int) -> str:
    """The GridView of documents; its pager posts back `Page$N`."""
    head = (
        '<tr class="GridHeader"><th scope="col">STT</th><th scope="col">Số ký hiệu</th>'
        '<th scope="col">Ngày ban hành</th><th scope="col">Trích yếu</th>'
        '<th scope="col">Tải về</th></tr>'
    )
    body = ""
    for n, row in enumerate(rows, first):
        file = f'<a href="{escape(row.file[1])}">{escape(row.file[0])}</a>' if row.file else ""
        body += (
            f'<tr class="GridRow"><td>{n}</td><td>{escape(row.number)}</td>'
            f"<td>{row.issued:%d/%m/%Y}</td><td>{escape(row.title)}</td><td>{file}</td></tr>"
        )
    if pages > 1:
        cells = "".join(
            f"<td><span>{n}</span></td>"
            if n == current
            else f'<td><a href="{postback(GRID_TARGET, f"Page${n}")}">{n}</a></td>'
            for n in range(1, pages + 1)
        )
        body += f'<tr class="GridPager"><td colspan="5"><table><tr>{cells}</tr></table></td></tr>'
    return (
        '<div><table class="Grid" cellspacing="0" rules="all" border="1" '
        'id="dnn_ctr452_VanBan_grdVanBan" style="border-collapse:collapse;">'
        f"{head}{body}</table></div>"
    )


@dataclass(frozen=True, kw_only=True)
class Story:
    """A news item as the news module shows it."""

    url: str
    title: str
    summary: str
    published: date
    body: str = ""
    print_url: str | None = None


def story_list(stories: list[Story], pager: list[Link]) -> str:
    items = "".join(
        f'<div class="tin-item"><a class="tin-title" href="{escape(s.url)}">{escape(s.title)}</a>'
        f'<span class="tin-date">({s.published:%d/%m/%Y})</span>'
        f'<div class="tin-summary">{escape(s.summary)}</div></div>'
        for s in stories
    )
    pages = " ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in pager)
    return items + (f'<div class="PagingTable">{pages}</div>' if pages else "")


def story_page(story: Story) -> str:
    tools = ""
    if story.print_url:
        tools = (
            f'<a id="dnn_ctr451_dnnPRINT_hypPrint" title="In" href="{escape(story.print_url)}" '
            'target="_blank" rel="nofollow"><img src="/images/action_print.gif" alt="In" /></a>'
        )
    return (
        f'<div class="tin-detail"><h1 class="tin-title">{escape(story.title)}</h1>'
        f'<div class="tin-date">{story.published:%d/%m/%Y}</div>'
        f'<div class="tin-summary"><strong>{escape(story.summary)}</strong></div>'
        f'<div class="tin-body">{story.body}</div><div class="actions">{tools}</div></div>'
    )


def print_page(title: str, content: str) -> str:
    """A module in print mode: no skin, no container, the module alone."""
    return (
        '<!DOCTYPE html>\n<html lang="vi-VN"><head><meta charset="utf-8">'
        f'<title>{escape(title)}</title></head><body onload="window.print();">'
        f'<div id="dnn_ContentPane">{content}</div></body></html>\n'
    )


def search_results(query: str, found: list[Link]) -> str:
    rows = "".join(
        f'<tr><td><a href="{escape(href)}" class="SubHead">{escape(title)}</a></td></tr>'
        for title, href in found
    )
    return (
        f'<span class="Normal">Kết quả tìm kiếm cho "{escape(query)}": {len(found)}</span>'
        f'<table class="SearchResults" id="dnn_ctr460_SearchResults_dgResults">{rows}</table>'
    )


def error_page(message: str) -> str:
    """ASP.NET's yellow error page, as a misconfigured production site shows it."""
    return (
        "<!DOCTYPE html>\n<html><head><title>Runtime Error</title></head><body "
        "bgcolor=\"white\"><span><h1>Server Error in '/' Application.<hr width=100% size=1 "
        f"color=silver></h1><h2> <i>{escape(message)}</i> </h2></span></body></html>\n"
    )
