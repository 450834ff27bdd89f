"""registry.csv and truth.json on disk: the formats other packages read."""

from __future__ import annotations

import json
from pathlib import Path

from sandbox import Province, read_registry, write_province
from sandbox.files import mirror_path

HEADER = "Mã,Tên cơ quan,Cấp,Trang thông tin điện tử,Đơn vị chủ quản,Ngày thành lập"
LEVELS = {"province", "department", "branch", "district", "commune"}


def test_the_registry_round_trips(province: Province, tmp_path: Path) -> None:
    files = write_province(province, tmp_path)
    raw = files.registry.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == HEADER
    assert tuple(read_registry(files.registry)) == province.registry
    assert {row.level for row in province.registry} <= LEVELS
    assert any(row.established for row in province.registry)


def test_the_truth_file_has_the_documented_shape(province: Province, tmp_path: Path) -> None:
    truth = json.loads(write_province(province, tmp_path).truth.read_text("utf-8"))
    assert truth["as_of"] == province.as_of.isoformat()
    assert truth["seed"] == 1
    agency = truth["agencies"][0]
    assert set(agency) == {
        "code",
        "name",
        "level",
        "website",
        "status",
        "iso_version",
        "tags",
        "documents",
        "needs",
        "faults",
        "findings",
    }
    document = agency["documents"][0]
    assert set(document) == {"url", "doc_type", "iso_version", "year", "format", "needs"}
    registry_codes = [row.code for row in province.registry]
    assert [a["code"] for a in truth["agencies"]] == registry_codes


def test_writing_twice_gives_identical_files(province: Province, tmp_path: Path) -> None:
    first = write_province(province, tmp_path / "a")
    second = write_province(province, tmp_path / "b")
    names = sorted(p.relative_to(first.root) for p in first.root.rglob("*") if p.is_file())
    assert names == sorted(
        p.relative_to(second.root) for p in second.root.rglob("*") if p.is_file()
    )
    for name in names:
        assert (first.root / name).read_bytes() == (second.root / name).read_bytes(), name
    mirrored = sum(len(site.resources) for site in province.sites)
    assert len([p for p in first.sites.rglob("*") if p.is_file()]) == mirrored


def test_mirror_paths_keep_pages_and_folders_apart() -> None:
    assert mirror_path("/") == Path("index.html")
    assert mirror_path("/tin-tuc") == Path("tin-tuc/index.html")
    assert mirror_path("/tin-tuc/bai-1.html") == Path("tin-tuc/bai-1.html")
    assert mirror_path("/xa-an-phu/") == Path("xa-an-phu/index.html")
    assert mirror_path("/van-ban/tai-ve?id=7") == Path("van-ban/tai-ve%3Fid%3D7")


def test_a_generated_registry_is_written_as_staff_keep_it(
    province60: Province, tmp_path: Path
) -> None:
    files = write_province(province60, tmp_path, mirror=False, staff_registry=True)
    lines = files.registry.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "STT," + HEADER
    assert lines[1].startswith("1,UBND-TINH,Ủy ban nhân dân tỉnh Demo,Tỉnh,")
    assert any(",Chi cục," in line for line in lines) and any(",Xã," in line for line in lines)
    assert any(line.endswith(",01/07/2025") for line in lines)
    assert tuple(read_registry(files.registry)) == province60.registry
    assert not files.sites.exists()
