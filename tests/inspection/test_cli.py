"""The command line without the network: import, list, classify, export, status."""

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inspection import status
from inspection.cli import app

HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Ngày thành lập\n"
POLICY_HTML = (
    "<html><head><title>Chính sách chất lượng</title></head><body><article>"
    "<h1>CHÍNH SÁCH CHẤT LƯỢNG</h1><p>Sở Tư pháp cam kết xây dựng, áp dụng, duy trì và cải "
    "tiến Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015, "
    "giải quyết thủ tục hành chính đúng hẹn, công khai, minh bạch.</p></article></body></html>"
)


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QMSAUDIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QMSAUDIT_DATABASE_URL", raising=False)
    return CliRunner()


def test_import_reports_bad_rows_and_exits_1_keeping_good_rows(
    runner: CliRunner, tmp_path: Path
) -> None:
    registry = tmp_path / "ds.csv"
    registry.write_text(
        HEADER + "STP,Sở Tư pháp,department,https://stp.vn/,\nX,Xã X,commune,không-phải-url,\n",
        "utf-8",
    )
    result = runner.invoke(app, ["agencies", "import", str(registry)])
    assert result.exit_code == 1
    assert "Dòng 3" in result.output
    listed = runner.invoke(app, ["agencies", "list", "--json"])
    assert listed.exit_code == 0
    assert [row["code"] for row in json.loads(listed.stdout)] == ["STP"]


def test_import_of_a_file_without_the_required_columns_exits_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    registry = tmp_path / "ds.csv"
    registry.write_text("Mã,Tên\nA,B\n", "utf-8")
    result = runner.invoke(app, ["agencies", "import", str(registry)])
    assert result.exit_code == 2
    assert "thiếu cột" in result.output


def test_classify_a_file_prints_the_contract_fields(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "chinh-sach.html"
    page.write_text(POLICY_HTML, "utf-8")
    result = runner.invoke(app, ["classify", str(page), "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    contract = {
        "doc_type", "iso_version", "versions_mentioned", "year", "number", "issued", "issuer",
        "signer", "scope", "legal_bases", "encoding_repair", "ocr", "cues",
    }  # fmt: skip
    assert contract <= set(printed)
    assert printed["doc_type"] == "quality_policy"
    assert printed["iso_version"] == "2015"
    assert printed["cues"]


def test_classify_a_missing_file_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["classify", "khong-co.pdf"])
    assert result.exit_code == 2
    assert "không tìm thấy tệp" in result.output


def test_classify_refuses_a_loopback_url_unless_allowed(runner: CliRunner) -> None:
    result = runner.invoke(app, ["classify", "http://127.0.0.1:9/x.pdf"])
    assert result.exit_code == 2
    assert "QMSAUDIT_ALLOW_PRIVATE" in result.output


def test_crawl_needs_all_or_agency_and_a_known_code(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["crawl"]).exit_code == 2
    registry = tmp_path / "ds.csv"
    registry.write_text(HEADER + "STP,Sở Tư pháp,department,https://stp.vn/,\n", "utf-8")
    runner.invoke(app, ["agencies", "import", str(registry)])
    result = runner.invoke(app, ["crawl", "--agency", "KHONG-CO"])
    assert result.exit_code == 2
    assert "KHONG-CO" in result.output


def test_status_and_export_before_any_crawl(runner: CliRunner, tmp_path: Path) -> None:
    registry = tmp_path / "ds.csv"
    registry.write_text(HEADER + "STP,Sở Tư pháp,department,https://stp.vn/,\n", "utf-8")
    runner.invoke(app, ["agencies", "import", str(registry)])
    status = runner.invoke(app, ["status", "--json"])
    assert json.loads(status.stdout)[0]["status"] is None
    out = tmp_path / "x.csv"
    exported = runner.invoke(app, ["export", "--format", "csv", "-o", str(out)])
    assert exported.exit_code == 0
    assert "Chưa kiểm tra" in out.read_text("utf-8-sig")
    refused = runner.invoke(app, ["export", "--format", "pdf", "-o", str(out)])
    assert refused.exit_code == 2


def test_a_bad_setting_is_a_clear_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QMSAUDIT_PAGES_PER_AGENCY", "không")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert "Lỗi cấu hình" in result.output


@pytest.mark.parametrize(("store", "where"), [("files", "thư mục"), ("database", "cơ sở dữ liệu")])
def test_db_stats_counts_the_configured_blob_store(
    runner: CliRunner, tmp_path: Path, store: str, where: str
) -> None:
    from inspection.settings import Settings
    from store import make_engine, prepare

    settings = Settings(data_dir=tmp_path / "data", blob_store=store)
    engine = make_engine(settings.effective_database_url)
    prepare(engine)
    blobs = settings.blobs(engine)
    blobs.put(b"trang 1")
    blobs.put("tài liệu".encode() * 100)
    engine.dispose()
    shown = runner.invoke(app, ["--blob-store", store, "db", "stats"])
    assert shown.exit_code == 0, shown.output
    assert f"Kho lưu trữ ({where}): 2 tệp, 1.107 byte (0 byte là bằng chứng)" in shown.output
    as_json = json.loads(
        runner.invoke(app, ["--blob-store", store, "db", "stats", "--json"]).stdout
    )
    assert as_json["blobs"] == {"files": 2, "bytes": 1107, "evidence_bytes": 0, "store": store}
    assert as_json["rows"]["blob"] == (2 if store == "database" else 0)


def test_a_crawl_of_some_agencies_records_which(runner: CliRunner, tmp_path: Path) -> None:
    registry = tmp_path / "ds.csv"
    rows = "".join(f"{code},Xã {code},commune,,\n" for code in ("XA-A", "XA-B", "XA-C"))
    registry.write_text(HEADER + rows, "utf-8")  # no websites: judged without the network
    assert runner.invoke(app, ["agencies", "import", str(registry)]).exit_code == 0
    crawled = runner.invoke(app, ["crawl", "--agency", "XA-A", "--agency", "XA-C"])
    assert crawled.exit_code == 0, crawled.output
    with sqlite3.connect(tmp_path / "data" / "qmsaudit.db") as db:
        (selection,) = db.execute("SELECT selection FROM run").fetchone()
    assert sorted(json.loads(selection)) == ["XA-A", "XA-C"]  # not "every agency"


def test_a_crawl_prints_its_count_line_without_every_agency_s_status_rows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line a crawl ends with reads only the statuses: `status_rows` (every agency's
    documents, findings and fetches) made the crawl's peak memory grow with the registry."""
    registry = tmp_path / "ds.csv"
    rows = "".join(f"{code},Xã {code},commune,,\n" for code in ("XA-A", "XA-B", "XA-C"))
    registry.write_text(HEADER + rows, "utf-8")  # no websites: judged without the network
    assert runner.invoke(app, ["agencies", "import", str(registry)]).exit_code == 0

    def every_crawl(*_: object) -> None:
        raise AssertionError("the status rows of every agency were read")

    with monkeypatch.context() as patched:
        patched.setattr(status, "_crawls", every_crawl)
        crawled = runner.invoke(app, ["crawl", "--all"])
    assert crawled.exit_code == 0, crawled.output
    shown = runner.invoke(app, ["status"])
    assert shown.exit_code == 0, shown.output
    count_line = "0/3 cơ quan đã đăng tải tài liệu HTQLCL"
    assert count_line in crawled.output and count_line in shown.output


def test_a_distributed_crawl_refuses_options_only_the_workers_settle(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers crawl with their own settings: a --pages given here would be ignored.
    monkeypatch.setenv("QMSAUDIT_REDIS_URL", "redis://127.0.0.1:9/0")
    for option in (["--pages", "5"], ["--allow-private"]):
        result = runner.invoke(app, ["crawl", "--all", *option])
        assert result.exit_code == 2
        assert "QMSAUDIT_PAGES_PER_AGENCY" in result.output
