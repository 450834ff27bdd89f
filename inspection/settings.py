"""The one settings object: read from `QMSAUDIT_*` environment variables, then flags.

Nothing else in qmsaudit reads the environment; everything below the entry point gets
plain values derived from here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import Engine

from crawler.model import CrawlBudget, CrawlOptions
from extractors.isolation import ReadLimits
from inspection.runs.executor import ExecutionOptions
from inspection.runs.outage import OutagePolicy
from rules import Profile, load_profile
from store import Blobs, BlobStore, DatabaseBlobs, sqlite_url

BLOB_STORES = ("files", "database")


class Settings(BaseSettings):
    """Every setting, with its environment variable `QMSAUDIT_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="QMSAUDIT_", extra="ignore")

    data_dir: Path = Field(
        default=Path("qmsaudit-data"),
        description="Where the SQLite database and the blob store live.",
    )
    database_url: str | None = Field(
        default=None,
        description="Any SQLAlchemy URL (e.g. postgresql+psycopg://…); default SQLite in data_dir.",
    )
    blob_store: str = Field(
        default="files",
        description="Where raw bytes (the evidence) are kept: `files`, a folder in data_dir "
        "(in distributed mode, one every machine shares), or `database`, the `blob` table of "
        "the database (no shared folder needed).",
    )
    allow_private: bool = Field(
        default=False,
        description="Allow crawling private and loopback addresses (tests, the sandbox demo).",
    )
    as_of: date | None = Field(
        default=None, description="The date freshness is judged against; default today."
    )
    pages_per_agency: int = Field(default=60, ge=1, description="Crawl budget per agency.")
    max_depth: int = Field(default=5, ge=0, description="Link hops from an agency's start URL.")
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1024, description="Largest response downloaded."
    )
    max_page_bytes: int = Field(
        default=5 * 1024 * 1024, ge=1024, description="Largest HTML page downloaded."
    )
    timeout: float = Field(default=15.0, gt=0, description="Seconds for one download.")
    concurrency: int = Field(default=32, ge=1, description="Requests in flight in all.")
    per_site_concurrency: int = Field(default=4, ge=1, description="Requests in flight per site.")
    open_agencies: int = Field(
        default=16,
        ge=0,
        description="Agencies crawled at a time (0: all at once); the next opens as one ends.",
    )
    retries: int = Field(default=2, ge=0, description="Retries of a transient failure.")
    read_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 2,
        ge=1,
        description="Processes reading documents (default: one per core).",
    )
    read_timeout: float = Field(default=120.0, gt=0, description="Seconds to read one document.")
    read_memory_mb: int = Field(
        default=2048, ge=256, description="Memory limit of a document-reading process (MiB)."
    )
    contact_url: str = Field(
        default="https://github.com/qmsaudit/qmsaudit",
        description="Contact URL sent in the User-Agent so site owners can reach us.",
    )
    profile: str | None = Field(
        default=None, description="Rules profile: a TOML file; default the packaged profile."
    )
    unreachable_after_days: int | None = Field(
        default=None,
        ge=0,
        description="Days a failing site keeps its last results before it is unreachable "
        "(default: the profile's, 3).",
    )
    outage_fraction: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="Share of a run's sites failing at the network level that makes it an "
        "outage (the run fails, nothing is published).",
    )
    outage_sample: int = Field(
        default=20,
        ge=1,
        description="The first this many sites all failing at the network level stop the run.",
    )
    keep_pages_days: int = Field(
        default=30,
        ge=0,
        description="Days the bytes of pages that are evidence of nothing are kept.",
    )
    revisit_days: int = Field(
        default=7,
        ge=0,
        description="A page the crawl explored that led to no QMS document is asked again "
        "after 3.5 to this many days (its URL's hash decides), not every night; 0: every run.",
    )
    schedule: str = Field(
        default="0 1 * * *",
        description="When `qmsaudit schedule` runs the nightly crawl: a 5-field cron expression.",
    )
    timezone: str = Field(default="Asia/Ho_Chi_Minh", description="The schedule's time zone.")
    smtp_url: str | None = Field(
        default=None,
        description="smtp://[user:password@]host[:port] (or smtps://) for the digest e-mail.",
    )
    notify: str | None = Field(
        default=None,
        description="Comma-separated recipients of the digest after each scheduled run.",
    )
    mail_from: str = Field(
        default="qmsaudit@localhost", description="The sender address of the digest e-mail."
    )
    probe_urls: str = Field(
        default="",
        description="Comma-separated well-known URLs probed to tell a network outage from "
        "sites that are down; empty for none.",
    )
    issuer: str = Field(
        default="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        description="The body that issues the official report, as its header names it.",
    )
    province: str = Field(
        default="",
        description="The province in the report (e.g. Lâm Đồng, or thành phố Hà Nội); "
        "empty leaves dots for the clerk.",
    )
    issuer_code: str = Field(
        default="SKHCN", description="The issuer's part of the report's number: …/BC-SKHCN."
    )
    report_place: str = Field(
        default="", description="The place name of the report's date line (địa danh)."
    )
    signer_title: str = Field(default="GIÁM ĐỐC", description="The signer's title in the report.")
    signer_name: str = Field(default="", description="The signer's name in the report.")
    redis_url: str | None = Field(
        default=None,
        description="Distributed mode: redis://host:port/db of the queue that `qmsaudit "
        "worker` processes take agencies from; unset, a run executes in one process.",
    )
    visibility_timeout: float = Field(
        default=60.0,
        gt=0,
        description="Distributed mode: seconds after a worker's last sign of life before the "
        "agencies it held are given to another worker.",
    )
    worker_agencies: int = Field(
        default=8,
        ge=1,
        description="Distributed mode: agencies a worker takes from the queue together and "
        "crawls in one child process (it has two such batches in hand at a time).",
    )

    @field_validator("blob_store")
    @classmethod
    def _known_blob_store(cls, value: str) -> str:
        store = value.strip().lower()
        if store not in BLOB_STORES:
            raise ValueError(
                f"không có kho lưu trữ {value!r}: chọn `files` (thư mục trong thư mục dữ "
                "liệu) hoặc `database` (bảng `blob` trong cơ sở dữ liệu)"
            )
        return store

    @property
    def effective_database_url(self) -> str:
        return self.database_url or sqlite_url(self.data_dir.resolve() / "qmsaudit.db")

    @property
    def blob_dir(self) -> Path:
        """The folder of the `files` blob store."""
        return self.data_dir / "blobs"

    def blobs(self, engine: Engine) -> Blobs:
        """The configured blob store: the one place that opens it. `engine` is the
        database's (`effective_database_url`), where the `database` store keeps its rows."""
        if self.blob_store == "database":
            return DatabaseBlobs(engine)
        return BlobStore(self.blob_dir)

    def effective_as_of(self) -> date:
        return self.as_of or date.today()

    def crawl_options(self) -> CrawlOptions:
        return CrawlOptions(
            budget=CrawlBudget(
                pages=self.pages_per_agency,
                depth=self.max_depth,
                max_bytes=self.max_document_bytes,
                max_page_bytes=min(self.max_page_bytes, self.max_document_bytes),
                timeout=self.timeout,
            ),
            allow_private=self.allow_private,
            user_agent=f"qmsaudit/0.1 (+{self.contact_url})",
            concurrency=self.concurrency,
            per_site_concurrency=self.per_site_concurrency,
            retries=self.retries,
            max_open_agencies=self.open_agencies,
            host_slots_url=self.redis_url,  # workers on many machines, one limit per site
        )

    def read_limits(self) -> ReadLimits:
        return ReadLimits(seconds=self.read_timeout, memory_bytes=self.read_memory_mb * 1024**2)

    def rules_profile(self) -> Profile:
        """The rules profile, with this installation's unreachable threshold if set."""
        profile = load_profile(self.profile)
        if self.unreachable_after_days is not None:
            profile = replace(profile, unreachable_after_days=self.unreachable_after_days)
        return profile

    def outage_policy(self) -> OutagePolicy:
        return OutagePolicy(
            sample=self.outage_sample,
            fraction=self.outage_fraction,
            probe_urls=tuple(url.strip() for url in self.probe_urls.split(",") if url.strip()),
            allow_private=self.allow_private,
        )

    def execution_options(self, as_of: date) -> ExecutionOptions:
        """How a run executes here: crawl, reading, rules and outage settings."""
        return ExecutionOptions(
            crawl=self.crawl_options(),
            read_workers=self.read_workers,
            read_limits=self.read_limits(),
            as_of=as_of,
            profile=self.rules_profile(),
            outage=self.outage_policy(),
            keep_pages_days=self.keep_pages_days,
            revisit_days=self.revisit_days,
        )

    def command_line(self) -> list[str]:
        """The global options that make a child `qmsaudit` use this database and data."""
        return [
            *("--data-dir", str(self.data_dir)),
            *("--database-url", self.effective_database_url),
            *("--blob-store", self.blob_store),
        ]
