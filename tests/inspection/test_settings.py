from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspection.cli import app
from inspection.settings import Settings
from store import BlobStore, DatabaseBlobs, make_engine, sqlite_url

README = Path(__file__).parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text("utf-8")
    undocumented = [
        name for name in Settings.model_fields if f"`QMSAUDIT_{name.upper()}`" not in readme
    ]
    assert undocumented == []


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSAUDIT_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("QMSAUDIT_AS_OF", "2026-04-01")
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", "/tmp/qms-x")
    monkeypatch.setenv("QMSAUDIT_PAGES_PER_AGENCY", "7")
    settings = Settings()
    assert settings.allow_private is True
    assert settings.effective_as_of() == date(2026, 4, 1)
    assert settings.effective_database_url == "sqlite:////tmp/qms-x/qmsaudit.db"
    options = settings.crawl_options()
    assert options.allow_private is True
    assert options.budget.pages == 7


def test_in_distributed_mode_every_crawl_shares_the_host_slots_on_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crawler.settings import scrapy_settings

    monkeypatch.setenv("QMSAUDIT_REDIS_URL", "redis://127.0.0.1:6390/0")
    options = Settings().crawl_options()
    assert options.host_slots_url == "redis://127.0.0.1:6390/0"
    assert scrapy_settings(options)["QMSAUDIT_HOST_SLOTS_URL"] == "redis://127.0.0.1:6390/0"
    monkeypatch.delenv("QMSAUDIT_REDIS_URL")
    assert Settings().crawl_options().host_slots_url is None


def test_database_url_overrides_the_sqlite_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSAUDIT_DATABASE_URL", "postgresql+psycopg://u@localhost/q")
    assert Settings().effective_database_url == "postgresql+psycopg://u@localhost/q"


def test_a_bad_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSAUDIT_PAGES_PER_AGENCY", "0")
    with pytest.raises(ValueError, match="pages_per_agency"):
        Settings()


def test_the_blob_store_is_a_folder_unless_the_database_is_chosen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(tmp_path))
    files = Settings().blobs(engine)
    assert isinstance(files, BlobStore) and files.root == tmp_path / "blobs"
    monkeypatch.setenv("QMSAUDIT_BLOB_STORE", " Database ")
    settings = Settings()
    database = settings.blobs(engine)
    assert isinstance(database, DatabaseBlobs) and database.engine is engine
    # a child `qmsaudit` (a worker's batch, the dashboard's run) opens the same store
    assert settings.command_line()[-2:] == ["--blob-store", "database"]
    engine.dispose()


def test_an_unknown_blob_store_is_refused_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSAUDIT_BLOB_STORE", "s3")
    with pytest.raises(ValueError, match="không có kho lưu trữ 's3'"):
        Settings()
    refused = CliRunner().invoke(app, ["status"])
    assert refused.exit_code == 2
    line = "Lỗi cấu hình: QMSAUDIT_BLOB_STORE: không có kho lưu trữ 's3': chọn `files`"
    assert refused.output.startswith(line)
    assert len(refused.output.strip().splitlines()) == 1
