"""Pictures of the dashboard for docs/: `make screenshots` (not part of `make test`).

    python -m tests.web.screenshots --out docs [--agencies 120]

Builds the sandbox's generated province (two nights published through the run machinery,
one inspector's correction), serves the dashboard on loopback and photographs, in Debian's
Chromium, the overview and an agency's page at desktop width and the overview at phone
width.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlmodel import col, select

from inspection.corrections import override_finding
from inspection.settings import Settings
from inspection.users import Actor, add_user
from inspection.web import create_app
from rules import load_profile
from store import HELD, Agency, BlobStore, Finding, make_engine, open_session, prepare
from tests.web.province import AS_OF, Readings, crawl_run, night_after, register_generated
from tests.web.server import serving

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "mat-khau-quan-tri"


SHOWN = "SO-KHCN"  # the documents are the Sở KH&CN's papers: its page reads true


def build(folder: Path, agencies: int) -> Settings:
    """The province and an admin; SHOWN lacks its declaration in the second night."""
    settings = Settings(data_dir=folder, as_of=AS_OF)
    engine = make_engine(settings.effective_database_url)
    prepare(engine)
    blobs = BlobStore(settings.blob_dir)
    plan = register_generated(engine, agencies=agencies)
    readings = Readings()
    crawl_run(engine, blobs, plan, readings=readings)
    crawl_run(engine, blobs, {**night_after(plan), SHOWN: "incomplete"}, readings=readings)
    with open_session(engine) as session:
        add_user(session, "quantri", PASSWORD, "admin", actor=Actor(None, via="cli"))
        findings = session.exec(
            select(Finding)
            .join(Agency, col(Agency.id) == col(Finding.agency_id))
            .where(Finding.rule == "DOC002", Finding.open == HELD, Agency.code != SHOWN)
        ).all()
        if findings:  # an inspector's correction, as staff make them
            override_finding(
                session,
                findings[-1],
                reason="Quyết định công bố đăng trên cổng thông tin của tỉnh, mục ISO",
                user="quantri",
                profile=load_profile(None),
            )
        session.commit()
    engine.dispose()
    return settings


def photograph(url: str, out: Path, agency: str) -> list[Path]:
    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        for width, shots in (
            (
                1280,
                [("/", "dashboard-overview.png"), (f"/agencies/{agency}", "dashboard-agency.png")],
            ),
            (390, [("/", "dashboard-phone.png")]),
        ):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, locale="vi-VN", device_scale_factor=1
            )
            page = context.new_page()
            page.goto(url + "/login")
            page.fill("#username", "quantri")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("#count-line")
            for path, name in shots:
                page.goto(url + path)
                page.screenshot(path=str(out / name), full_page=True)
                made.append(out / name)
            context.close()
        browser.close()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--agencies", type=int, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qmsaudit-shots-") as folder:
        settings = build(Path(folder) / "data", args.agencies)
        with serving(create_app(settings)) as url:
            for path in photograph(url, args.out, SHOWN):
                print(path)


if __name__ == "__main__":
    main()
