"""What one official report is made of: the status rows it covers, the date it speaks for,
and who issues it. Every section of the report is a function of a `ReportData`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from inspection.official_report.reasons import local_datetime
from inspection.official_report.tally import Tally

if TYPE_CHECKING:
    from inspection.settings import Settings

__all__ = ["Issuer", "ReportData"]


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """The body that issues the report, as the header of an administrative document names it.

    `province` is the province's name ("Lâm Đồng", or "thành phố Hà Nội" for a city); an
    empty field is left as dots for the clerk to fill.
    """

    name: str = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    province: str = ""
    code: str = "SKHCN"  # the issuer's part of the document number: …/BC-SKHCN
    place: str = ""  # the place name of the date line
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""

    @classmethod
    def of(cls, settings: Settings) -> Issuer:
        return cls(
            name=settings.issuer,
            province=settings.province,
            code=settings.issuer_code,
            place=settings.report_place,
            signer_title=settings.signer_title,
            signer_name=settings.signer_name,
        )

    @property
    def parent(self) -> str:
        """The governing body's line: "UBND TỈNH LÂM ĐỒNG", "UBND THÀNH PHỐ HÀ NỘI"."""
        province = self.province.strip()
        if not province:
            return "UBND TỈNH …………"
        if province.lower().startswith(("tỉnh ", "thành phố ")):
            return f"UBND {province.upper()}"
        return f"UBND TỈNH {province.upper()}"

    @property
    def province_name(self) -> str:
        """The province as running text names it: "tỉnh Lâm Đồng"."""
        province = self.province.strip()
        if not province:
            return "tỉnh"
        if province.lower().startswith(("tỉnh ", "thành phố ")):
            return province[0].lower() + province[1:]
        return f"tỉnh {province}"


@dataclass(frozen=True, kw_only=True)
class ReportData:
    """The rows (`status --json` objects) the report covers, and the date it speaks for."""

    rows: Sequence[dict[str, Any]]
    as_of: date
    issuer: Issuer = field(default_factory=Issuer)
    # What changed in the run the report covers, against the previous published results
    # (`inspection.history.Change.as_dict()` objects); empty when unknown.
    changes: Sequence[dict[str, Any]] = ()
    run: int | None = None  # the run reported on, when a past run is
    first_run: bool = False  # no earlier inspection to compare with

    @cached_property
    def tally(self) -> Tally:
        return Tally.of(self.rows)

    def with_status(self, *statuses: str | None) -> list[dict[str, Any]]:
        return [row for row in self.rows if row["status"] in statuses]

    def checked_between(self) -> tuple[datetime, datetime] | None:
        """The first and last crawl whose results the report shows, when the rows say."""
        moments = [local_datetime(row.get("checked_at")) for row in self.rows]
        known = [moment for moment in moments if moment is not None]
        return (min(known), max(known)) if known else None
