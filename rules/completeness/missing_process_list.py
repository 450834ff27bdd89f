"""DOC005 missing-process-list: neither a process list nor any procedure on the site."""

from __future__ import annotations

from rules.completeness.required_item import RequiredItemRule
from rules.facts import AgencyFacts
from rules.findings import Severity, Status


class MissingProcessList(RequiredItemRule):
    """The agency publishes QMS documents but neither a process list nor a procedure.

    ## What it checks
    That a list of processes ("Danh mục quy trình", "Danh mục tài liệu") or at least one
    work procedure ("Quy trình …", code "QT …") is among the agency's documents, when the
    profile requires a process list of the agency's level.

    ## Why it matters
    The processes are how the QMS covers the administrative procedures the agency handles;
    inspectors check the scope against them. Publishing them is good practice, not a legal
    duty, hence a warning.

    ## Legal basis
    None for publishing; good practice. Processes: TCVN ISO 9001:2015 clause 4.4; the scope
    covers every administrative procedure (TT 26/2014/TT-BKHCN Art. 36(1)(a)).

    ## Failing example
    The site has the declaration, the policy and the objectives, and nothing else.

    ## Passing example
    "Danh mục quy trình giải quyết thủ tục hành chính" is published, or only the procedure
    "QT 02/CX-HCTP".
    """

    code = "DOC005"
    name = "missing-process-list"
    severity = Severity.WARNING
    verdict = Status.INCOMPLETE
    legal_basis = (
        "Thực hành tốt, không phải nghĩa vụ pháp lý (pháp luật chỉ bắt buộc đăng tải quyết định "
        "công bố); các quá trình theo mục 4.4 TCVN ISO 9001:2015"
    )
    item = "process_list"
    satisfied_by = frozenset({"process_list", "procedure"})

    def missing_message(self, agency: AgencyFacts) -> str:
        return (
            "Không tìm thấy danh mục quy trình, cũng không có quy trình giải quyết công việc "
            f"nào trên trang thông tin điện tử {agency.website}. Đăng tải danh mục quy trình "
            "là thực hành tốt, không phải nghĩa vụ pháp lý."
        )
