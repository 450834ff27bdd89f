"""Evidence that the yearly internal audit and management review were held, and the shape
of the two rules that look for it (FRESH005, FRESH006)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from rules.documents import day, document_label, document_year, qms_documents, years_text
from rules.facts import AgencyFacts, DocumentFacts
from rules.findings import Finding
from rules.rule import AuditContext, Rule

# Documents that may report an activity as held besides the activity's own documents.
REPORTING_TYPES = frozenset({"report", "plan", "internal_audit", "management_review"})


@dataclass(frozen=True, kw_only=True)
class RecordsReading:
    """The newest evidence of one activity by year, undated evidence, and the year due."""

    newest: DocumentFacts | None
    newest_year: int | None
    undated: tuple[DocumentFacts, ...]
    due_year: int  # evidence of this year or later is recent

    @property
    def recent(self) -> bool:
        return self.newest_year is not None and self.newest_year >= self.due_year


def read_records(agency: AgencyFacts, context: AuditContext, activity: str) -> RecordsReading:
    """Evidence of `activity` ("internal_audit" or "management_review"): documents of that
    type, and reports, plans or records of the other activity that say it was held."""
    evidence = [
        document
        for document in qms_documents(agency)
        if document.doc_type == activity
        or (document.doc_type in REPORTING_TYPES and activity in document.held)
    ]
    dated = [(year, doc) for doc in evidence if (year := document_year(doc)) is not None]
    newest_year, newest = max(dated, key=lambda pair: pair[0], default=(None, None))
    return RecordsReading(
        newest=newest,
        newest_year=newest_year,
        undated=tuple(doc for doc in evidence if document_year(doc) is None),
        due_year=context.profile.records_due_year(context.as_of),
    )


class RecentRecordRule(Rule):
    """Fires when no published document shows `activity` held in the recent years the
    profile allows; the finding says what was seen instead. Subclasses name the activity."""

    activity: ClassVar[str]  # the document type: "internal_audit", "management_review"
    label: ClassVar[str]  # how findings name it: "đánh giá nội bộ"

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        reading = read_records(agency, context, self.activity)
        if reading.recent:
            return
        wanted = years_text(reading.due_year, context.as_of.year)
        duty = (
            f"Việc đăng tải không bắt buộc, nhưng {self.label} phải được thực hiện ít nhất mỗi "
            "năm một lần (Điểm b Khoản 4 Điều 4 Quyết định 19/2014/QĐ-TTg)."
        )
        if reading.newest is not None:
            yield self.about_document(
                reading.newest,
                f"Tài liệu về {self.label} mới nhất được công khai là của năm "
                f"{reading.newest_year} ({document_label(reading.newest)}); không thấy công "
                f"khai {self.label} {wanted} (tính đến ngày {day(context.as_of)}). {duty}",
            )
        elif reading.undated:
            undated = reading.undated[0]
            yield self.about_document(
                undated,
                f"Có tài liệu về {self.label} ({document_label(undated)}) nhưng không xác "
                f"định được năm; không thấy công khai {self.label} {wanted}. {duty}",
            )
        else:
            yield self.about_site(
                agency,
                f"Không thấy công khai kế hoạch, báo cáo hay biên bản về {self.label} "
                f"{wanted} trên trang thông tin điện tử {agency.website}. {duty}",
            )
