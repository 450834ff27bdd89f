"""Write a province to disk: registry.csv as staff keep it, truth.json, a mirror of the sites."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sandbox.model import Province, RegistryRow, TruthAgency

REGISTRY_HEADER = (
    "Mã",
    "Tên cơ quan",
    "Cấp",
    "Trang thông tin điện tử",
    "Đơn vị chủ quản",
    "Ngày thành lập",
)


@dataclass(frozen=True, kw_only=True)
class ProvinceFiles:
    """Where a written province lives."""

    root: Path
    registry: Path
    truth: Path
    sites: Path  # one folder per host, pages and files as served (for people to look at)


STAFF_HEADER = ("STT", *REGISTRY_HEADER)
LEVEL_WORDS = {
    "province": "Tỉnh",
    "department": "Sở",
    "branch": "Chi cục",
    "district": "Huyện",
    "commune": "Xã",
}


def _staff_level(row: RegistryRow) -> str:
    if row.level == "commune" and " phường " in row.name:
        return "Phường"
    return LEVEL_WORDS[row.level]


def registry_csv(rows: tuple[RegistryRow, ...], *, staff: bool = False) -> bytes:
    """The registry as UTF-8 CSV with a BOM and Vietnamese headers.

    `staff=True` writes it as provincial staff keep it: a running number (STT), levels in
    Vietnamese ("Sở", "Chi cục", "Xã"…) and dates as dd/mm/yyyy.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(STAFF_HEADER if staff else REGISTRY_HEADER)
    for number, row in enumerate(rows, 1):
        if staff:
            established = f"{row.established:%d/%m/%Y}" if row.established else ""
            level = _staff_level(row)
        else:
            established = row.established.isoformat() if row.established else ""
            level = row.level
        line = (row.code, row.name, level, row.website, row.parent or "", established)
        writer.writerow((number, *line) if staff else line)
    return buffer.getvalue().encode("utf-8-sig")


def _read_level(text: str) -> str:
    words = {word: level for level, word in LEVEL_WORDS.items()} | {"Phường": "commune"}
    return words.get(text, text)


def _read_date(text: str) -> date | None:
    if not text:
        return None
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    return date.fromisoformat(text)


def read_registry(path: Path) -> list[RegistryRow]:
    """Rows of a registry written by `registry_csv` (either form)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            RegistryRow(
                code=line["Mã"],
                name=line["Tên cơ quan"],
                level=_read_level(line["Cấp"]),
                website=line["Trang thông tin điện tử"],
                parent=line["Đơn vị chủ quản"] or None,
                established=_read_date(line["Ngày thành lập"]),
            )
            for line in reader
        ]


def _agency_json(agency: TruthAgency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "level": agency.level,
        "website": agency.website,
        "status": agency.status,
        "iso_version": agency.iso_version,
        "tags": list(agency.tags),
        "needs": list(agency.needs),
        "documents": [
            {
                "url": d.url,
                "doc_type": d.doc_type,
                "iso_version": d.iso_version,
                "year": d.year,
                "format": d.format,
                "needs": list(d.needs),
            }
            for d in agency.documents
        ],
        "faults": [{"url": f.url, "failure": f.failure} for f in agency.faults],
        "findings": list(agency.findings),
    }


def truth_json(province: Province) -> bytes:
    """The truth file: what the audit of each agency should conclude."""
    document = {
        "as_of": province.as_of.isoformat(),
        "seed": province.seed,
        "agencies": [_agency_json(agency) for agency in province.truth],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def mirror_path(path: str) -> Path:
    """A relative file path for a served path: '/' -> index.html, '/a?id=1' -> 'a%3Fid%3D1'."""
    route, _, query = path.partition("?")
    parts = [quote(part, safe="") for part in route.strip("/").split("/") if part]
    if query:
        parts[-1] = quote(f"{parts[-1]}?{query}", safe="")
    elif route.endswith("/") or not parts or "." not in parts[-1]:
        parts.append("index.html")
    return Path(*parts)


def write_province(
    province: Province, out_dir: Path, *, mirror: bool = True, staff_registry: bool = False
) -> ProvinceFiles:
    """Write registry.csv, truth.json and sites/<host>/… under `out_dir` (created if needed).

    `mirror=False` leaves out sites/ (which renders every resource): for large provinces.
    `staff_registry=True` writes the registry in the staff's form (see `registry_csv`).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ProvinceFiles(
        root=out_dir,
        registry=out_dir / "registry.csv",
        truth=out_dir / "truth.json",
        sites=out_dir / "sites",
    )
    files.registry.write_bytes(registry_csv(province.registry, staff=staff_registry))
    files.truth.write_bytes(truth_json(province))
    if not mirror:
        return files
    for site in province.sites:
        for path, resource in site.resources.items():
            target = files.sites / site.host / mirror_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                for chunk in resource.stream.chunks() if resource.stream else (resource.body,):
                    handle.write(chunk)
    return files
