"""DOC006 unreadable-qms-document: a linked QMS document could not be downloaded or read."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from rules.documents import DOC_TYPE_LABELS, subject_key
from rules.facts import AgencyFacts
from rules.findings import Finding, Severity
from rules.rule import AuditContext, Rule


class UnreadableQmsDocument(Rule):
    """A link named as a QMS document leads to a file that could not be downloaded or read.

    ## What it checks
    Links whose text or file name says they are a QMS document (a declaration, the quality
    policy, objectives…) but whose file could not be fetched (timeout, too large, an error
    status) or read (a damaged PDF, a scan with no legible text). Each is named with the
    reason and its URL. The item counts as published but unverified: the completeness rules
    do not call it missing, and the agency is not reported as publishing nothing.

    ## Why it matters
    Saying "no declaration found" of an agency that links its declaration, in a file the
    inspection could not open, would be a false finding; saying nothing would hide that the
    declaration was not verified. Inspectors need to open the link themselves or ask the
    agency for a readable copy.

    ## Legal basis
    QĐ 19/2014/QĐ-TTg Art. 4(3): the declaration is posted on the website, where the public
    must be able to read it; TT 26/2014/TT-BKHCN Art. 37: findings rest on evidence.

    ## Failing example
    "Quyết định công bố HTQLCL (bản scan)" links a PDF whose pages are damaged.

    ## Passing example
    The same link leads to a PDF that opens and reads as the declaration.
    """

    code = "DOC006"
    name = "unreadable-qms-document"
    severity = Severity.WARNING
    verdict = None
    legal_basis = "Khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg; Điều 37 Thông tư 26/2014/TT-BKHCN"

    def check(self, agency: AgencyFacts, context: AuditContext) -> Iterator[Finding]:
        for candidate in agency.unreadable:
            kind = DOC_TYPE_LABELS.get(candidate.doc_type, "tài liệu HTQLCL")
            key = subject_key(candidate.label) or urlsplit(candidate.url).path
            yield Finding(
                rule=self.code,
                name=self.name,
                severity=self.severity,
                message=(
                    f"Có liên kết tới {kind} “{candidate.label}” nhưng không đọc được: "
                    f"{candidate.reason}. Tài liệu được tính là đã đăng tải nhưng chưa kiểm "
                    f"chứng được nội dung ({candidate.url})."
                ),
                evidence_url=candidate.url,
                evidence_id=candidate.evidence_id,
                snippet=candidate.label,
                subject=f"unreadable:{candidate.doc_type}:{key[:120]}",
            )
