"""A provincial "ISO điện tử" platform built on ASP.NET WebForms, addressing each unit by a
query parameter (`/Portal/DonVi.aspx?DonViID=12`). A unit's page holds no document link: its
script POSTs JSON `{donViId, pageIndex, pageSize}` to the page method
`/Portal/DonVi.aspx/LayDanhSachTaiLieu`, which answers `{"d": {...}}` page by page (GET is
refused, as ASP.NET refuses it). Files sit under `/Upload/TaiLieu/<id>/`, outside the query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, time
from html import escape

from sandbox.build import Build, fixed
from sandbox.model import Posted, Resource, TruthAgency
from sandbox.platforms.content import DOC_LABELS, published, sentence, short_code
from sandbox.platforms.habits import Habit, Platform
from sandbox.platforms.roster import ISO_QUERY_HOST, TierAgency, TierContext
from sandbox.platforms.site import PlatformSite
from sandbox.platforms.volatile import Volatile, mark
from sandbox.scenarios import PlannedPaper

H = Habit
PAGE_SIZE = 5
METHOD = "/Portal/DonVi.aspx/LayDanhSachTaiLieu"
ROBOTS = b"User-agent: *\nDisallow: /Admin/\nDisallow: /QuanTri/\n"
JSON_TYPE = "application/json; charset=utf-8"
PARAMETERS = ("donViId", "pageIndex", "pageSize")  # of the page method, all required


def unit_id(agency: TierAgency) -> int:
    return int(agency.place.website.rsplit("=", 1)[1])


def unit_page(agency: TierAgency) -> str:
    return agency.place.website


def file_path(agency: TierAgency, planned: PlannedPaper) -> str:
    return f"/Upload/TaiLieu/{unit_id(agency)}/{planned.stem}.{agency.row.doc_format.extension}"


def _frame(title: str, main: str, *, volatile: bool) -> str:
    viewstate = mark("viewstate", "donvi") if volatile else "/wEPDwUKMTY3NTQ1MjQ4OQ=="
    return (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">\n<head>'
        f'<meta charset="utf-8" /><title>{escape(title)}</title>'
        '<script src="/Scripts/jquery-1.12.4.min.js" type="text/javascript"></script></head>\n'
        '<body><form method="post" action="./DonVi.aspx" id="form1">'
        '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
        f'value="{viewstate}" /></div>\n'
        '<div class="header"><div class="banner">HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG ĐIỆN TỬ TỈNH DEMO'
        '</div><ul class="menu"><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/Portal/DanhSachDonVi.aspx">Danh sách đơn vị</a></li></ul></div>\n'
        f'<div class="noi-dung">{main}</div>\n'
        '<div class="footer">Sở Khoa học và Công nghệ tỉnh Demo</div></form></body>\n</html>\n'
    )


def _script(donvi: int) -> str:
    return (
        '<div id="dsTaiLieu">Đang tải dữ liệu...</div><div id="phanTrang"></div>\n'
        '<script type="text/javascript">\nfunction taiDanhSach(trang) {\n'
        f'  $.ajax({{ type: "POST", url: "DonVi.aspx/LayDanhSachTaiLieu",\n'
        f"    data: JSON.stringify({{ donViId: {donvi}, pageIndex: trang,\n"
        f"                            pageSize: {PAGE_SIZE} }}),\n"
        '    contentType: "application/json; charset=utf-8", dataType: "json",\n'
        "    success: function (r) {\n"
        "      var html = '';\n"
        "      $.each(r.d.DanhSach, function (i, tl) {\n"
        "        html += '<p><a href=\"' + tl.DuongDan + '\">' + tl.TenTaiLieu + '</a></p>';\n"
        "      });\n"
        "      $('#dsTaiLieu').html(html || 'Đơn vị chưa cập nhật tài liệu.');\n"
        "      var trangs = Math.ceil(r.d.TongSo / r.d.KichThuocTrang), p = '';\n"
        "      for (var t = 1; t <= trangs; t++) {\n"
        "        p += '<a href=\"javascript:taiDanhSach(' + t + ')\">' + t + '</a> ';\n      }\n"
        "      $('#phanTrang').html(p);\n    }\n  });\n}\n"
        "$(function () { taiDanhSach(1); });\n</script>"
    )


def iso_query_build(agency: TierAgency, ctx: TierContext) -> Build:
    """A unit's page on the platform and its files (its list is the platform's page method)."""
    build = Build()
    build.tags.add(Platform.ISO_QUERY.value)
    volatile = agency.has(H.VOLATILE_PAGE)
    site = PlatformSite(
        build,
        host=ISO_QUERY_HOST,
        origin_of=ctx.origin_of,
        frame=lambda page: _frame(page.title, page.main, volatile=volatile),
    )
    pub = published(agency, seed=ctx.seed, as_of=ctx.as_of)
    for planned in pub.qms:
        path = file_path(agency, planned)
        site.file(path, planned, agency.row.doc_format)
        site.record(path, planned, agency.row.doc_format)
    intro = (
        f"<h1>{escape(agency.spec.name)}</h1><p>Tài liệu Hệ thống quản lý chất lượng theo "
        "TCVN ISO 9001:2015 của đơn vị.</p>"
    )
    site.page(
        unit_page(agency), title=agency.spec.name, main=fixed(intro + _script(unit_id(agency)))
    )
    build.tags.update((H.START_URL_QUERY.value, H.JSON_POST_PAGING.value))
    if volatile:
        secret = f"iso/{ctx.seed}/{agency.code}".encode()
        site.stamp(Volatile(secret=secret, today=ctx.as_of, visitors=0))
        build.tags.add(H.VOLATILE_PAGE.value)
    return build


def _json_date(planned: PlannedPaper) -> str:
    moment = datetime.combine(planned.paper.issued, time(), tzinfo=UTC)
    return f"/Date({int(moment.timestamp() * 1000)})/"


def _json(value: object, status: int = 200) -> Resource:
    return Resource(
        body=json.dumps(value, ensure_ascii=False).encode("utf-8"),
        content_type=JSON_TYPE,
        status=status,
    )


def page_method(ctx: TierContext) -> Callable[[Posted], Resource | None]:
    """`LayDanhSachTaiLieu`: a unit's documents, page by page, newest first."""
    units = {unit_id(a): a for a in ctx.of(Platform.ISO_QUERY)}
    lists: dict[int, list[dict[str, str]]] = {}

    def documents(donvi: int) -> list[dict[str, str]]:
        if donvi not in lists:
            agency = units[donvi]
            papers = published(agency, seed=ctx.seed, as_of=ctx.as_of).qms
            ordered = sorted(papers, key=lambda p: p.paper.issued, reverse=True)
            lists[donvi] = [
                {
                    "TenTaiLieu": sentence(p.paper),
                    "SoKyHieu": short_code(p),
                    "NgayBanHanh": _json_date(p),
                    "DuongDan": file_path(agency, p),
                }
                for p in ordered
            ]
        return lists[donvi]

    def answer(posted: Posted) -> Resource:
        if not posted.content_type.lower().startswith("application/json"):
            return _json(
                {"Message": "Invalid JSON primitive.", "ExceptionType": "System.ArgumentException"},
                500,
            )
        asked = posted.json()
        values = [asked.get(k) for k in PARAMETERS] if isinstance(asked, dict) else []
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if len(numbers) != len(PARAMETERS) or numbers[2] < 1:
            return _json({"Message": "Invalid web service call, missing value for parameter."}, 500)
        donvi, index, size = numbers
        found = documents(donvi) if donvi in units else []
        chunk = found[(index - 1) * size : index * size] if index >= 1 else []
        return _json(
            {
                "d": {
                    "__type": "QLCL.Portal.TaiLieuPage",
                    "TongSo": len(found),
                    "KichThuocTrang": size,
                    "DanhSach": chunk,
                }
            }
        )

    return answer


def platform_home_build(ctx: TierContext, truth: list[TruthAgency]) -> Build:
    """The platform's home and unit list; the page method that lists every unit's files."""
    build = Build()
    members = ctx.of(Platform.ISO_QUERY)
    codes = {a.code for a in members}
    site = PlatformSite(
        build,
        host=ISO_QUERY_HOST,
        origin_of=ctx.origin_of,
        frame=lambda page: _frame(page.title, page.main, volatile=False),
    )
    units = "".join(
        f'<li><a href="{escape(unit_page(a))}">{escape(a.spec.name)}</a></li>' for a in members
    )
    recent = "".join(
        f'<li><a href="{escape(d.url)}">{escape(DOC_LABELS.get(d.doc_type, "Tài liệu"))} - '
        f"{escape(a.name)}</a></li>"
        for a in truth
        if a.code in codes
        for d in a.documents[:2]
    )
    site.page(
        "/",
        title="Trang chủ",
        main=fixed(
            f"<h2>Tài liệu mới cập nhật</h2><ul>{recent}</ul><h2>Đơn vị</h2><ul>{units}</ul>"
        ),
    )
    site.page(
        "/Portal/DanhSachDonVi.aspx",
        title="Danh sách đơn vị",
        main=fixed(f"<h2>Danh sách đơn vị</h2><ul>{units}</ul>"),
    )
    site.raw("/robots.txt", fixed(Resource(body=ROBOTS, content_type="text/plain")))
    site.raw(
        METHOD,
        fixed(
            _json(
                {
                    "Message": "An attempt was made to call the method "
                    "'LayDanhSachTaiLieu' using a GET request, which is not "
                    "allowed."
                },
                500,
            )
        ),
    )
    site.post(METHOD, page_method(ctx))
    return build
