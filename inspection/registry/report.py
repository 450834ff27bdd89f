"""What an import did, as staff read it: sheets used, rows rejected, warnings, changes.

Every place is named as the file shows it: the sheet, the row number Excel shows and the
column's letter and header text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["AgencyRef", "ImportReport", "Place", "RowIssue", "SheetUse"]


@dataclass(frozen=True)
class Place:
    sheet: str | None  # None for a CSV file
    row: int  # the row number as a spreadsheet shows it (the file's first row is 1)

    def __str__(self) -> str:
        return f"Trang “{self.sheet}”, dòng {self.row}" if self.sheet else f"Dòng {self.row}"


@dataclass(frozen=True)
class RowIssue:
    """A row rejected (in `errors`), kept with a warning, or skipped as not an agency."""

    place: Place
    reason: str
    column: str | None = None  # 'cột D “Cấp”'

    @property
    def row(self) -> int:
        return self.place.row

    @property
    def where(self) -> str:
        return f"{self.place}, {self.column}" if self.column else str(self.place)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class SheetUse:
    sheet: str | None
    state: str  # "used", or why not: "unreadable", "hidden", "empty", "not_chosen"
    detail: str  # the header's rows and the agencies read, or why the sheet was skipped

    @property
    def used(self) -> bool:
        return self.state == "used"

    def __str__(self) -> str:
        name = f"Trang “{self.sheet}”" if self.sheet else "Tệp CSV"
        return f"{name}: {'dùng' if self.used else 'bỏ qua'} — {self.detail}"


@dataclass(frozen=True)
class AgencyRef:
    code: str
    name: str
    place: Place | None = None  # where the file names it, when it does

    def __str__(self) -> str:
        return f"{self.code} {self.name}" + (f" ({self.place})" if self.place else "")


@dataclass
class ImportReport:
    encoding: str | None = None  # a CSV's encoding when it was not UTF-8
    sheets: list[SheetUse] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    returned: list[AgencyRef] = field(default_factory=list)  # retired, back in the list
    errors: list[RowIssue] = field(default_factory=list)  # rows rejected
    warnings: list[RowIssue] = field(default_factory=list)  # rows kept that staff should check
    skipped: list[RowIssue] = field(default_factory=list)  # rows that are not agencies
    notes: list[str] = field(default_factory=list)  # about the file as a whole
    without_website: list[AgencyRef] = field(default_factory=list)
    retired: list[AgencyRef] = field(default_factory=list)  # by --replace

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.returned)

    @property
    def rejected_rows(self) -> int:
        """Rows rejected (a row with several problems has an issue for each)."""
        return len({issue.place for issue in self.errors})
