"""The dashboard in a real browser (Debian's Chromium driven by Playwright), as staff use
it: `qmsaudit serve` in a child process over a sandbox province that `qmsaudit crawl`
inspected, with accounts made by `qmsaudit users add`.

Each test starts from what the module's fixture built and leaves what it changed out of
the others' way (its own agency, its own account)."""

from __future__ import annotations

import hashlib
import http.server
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.qmsaudit_process import (
    QMSAUDIT,
    environment,
    qmsaudit,
    run_state,
    sandbox_process,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORDS = {"quantri": "mat-khau-quan-tri", "kiemtra": "mat-khau-kiem-tra", "xem": "mat-khau-xem"}
ROLES = {"quantri": "admin", "kiemtra": "inspector", "xem": "viewer"}
RUN_TIMEOUT = 180_000  # ms: a crawl of one sandbox agency, from a click to its result


@dataclass(frozen=True)
class Workplace:
    url: str
    env: dict[str, str]
    truth: dict[str, Any]
    browser: Browser

    def statuses(self) -> dict[str, str]:
        return {a["code"]: a["status"] for a in self.truth["agencies"]}

    def first(self, status: str, *, but: tuple[str, ...] = ()) -> dict[str, Any]:
        return next(
            a for a in self.truth["agencies"] if a["status"] == status and a["code"] not in but
        )


def _add_user(env: dict[str, str], name: str) -> None:
    added = subprocess.run(
        [*QMSAUDIT, "users", "add", name, "--role", ROLES[name], "--password-stdin"],
        input=PASSWORDS[name] + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr


@pytest.fixture(scope="module")
def workplace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workplace]:
    root = tmp_path_factory.mktemp("browser")
    with sandbox_process(root / "sandbox", "--agencies", "8", "--news-archive", "5") as box:
        env = {**environment(root / "data", box.truth["as_of"]), "PYTHONUNBUFFERED": "1"}
        imported = qmsaudit(["agencies", "import", str(box.registry)], env)
        assert imported.returncode == 0, imported.stderr
        crawled = qmsaudit(["crawl", "--all"], env)
        assert crawled.returncode == 0, crawled.stderr
        for name in PASSWORDS:
            _add_user(env, name)
        with (root / "serve.log").open("wb") as log:
            server = subprocess.Popen(
                [*QMSAUDIT, "serve", "--port", "0"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            try:
                assert server.stdout is not None
                ready = server.stdout.readline()
                found = re.search(r"http://127\.0\.0\.1:\d+", ready)
                assert found is not None, ready
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                    )
                    try:
                        yield Workplace(found.group(0), env, box.truth, browser)
                    finally:
                        browser.close()
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
                if server.stdout is not None:
                    server.stdout.close()


@pytest.fixture
def context(workplace: Workplace) -> Iterator[BrowserContext]:
    context = workplace.browser.new_context(locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(30_000)
    yield context
    context.close()


def sign_in(workplace: Workplace, context: BrowserContext, name: str) -> Page:
    page = context.new_page()
    page.goto(workplace.url + "/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit]")
    expect(page.locator("#count-line")).to_be_visible()
    return page


def count_line(env: dict[str, str]) -> str:
    shown = qmsaudit(["status"], env)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip().splitlines()[-1]


def test_sign_in_with_the_keyboard_and_see_the_count(
    workplace: Workplace, context: BrowserContext
) -> None:
    page = context.new_page()
    page.goto(workplace.url + "/agencies")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fagencies$"))
    expect(page.locator("#username")).to_be_focused()  # autofocus: type at once
    page.keyboard.type("xem")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["xem"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(workplace.url + "/agencies")
    page.goto(workplace.url + "/")
    expect(page.locator("#count-line")).to_have_text(count_line(workplace.env))


def test_filter_the_list_and_open_an_agency(workplace: Workplace, context: BrowserContext) -> None:
    page = sign_in(workplace, context, "xem")
    page.click("nav >> text=Cơ quan")
    page.select_option("#status", "stale")
    page.click("text=Lọc")
    expect(page).to_have_url(re.compile(r"status=stale"))
    stale = sorted(code for code, status in workplace.statuses().items() if status == "stale")
    codes = page.locator("td.code").all_inner_texts()
    assert sorted(codes) == stale
    page.fill("#q", "")
    page.select_option("#status", "")
    page.fill("#q", "so khoa hoc")  # without diacritics
    page.keyboard.press("Enter")
    expect(page.locator("td.code")).to_have_text(["SO-KHCN"])
    page.click("text=Sở Khoa học và Công nghệ")
    expect(page).to_have_url(workplace.url + "/agencies/SO-KHCN")
    expect(page.locator("h1")).to_have_text("Sở Khoa học và Công nghệ")
    expect(page.locator("#reason")).not_to_be_empty()


def test_open_stored_copies(workplace: Workplace, context: BrowserContext) -> None:
    page = sign_in(workplace, context, "xem")
    agency = workplace.first("compliant")
    page.goto(f"{workplace.url}/agencies/{agency['code']}")
    links = page.locator("a", has_text=re.compile("^Bản lưu$"))
    assert links.count() >= 3
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        assert href is not None
        answer = page.request.get(workplace.url + href)
        assert answer.ok
        assert hashlib.sha256(answer.body()).hexdigest() == href.rsplit("/", 1)[1]
    # A stored page shows as its source text, never as a page of ours.
    incomplete = workplace.first("incomplete")
    page.goto(f"{workplace.url}/agencies/{incomplete['code']}")
    evidence = page.locator(".finding a", has_text="bản lưu").first
    evidence.click()
    assert page.evaluate("document.contentType") == "text/plain"
    assert "<html" in page.locator("body").inner_text().lower()


def test_crawl_one_agency_from_its_page_and_watch_it_finish(
    workplace: Workplace, context: BrowserContext
) -> None:
    page = sign_in(workplace, context, "kiemtra")
    agency = workplace.first("compliant", but=("SO-KHCN",))
    before = run_state(workplace.env, "SELECT max(id) FROM run")
    assert before is not None
    page.goto(f"{workplace.url}/agencies/{agency['code']}")
    page.click("text=Kiểm tra lại")
    run_id = before[0] + 1
    expect(page).to_have_url(f"{workplace.url}/runs/{run_id}")
    expect(page.locator(".flash")).to_contain_text(f"Đã bắt đầu lượt kiểm tra #{run_id}")
    progress = page.locator(".progress")
    expect(progress.locator("[data-field=state_label]")).to_have_text(
        "Hoàn thành", timeout=RUN_TIMEOUT
    )
    expect(progress.locator("[data-field=done]")).to_have_text("1")
    expect(progress.locator("[data-field=total]")).to_have_text("1")
    expect(page.locator("#log")).to_contain_text(f"Lượt #{run_id}: bắt đầu, 1 cơ quan")
    state = run_state(
        workplace.env, f"SELECT state, trigger, requested_by FROM run WHERE id = {run_id}"
    )
    assert state == ("complete", "web", "kiemtra")
    page.goto(f"{workplace.url}/agencies/{agency['code']}")
    expect(page.locator("table.cards").last).to_contain_text(f"#{run_id}")


def test_mark_a_finding_wrong_and_see_the_status_change(
    workplace: Workplace, context: BrowserContext
) -> None:
    page = sign_in(workplace, context, "kiemtra")
    # An agency kept incomplete by one missing item only (advisory findings, which change no
    # status in the default profile, may stand beside it).
    missing_item = re.compile(r"DOC00[2-5]")
    for agency in workplace.truth["agencies"]:
        if agency["status"] != "incomplete":
            continue
        page.goto(f"{workplace.url}/agencies/{agency['code']}")
        if page.locator(".finding", has=page.locator(".rule", has_text=missing_item)).count() == 1:
            break
    else:
        pytest.fail("the sandbox has no agency incomplete for one reason only")
    expect(page.locator(".status-line .badge")).to_have_text("Chưa đầy đủ")
    finding = page.locator(".finding", has=page.locator(".rule", has_text=missing_item))
    rule = finding.locator(".rule").inner_text()
    finding.locator("summary", has_text="Đánh dấu không đúng").click()
    finding.locator("textarea").fill("Tài liệu có trên cổng thông tin của tỉnh, mục ISO")
    finding.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_have_text(f"Đã đánh dấu phát hiện {rule} là không đúng.")
    expect(page.locator(".status-line .badge")).not_to_have_text("Chưa đầy đủ")
    expect(page.locator(".status-line .overridden")).to_have_text("đã điều chỉnh")
    expect(page.locator(".override-note").first).to_contain_text("theo quy tắc là “Chưa đầy đủ”")
    expect(page.locator(".finding.is-overridden")).to_contain_text("bởi kiemtra")
    page.goto(f"{workplace.url}/agencies?q={agency['code']}")
    expect(page.locator("td .overridden")).to_have_text("đã điều chỉnh")


def test_a_viewer_is_refused(workplace: Workplace, context: BrowserContext) -> None:
    page = sign_in(workplace, context, "xem")
    page.goto(f"{workplace.url}/agencies/SO-KHCN")
    expect(page.locator("text=Kiểm tra lại")).to_have_count(0)
    form_token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    forced = page.request.post(
        workplace.url + "/runs", form={"scope": "all", "csrf_token": form_token or ""}
    )
    assert forced.status == 403 and "Không có quyền" in forced.text()
    page.goto(workplace.url + "/users")
    expect(page.locator("h1")).to_have_text("Không có quyền")


class _Attacker(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        body = (
            "<!doctype html><html><body><form id='f' method='post' "
            f"action='{self.target}/runs'><input name='scope' value='all'></form>"
            "<script>document.getElementById('f').submit()</script></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def attacker(workplace: Workplace) -> Iterator[str]:
    """Another site on loopback whose page posts a form to the dashboard."""
    handler = type("Attacker", (_Attacker,), {"target": workplace.url})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_a_forged_cross_site_post_is_refused(
    workplace: Workplace, context: BrowserContext, attacker: str
) -> None:
    page = sign_in(workplace, context, "kiemtra")  # signed in: the cookie would go along
    runs = run_state(workplace.env, "SELECT count(*) FROM run")
    page.goto(attacker)
    expect(page).to_have_url(workplace.url + "/runs")
    expect(page.locator("h1")).to_have_text("Yêu cầu bị từ chối")
    assert run_state(workplace.env, "SELECT count(*) FROM run") == runs


def test_an_agency_name_with_markup_is_shown_as_text(
    workplace: Workplace, context: BrowserContext, tmp_path: Path
) -> None:
    hostile = 'UBND xã <script>window.hacked=1;alert("xss")</script><img src=x onerror=alert(2)>'
    page = sign_in(workplace, context, "quantri")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(workplace.url + "/registry")
    registry = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử\n" + (
        f'XA-HOSTILE,"{hostile.replace(chr(34), chr(34) * 2)}",xã,http://xa-hostile.example.vn/\n'
    )
    page.set_input_files(
        "#file",
        files=[{"name": "ds.csv", "mimeType": "text/csv", "buffer": registry.encode()}],
    )
    page.click("text=Nhập danh sách")
    expect(page.locator("#import-summary")).to_contain_text("Đã nhập 1 cơ quan (1 mới")
    page.goto(workplace.url + "/agencies?q=hostile")
    expect(page.locator("td a").first).to_have_text(hostile)
    page.click("td a >> nth=0")
    expect(page.locator("h1")).to_have_text(hostile)
    assert page.evaluate("window.hacked") is None
    assert dialogs == []


@pytest.mark.parametrize("path", ["/", "/agencies", "/agencies/SO-KHCN", "/runs"])
def test_pages_fit_a_phone_screen(workplace: Workplace, path: str) -> None:
    context = workplace.browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN"
    )
    try:
        page = sign_in(workplace, context, "kiemtra")
        page.goto(workplace.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
    finally:
        context.close()
