"""NukeViet 4.5's markup, after its default theme and its news and laws modules: the page
frame (header search button, left-main layout, panel blocks, footer counter), news lists and
posts, the laws table, print and save-as renderings. Every function returns HTML text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sandbox.platforms.volatile import mark

Link = tuple[str, str]


@dataclass(frozen=True, kw_only=True)
class MenuItem:
    label: str
    href: str
    children: tuple[Link, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Block:
    """A block of a side column, in the theme's `panel panel-primary` frame."""

    title: str
    body: str


@dataclass(frozen=True, kw_only=True)
class Chrome:
    site_name: str
    description: str
    home: str
    menu: tuple[MenuItem, ...]
    blocks: tuple[Block, ...]
    search_url: str | None  # the data-url of the header search button
    volatile: bool  # the clock in the third nav and the visitor counter in the footer


@dataclass(frozen=True, kw_only=True)
class PostView:
    """A news post as lists and its page show it."""

    url: str
    title: str
    hometext: str
    published: date
    body: str
    files: tuple[Link, ...] = ()  # (file name, download URL)
    print_url: str | None = None
    save_url: str | None = None
    previews: tuple[str, ...] = ()  # the PDF viewer of each file, where the post offers one


def _a(label: str, href: str, extra: str = "") -> str:
    return f'<a href="{escape(href)}"{extra}>{escape(label)}</a>'


def _menu(chrome: Chrome) -> str:
    items = ""
    for item in chrome.menu:
        sub = ""
        if item.children:
            sub = '<ul class="subs">' + "".join(f"<li>{_a(*c)}</li>" for c in item.children)
            sub += "</ul>"
        link = _a(item.label, item.href, f' title="{escape(item.label)}"')
        items += f'<li class="dropdown">{link}{sub}</li>'
    return f'<ul class="nav navbar-nav menusite">{items}</ul>'


def _search(chrome: Chrome) -> str:
    if chrome.search_url is None:
        return ""
    return (
        '<div class="headerSearch col-xs-24 col-sm-6 col-md-6"><div class="input-group">'
        '<input type="text" class="form-control" maxlength="60" placeholder="Tìm kiếm...">'
        '<span class="input-group-btn"><button type="button" class="btn btn-info" '
        f'data-url="{escape(chrome.search_url)}" data-minlength="3" data-click="y">'
        '<em class="fa fa-search fa-lg"></em></button></span></div></div>'
    )


def _blocks(chrome: Chrome) -> str:
    return "".join(
        f'<div class="panel panel-primary"><div class="panel-heading">{escape(b.title)}</div>'
        f'<div class="panel-body">{b.body}</div></div>'
        for b in chrome.blocks
    )


def _counter(chrome: Chrome) -> str:
    if not chrome.volatile:
        return ""
    return (
        '<div class="panel-body"><ul class="counter list-none display-table">'
        f'<li><span><em class="fa fa-bolt fa-lg fa-horizon"></em>Đang truy cập</span>'
        f"<span>{mark('online')}</span></li>"
        f'<li><span><em class="fa fa-line-chart fa-lg fa-horizon"></em>Tổng lượt truy cập'
        f"</span><span>{mark('counter')}</span></li></ul></div>"
    )


def frame(chrome: Chrome, *, title: str, main: str) -> str:
    """A whole page: header, menu, third nav (clock, search), main column, left column."""
    clock = f'<span class="current-time">{mark("now")}</span>' if chrome.volatile else ""
    return (
        '<!DOCTYPE html>\n<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" '
        'prefix="og: http://ogp.me/ns#">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="generator" content="NukeViet v4.5">'
        '<script src="/assets/js/jquery/jquery.min.js"></script></head>\n<body>\n'
        '<noscript><div class="alert alert-danger">Trình duyệt của bạn đã tắt chức năng hỗ '
        "trợ JavaScript.</div></noscript>\n"
        '<div class="body-bg"><div class="wraper"><header><div class="container">'
        '<div id="header" class="row"><div class="logo col-xs-24 col-sm-24 col-md-8">'
        f'<a title="{escape(chrome.site_name)}" href="{escape(chrome.home)}">'
        f'<img src="/uploads/logo.png" alt="{escape(chrome.site_name)}"></a>'
        f'<span class="site_name">{escape(chrome.site_name)}</span>'
        f'<span class="site_description">{escape(chrome.description)}</span></div></div>'
        "</div></header>\n"
        '<nav class="second-nav" id="menusite"><div class="container"><div class="row">'
        f'<div class="bg box-shadow">{_menu(chrome)}</div></div></div></nav>\n'
        '<section><div class="container" id="body"><nav class="third-nav"><div class="row">'
        '<div class="bg"><div class="clearfix"><div class="col-xs-24 col-sm-18 col-md-18">'
        f'<div class="breadcrumbs-wrap"></div>{clock}</div>{_search(chrome)}</div></div></div>'
        "</nav>\n"
        '<div class="row"><div class="col-sm-18 col-md-19 col-sm-push-6 col-md-push-5">\n'
        f"{main}\n</div>"
        '<div class="col-sm-6 col-md-5 col-sm-pull-18 col-md-pull-19">'
        f"{_blocks(chrome)}</div></div></div></section>\n"
        '<footer id="footer"><div class="container"><div class="row">'
        '<div class="col-xs-24 col-sm-24 col-md-12"><div class="copyright">'
        f"&copy; Bản quyền thuộc về {escape(chrome.site_name)}</div></div>"
        f'<div class="col-xs-24 col-sm-24 col-md-6">{_counter(chrome)}</div></div></div>'
        "</footer></div></div>\n</body>\n</html>\n"
    )


def _stamp(day: date) -> str:
    return f"{day:%d/%m/%Y} 08:{day.day + 10:02d}"


def news_list(heading: str, posts: list[PostView], pager: str) -> str:
    """A category's posts, `viewcat_page` style: the title in its h3, the summary beside it."""
    items = "".join(
        '<div class="news_column"><div class="panel panel-default"><div class="panel-body">'
        f'<h3><a href="{escape(p.url)}" title="{escape(p.title)}">{escape(p.title)}</a></h3>'
        '<div class="text-muted"><ul class="list-unstyled list-inline">'
        f'<li><em class="fa fa-clock-o">&nbsp;</em> {_stamp(p.published)}</li></ul></div>'
        f"{escape(p.hometext)}</div></div></div>"
        for p in posts
    )
    return f'<h1 class="hidden">{escape(heading)}</h1>{items}{pager}'


def pager(hrefs: list[str], current: int) -> str:
    """NukeViet's `generate_page`: numbered links and '»' to the next page."""
    if len(hrefs) < 2:
        return ""
    items = "".join(
        f'<li class="active"><a href="#">{n}</a></li>'
        if n == current
        else f"<li>{_a(str(n), h)}</li>"
        for n, h in enumerate(hrefs, 1)
    )
    if current < len(hrefs):
        items += f"<li>{_a('»', hrefs[current])}</li>"
    return f'<div class="text-center"><ul class="pagination">{items}</ul></div>'


def post_page(post: PostView) -> str:
    """A post: title, tools (print opens a window from script, save-as is a link), summary,
    body and the attachments panel, each file behind the post's ?download handler."""
    tools = ""
    if post.print_url:
        tools += (
            '<li><a class="dimgray" rel="nofollow" title="In ra" href="javascript: void(0)" '
            f"onclick=\"nv_open_browse('{escape(post.print_url)}','',840,500,'resizable=yes,"
            "scrollbars=yes,toolbar=no,location=no,status=no');return false\">"
            '<em class="fa fa-print fa-lg">&nbsp;</em></a></li>'
        )
    if post.save_url:
        tools += (
            '<li><a class="dimgray" rel="nofollow" title="Lưu bài viết này" '
            f'href="{escape(post.save_url)}"><em class="fa fa-save fa-lg">&nbsp;</em></a></li>'
        )
    files = ""
    if post.files:
        rows = "".join(
            f'<div class="list-group-item">{_quick_view(post, n)}'
            f'<a href="{escape(href)}" title="Tải về {n} {escape(name)}" download>'
            f"Tải về {n}: <strong>{escape(name)}</strong></a>{_viewer(post, n)}</div>"
            for n, (name, href) in enumerate(post.files, 1)
        )
        files = (
            '<div class="panel panel-default"><div class="panel-heading">'
            '<i class="fa fa-download"></i> <strong>Tập tin đính kèm</strong></div>'
            f'<div class="list-group news-download-file">{rows}</div></div>'
        )
    return (
        '<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" '
        'itemscope><div class="panel-body">'
        f'<h1 class="title margin-bottom-lg" itemprop="headline">{escape(post.title)}</h1>'
        f'<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">'
        f'{_stamp(post.published)}</span></div><div class="col-md-12">'
        f'<ul class="list-inline text-right">{tools}</ul></div></div>'
        f'<div class="clearfix"><div class="hometext m-bottom" itemprop="description">'
        f"{escape(post.hometext)}</div></div>"
        f'<div id="news-bodyhtml" class="bodytext margin-bottom-lg">{post.body}</div>{files}'
        "</div></div>"
    )


def _quick_view(post: PostView, number: int) -> str:
    if number > len(post.previews):
        return ""
    return (
        f'<span class="badge"><a role="button" data-toggle="collapse" href="#file-{number}" '
        f'aria-expanded="false" aria-controls="file-{number}"><i class="fa fa-eye" '
        'data-rel="tooltip" data-content="Xem nhanh"></i></a></span>'
    )


def _viewer(post: PostView, number: int) -> str:
    """The collapsed quick view: the PDF viewer's URL is only in `data-src`."""
    if number > len(post.previews):
        return ""
    return (
        f'<div class="clearfix"></div><div class="collapse" id="file-{number}" '
        f'data-src="{escape(post.previews[number - 1])}" data-toggle="collapsefile" '
        'data-loaded="false"><div class="well margin-top"><iframe height="600" scrolling="yes" '
        'src="" width="100%"></iframe></div></div>'
    )


def pdf_viewer(title: str, file_url: str) -> str:
    """The PDF preview page (…&pdf=1&id=N): a viewer that loads the file by script."""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<script src="/assets/js/pdf.js/pdf.min.js"></script></head><body>'
        '<div id="pdfviewer"></div><script>var pdfurl = '
        f"'{escape(file_url)}';"
        "pdfjsLib.getDocument(pdfurl).promise.then(function (pdf) { nv_pdf_render(pdf); });"
        "</script></body></html>\n"
    )


def print_page(site_name: str, home: str, post: PostView) -> str:
    """The print rendering (news/print/…): the post on a bare page, with a print button."""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(post.title)}</title></head><body>"
        f'<div id="print"><div id="hd_print"><h2 class="pull-left">{escape(site_name)}</h2>'
        f'<p class="pull-right">{_a(home, home)}</p></div><hr /><div id="content">'
        f'<h1>{escape(post.title)}</h1><ul class="list-inline"><li>{_stamp(post.published)}'
        '</li><li class="hidden-print txtrequired"><a title="In ra" href="javascript:;" '
        'onclick="window.print()">In ra</a></li></ul>'
        f'<div id="hometext">{escape(post.hometext)}</div>'
        f'<div id="bodytext" class="clearfix">{post.body}</div></div></div></body></html>\n'
    )


@dataclass(frozen=True, kw_only=True)
class LawView:
    """An entry of the laws module."""

    url: str  # its detail page
    code: str
    issued: date
    title: str
    files: tuple[Link, ...] = ()
    signer: str = ""


def laws_table(entries: list[LawView], first: int, pager_html: str) -> str:
    """The 'Văn bản' list: each entry links twice, its number then its summary, to its page;
    its files (down_in_home) go straight to the download handler."""
    head = (
        '<div class="table-rows table-head"><div class="c-stt a-center">STT</div>'
        '<div class="c-code">Số kí hiệu</div><div class="c-time">Ngày ban hành</div>'
        '<div class="c-intro">Trích yếu</div><div class="c-file">File đính kèm</div></div>'
    )
    rows = ""
    for n, law in enumerate(entries, first):
        files = "".join(
            f'<li><a rel="dofollow" href="{escape(href)}" title="{escape(name)}">'
            f'<i class="fa fa-download"></i> Tải tập tin</a></li>'
            for name, href in law.files
        )
        rows += (
            f'<div class="table-rows"><div class="c-stt a-center">{n}</div>'
            '<div class="c-code"><span class="label-name">Số kí hiệu:</span>'
            f'<h3 class="h4 d-inline"><a rel="dofollow" href="{escape(law.url)}" '
            f'title="{escape(law.title)}">{escape(law.code)}</a></h3></div>'
            f'<div class="c-time"><span class="label-name">Ngày ban hành:</span>'
            f"{law.issued:%d/%m/%Y}</div>"
            f'<div class="c-intro"><a rel="dofollow" href="{escape(law.url)}">'
            f"<strong>{escape(law.title)}</strong></a></div>"
            f'<div class="c-file"><ul class="laws-download list-unstyled">{files}</ul></div>'
            "</div>"
        )
    return f'<div class="flex-table-laws">{head}{rows}</div>{pager_html}'


def law_page(law: LawView) -> str:
    """A document's page: its fields, then its files behind the download handler."""
    files = "".join(
        f'<div class="list-group-item"><a rel="dofollow" href="{escape(href)}" '
        f'title="Tải tập tin {escape(name)}">Tải tập tin: <strong>{escape(name)}</strong></a>'
        "</div>"
        for name, href in law.files
    )
    files_html = (
        '<h2 class="lawh3"><em class="fa fa-download">&nbsp;</em>File đính kèm</h2>'
        f'<div class="list-group laws-download-file">{files}</div>'
        if files
        else '<h2 class="lawh3">File đính kèm</h2><p class="text-center m-bottom">'
        "Văn bản chưa có tập tin đính kèm.</p>"
    )
    return (
        f'<h1 class="lawh3">{escape(law.title)}</h1>'
        '<div class="table-responsive"><table class="table table-striped table-bordered '
        'table-hover"><tbody>'
        f'<tr class="hoatim"><td style="width:160px" class="text-right">Số kí hiệu</td>'
        f"<td>{escape(law.code)}</td></tr>"
        f'<tr class="hoatim"><td class="text-right">Ngày ban hành</td>'
        f"<td>{law.issued:%d/%m/%Y}</td></tr>"
        f'<tr class="hoatim"><td class="text-right">Người ký</td><td>{escape(law.signer)}</td>'
        f"</tr></tbody></table></div>{files_html}"
    )


def new_laws_block(entries: list[LawView]) -> str:
    items = "".join(
        f'<li><a href="{escape(law.url)}" title="{escape(law.title)}">{escape(law.code)}</a> '
        f"- {escape(law.title)}</li>"
        for law in entries
    )
    return f'<ul class="list-none list-items">{items}</ul>'


def search_results(query: str, results: list[Link]) -> str:
    """The seek module's results: one h3 link per post or document."""
    found = "".join(
        f'<h3 class="margin-bottom-sm">{_a(title, href)}</h3>' for title, href in results
    )
    nothing = f"<p>Không tìm thấy kết quả nào cho: {escape(query)}</p>"
    return (
        '<ul class="nav nav-tabs m-bottom"><li class="active"><a>Tìm trong '
        f'&quot;Toàn site&quot; &nbsp;&nbsp;<span class="label label-info">{len(results)}'
        f"</span></a></li></ul>{found or nothing}"
    )
