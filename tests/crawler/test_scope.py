from __future__ import annotations

from crawler.scope import AgencyScope, SiteArea, normalise_start_url, platform_area


def test_sub_path_agency_stays_under_its_prefix() -> None:
    scope = AgencyScope.of("http://portal.x/xa-an-binh/")
    assert scope.contains("http://portal.x/xa-an-binh/")
    assert scope.contains("http://portal.x/xa-an-binh/iso/quy-trinh.html")
    assert scope.contains("https://portal.x/xa-an-binh")
    assert not scope.contains("http://portal.x/xa-an-phu/")
    assert not scope.contains("http://portal.x/xa-an-binh-moi/")
    assert not scope.contains("http://portal.x/upload/a.pdf")


def test_prefix_without_trailing_slash_is_a_folder() -> None:
    scope = AgencyScope.of("http://portal.x/xa-an-binh")
    assert scope.contains("http://portal.x/xa-an-binh/a")
    assert not scope.contains("http://portal.x/xa-an-binh-2/a")


def test_file_like_start_page_scopes_its_folder() -> None:
    assert SiteArea.of("http://portal.x/xa/index.aspx") == SiteArea("portal.x", "/xa/")


def test_host_agency_covers_its_host_www_and_iso_subsite() -> None:
    scope = AgencyScope.of("https://www.skhcn.gov.vn")
    assert scope.contains("http://skhcn.gov.vn/a/b")
    assert scope.contains("https://WWW.skhcn.gov.vn/")
    assert scope.contains("http://iso.skhcn.gov.vn/tai-lieu")
    assert not scope.contains("http://other.gov.vn/")
    assert not scope.contains("http://skhcn.gov.vn.evil.com/")
    assert not scope.contains("ftp://skhcn.gov.vn/a")


def test_port_is_part_of_the_host() -> None:
    scope = AgencyScope.of("http://a.localhost:8470/")
    assert scope.contains("http://a.localhost:8470/x")
    assert not scope.contains("http://a.localhost:8471/x")


def test_start_url_without_scheme() -> None:
    assert normalise_start_url(" skhcn.gov.vn/ ") == "http://skhcn.gov.vn/"
    assert normalise_start_url("https://a.vn") == "https://a.vn"


def test_scope_extends_to_the_folder_of_a_redirect_target() -> None:
    scope = AgencyScope.of("http://old.vn/")
    scope.extend_to("https://new.vn/portal/home.aspx")
    assert scope.contains("https://new.vn/portal/van-ban")
    assert not scope.contains("https://new.vn/khac/")
    assert scope.contains("http://old.vn/x")


def test_platform_area_is_a_sibling_host_two_folders_deep() -> None:
    scope = AgencyScope.of("http://so-khcn.tinh.gov.vn/")
    area = platform_area(scope, "http://iso.tinh.gov.vn/co-quan/so-khcn/index.html")
    assert area == SiteArea("iso.tinh.gov.vn", "/co-quan/so-khcn/")
    scope.add(area)
    assert scope.contains("http://iso.tinh.gov.vn/co-quan/so-khcn/quy-trinh.html")
    assert not scope.contains("http://iso.tinh.gov.vn/co-quan/so-noi-vu/")


def test_platform_area_refuses_other_domains_shallow_paths_and_the_own_host() -> None:
    scope = AgencyScope.of("http://so-khcn.tinh.gov.vn/")
    assert platform_area(scope, "http://tuvan-iso.com.vn/dich-vu/iso-9001/") is None
    assert platform_area(scope, "http://ubnd.tinh.gov.vn/iso/") is None
    assert platform_area(scope, "http://so-khcn.tinh.gov.vn/co-quan/x/") is None
    assert platform_area(AgencyScope.of("http://tinh.gov.vn/"), "http://x.gov.vn/a/b/") is None


# -- issue 9: start URLs with a path, agencies addressed by a query -----------------------


def test_a_start_page_deep_in_a_platform_scopes_the_whole_site() -> None:
    dnn = AgencyScope.of("http://vp.localhost/tabid/36/default.aspx")
    assert dnn.contains("http://vp.localhost/tabid/39/Default.aspx")
    assert dnn.contains("http://vp.localhost/LinkClick.aspx?fileticket=ab%3d&tabid=39")
    sharepoint = AgencyScope.of("http://bqlkcn.localhost/Pages/default.aspx")
    assert sharepoint.contains("http://bqlkcn.localhost/VanBan/Forms/AllItems.aspx")
    joomla = AgencyScope.of("http://xa.localhost/vi/")
    assert joomla.contains("http://xa.localhost/index.php?option=com_content&id=3")
    portal = AgencyScope.of("http://so.localhost/portal/index.aspx")
    assert portal.contains("http://so.localhost/van-ban/danh-sach.aspx")


def test_a_member_site_on_a_shared_portal_keeps_to_its_folder() -> None:
    scope = AgencyScope.of("http://congthongtin.localhost/btdkt/Pages/default.aspx")
    assert scope.contains("http://congthongtin.localhost/btdkt/VanBan/Forms/AllItems.aspx")
    assert not scope.contains("http://congthongtin.localhost/sokhcn/Pages/default.aspx")
    liferay = AgencyScope.of("http://portal.localhost/web/xa-binh-thanh")
    assert liferay.contains("http://portal.localhost/web/xa-binh-thanh/tin-tuc")
    assert not liferay.contains("http://portal.localhost/web/xa-an-phu/tin-tuc")


def test_an_agency_addressed_by_a_query_keeps_to_its_own_pages() -> None:
    scope = AgencyScope.of("http://qlcl.localhost/Portal/DonVi.aspx?DonViID=13")
    assert scope.contains("http://qlcl.localhost/Portal/DonVi.aspx?DonViID=13")
    assert scope.contains("http://qlcl.localhost/Portal/TaiLieu.aspx?donviid=13&trang=2")
    assert not scope.contains("http://qlcl.localhost/Portal/DonVi.aspx?DonViID=19")
    assert not scope.contains("http://qlcl.localhost/Portal/DanhSachDonVi.aspx")
    assert not scope.contains("http://qlcl.localhost/")


def test_a_query_that_names_no_unit_does_not_narrow_the_scope() -> None:
    scope = AgencyScope.of("http://xa.localhost/index.php?lang=vi")
    assert scope.contains("http://xa.localhost/index.php?option=com_content&id=3")
