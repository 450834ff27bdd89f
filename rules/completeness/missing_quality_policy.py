"""DOC003 missing-quality-policy: no quality policy on the agency's website."""

from __future__ import annotations

from rules.completeness.required_item import RequiredItemRule
from rules.facts import AgencyFacts
from rules.findings import Severity, Status


class MissingQualityPolicy(RequiredItemRule):
    """The agency publishes QMS documents but not its quality policy.

    ## What it checks
    That a quality policy ("Chính sách chất lượng") is among the agency's documents, when
    the profile requires it of the agency's level.

    ## Why it matters
    Inspectors look for the policy as a sign the QMS is in use; TCVN ISO 9001:2015 (5.2)
    requires one. Publishing it is good practice, not a legal duty, hence a warning.

    ## Legal basis
    None for publishing; good practice. The policy itself: TCVN ISO 9001:2015 clause 5.2.

    ## Failing example
    The site has the declaration and the procedures, but no quality policy.

    ## Passing example
    "Chính sách chất lượng" is published as a page or a file.
    """

    code = "DOC003"
    name = "missing-quality-policy"
    severity = Severity.WARNING
    verdict = Status.INCOMPLETE
    legal_basis = (
        "Thực hành tốt, không phải nghĩa vụ pháp lý (pháp luật chỉ bắt buộc đăng tải quyết định "
        "công bố); chính sách chất lượng theo mục 5.2 TCVN ISO 9001:2015"
    )
    item = "quality_policy"
    satisfied_by = frozenset({"quality_policy"})

    def missing_message(self, agency: AgencyFacts) -> str:
        return (
            f"Không tìm thấy chính sách chất lượng trên trang thông tin điện tử {agency.website}. "
            "Đăng tải chính sách chất lượng là thực hành tốt, không phải nghĩa vụ pháp lý."
        )
