"""The one settings object: read from `QMSAUDIT_*` environment variables, then flags.

Nothing else in qmsaudit reads the environment; everything below the entry point gets
plain values derived from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from crawler.model import CrawlBudget, CrawlOptions
from extractors.isolation import ReadLimits
from store import sqlite_url


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
    timeout: float = Field(default=15.0, gt=0, description="Seconds for one download.")
    concurrency: int = Field(default=32, ge=1, description="Requests in flight in all.")
    per_site_concurrency: int = Field(default=4, ge=1, description="Requests in flight per site.")
    retries: int = Field(default=2, ge=0, description="Retries of a transient failure.")
    read_workers: int = Field(default=2, ge=1, description="Processes reading documents.")
    read_timeout: float = Field(default=120.0, gt=0, description="Seconds to read one document.")
    read_memory_mb: int = Field(
        default=2048, ge=256, description="Memory limit of a document-reading process (MiB)."
    )
    contact_url: str = Field(
        default="https://github.com/qmsaudit/qmsaudit",
        description="Contact URL sent in the User-Agent so site owners can reach us.",
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

    @property
    def effective_database_url(self) -> str:
        return self.database_url or sqlite_url(self.data_dir.resolve() / "qmsaudit.db")

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def effective_as_of(self) -> date:
        return self.as_of or date.today()

    def crawl_options(self) -> CrawlOptions:
        return CrawlOptions(
            budget=CrawlBudget(
                pages=self.pages_per_agency,
                depth=self.max_depth,
                max_bytes=self.max_document_bytes,
                timeout=self.timeout,
            ),
            allow_private=self.allow_private,
            user_agent=f"qmsaudit/0.1 (+{self.contact_url})",
            concurrency=self.concurrency,
            per_site_concurrency=self.per_site_concurrency,
            retries=self.retries,
        )

    def read_limits(self) -> ReadLimits:
        return ReadLimits(seconds=self.read_timeout, memory_bytes=self.read_memory_mb * 1024**2)
