"""The tags of the platform tiers: which CMS family serves a site, and the habits it shows.

Every tag below is written into truth.json on the agencies that exercise it; `TAGS` says
in one line what each means (the README's sandbox paragraph points here). Tags the tiers
share with the rest of the province (statuses, levels, formats, `doc_*`, `neg_iso_conference`,
`sibling_trap`, `shared_portal`, `subpath`) keep their meaning there.
"""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    """A CMS family as agencies really run it; one tier of the province each."""

    NUKEVIET = "platform_nukeviet"
    DOTNETNUKE = "platform_dotnetnuke"
    SHAREPOINT = "platform_sharepoint"
    LIFERAY = "platform_liferay"
    JOOMLA = "platform_joomla"
    ISO_QUERY = "platform_iso_query"


class Habit(StrEnum):
    """A habit of real portals that a site of a tier shows (see `TAGS` for each)."""

    TITLE_NUMBER_ONLY = "title_number_only"
    TWO_LINKS_PER_ENTRY = "two_links_per_entry"
    SITEMAP_SLUG_WITHOUT_KEYWORDS = "sitemap_slug_without_keywords"
    SEARCH_DATA_URL = "search_data_url"
    SEARCH_POSTBACK = "search_postback"
    SEARCH_POST_FORM = "search_post_form"
    DOWNLOAD_NUKEVIET = "download_nukeviet_query"
    DOWNLOAD_LINKCLICK = "download_linkclick"
    DOWNLOAD_WPDMDL = "download_wpdmdl"
    DOWNLOAD_PHOCA = "download_phocadownload"
    DOWNLOAD_GENERIC_TYPE = "download_generic_type"
    DOWNLOAD_DATA_ATTRIBUTE = "download_data_attribute"
    QUERY_URLS = "query_urls"
    START_URL_PATH = "start_url_path"
    START_URL_QUERY = "start_url_query"
    POSTBACK_PAGING = "postback_paging"
    JSON_POST_PAGING = "json_post_paging"
    SHAREPOINT_LIST_DATA = "sharepoint_list_data"
    LIFERAY_LIBRARY = "liferay_document_library"
    VOLATILE_PAGE = "volatile_page"
    LONG_MENU_LABELS = "long_menu_labels"
    NEG_SIDEBAR_BLOCK = "neg_sidebar_block"
    NEG_PRINT_RENDERING = "neg_print_rendering"
    NEG_NEWS_MENTIONS_ISO = "neg_iso_conference"


TAGS: dict[str, str] = {
    Platform.NUKEVIET: "NukeViet 4.5: news module, 'Văn bản' (laws) module, about pages, seek",
    Platform.DOTNETNUKE: "DotNetNuke: tabid pages, one ASP.NET form per page, /Portals/N/ files",
    Platform.SHAREPOINT: "SharePoint provincial portal: /Pages/…aspx, lists and libraries",
    Platform.LIFERAY: "Liferay portal: /web/<site>/… pages, asset publisher, /documents/ library",
    Platform.JOOMLA: "Joomla: com_content articles, Phoca Download, /index.php?option=…",
    Platform.ISO_QUERY: "a provincial ISO platform (ASP.NET) addressing each unit by ?DonViID=",
    Habit.TITLE_NUMBER_ONLY: "QMS posts titled only 'Quyết định số N/QĐ-X ngày …'; the subject "
    "is a summary beside the title, outside the link's element",
    Habit.TWO_LINKS_PER_ENTRY: "a document list links each entry twice to one detail page: "
    "its number, then its summary",
    Habit.SITEMAP_SLUG_WITHOUT_KEYWORDS: "the sitemap lists QMS posts under slugs of numbers "
    "and dates only (no ISO/HTQLCL word)",
    Habit.SEARCH_DATA_URL: "the header search is a button with data-url='…?q=', no <form>",
    Habit.SEARCH_POSTBACK: "the search box posts the ASP.NET form back (__EVENTTARGET, "
    "__VIEWSTATE) and is answered by a redirect to the results",
    Habit.SEARCH_POST_FORM: "the search is a <form method=post>, answered by a 303 to the results",
    Habit.DOWNLOAD_NUKEVIET: "files only behind NukeViet's handler: "
    "…/post-13.html?download=1&id=0 or /index.php?…&op=detail/…&download=1&id=0",
    Habit.DOWNLOAD_LINKCLICK: "files behind DotNetNuke's LinkClick.aspx?fileticket=…&tabid=…&mid=…",
    Habit.DOWNLOAD_WPDMDL: "files behind a WordPress download plugin: ?wpdmdl=N&refresh=…",
    Habit.DOWNLOAD_PHOCA: "files behind Joomla's index.php?option=com_phocadownload&…&download=N:…",
    Habit.DOWNLOAD_GENERIC_TYPE: "a handler serves files as application/octet-stream (or zip); "
    "the real name is only in Content-Disposition",
    Habit.DOWNLOAD_DATA_ATTRIBUTE: "the download link is in data-downloadurl, href is '#'",
    Habit.QUERY_URLS: "a CMS without URL rewriting: /index.php?language=vi&nv=news&op=… "
    "(NukeViet), /index.php?option=com_content&view=article&id=… (Joomla)",
    Habit.START_URL_PATH: "the registry URL has a path (/vi/, /Pages/default.aspx, "
    "/tabid/36/default.aspx, /web/<site>) and documents sit elsewhere on the host",
    Habit.START_URL_QUERY: "the registry URL names the agency by a query parameter (?DonViID=12)",
    Habit.POSTBACK_PAGING: "a document table pages only by __doPostBack: a POST carrying the "
    "page's own __VIEWSTATE and __EVENTVALIDATION (anything else gets ASP.NET's 500)",
    Habit.JSON_POST_PAGING: "a script loads the documents by POSTing JSON {pageIndex} to an "
    "ASP.NET page method; GET is refused",
    Habit.SHAREPOINT_LIST_DATA: "documents only in a client-rendered list's inline script "
    "(\\u002f-escaped FileRef), the next page in its NextHref",
    Habit.LIFERAY_LIBRARY: "files at /documents/<groupId>/<folderId>/<name>/<uuid>, outside "
    "the site's /web/<site>/ path",
    Habit.VOLATILE_PAGE: "every page changes on every fetch: visitor counter, clock, "
    "__VIEWSTATE, __REQUESTDIGEST or a session token",
    Habit.LONG_MENU_LABELS: "menu labels such as 'Giới thiệu chung về <agency>'",
    Habit.NEG_SIDEBAR_BLOCK: "hard negative: every page's sidebar shows the opening of the "
    "quality policy page (CHÍNH SÁCH CHẤT LƯỢNG); only that page is the document",
    Habit.NEG_PRINT_RENDERING: "hard negative: print, save-as and PDF-preview renderings of a "
    "QMS post at their own URLs",
    Habit.NEG_NEWS_MENTIONS_ISO: "hard negative: a news post that mentions ISO 9001",
}
