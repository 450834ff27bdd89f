"""DOC004 missing-quality-objectives: no quality objectives on the agency's website."""

from __future__ import annotations

from rules.completeness.required_item import RequiredItemRule
from rules.facts import AgencyFacts
from rules.findings import Severity, Status


class MissingQualityObjectives(RequiredItemRule):
    """The agency publishes QMS documents but no quality objectives, for any year.

    ## What it checks
    That quality objectives ("Mục tiêu chất lượng năm …") are among the agency's documents,
    when the profile requires them of the agency's level. Whether they are for the current
    year is FRESH001.

    ## Why it matters
    Yearly objectives show that the QMS is maintained; TCVN ISO 9001:2015 (6.2) requires
    them. Publishing them is good practice, not a legal duty, hence a warning.

    ## Legal basis
    None for publishing; good practice. The objectives themselves: TCVN ISO 9001:2015
    clause 6.2.

    ## Failing example
    The site has the declaration and the policy, but no objectives.

    ## Passing example
    "Mục tiêu chất lượng năm 2026" is published.
    """

    code = "DOC004"
    name = "missing-quality-objectives"
    severity = Severity.WARNING
    verdict = Status.INCOMPLETE
    legal_basis = (
        "Thực hành tốt, không phải nghĩa vụ pháp lý (pháp luật chỉ bắt buộc đăng tải quyết định "
        "công bố); mục tiêu chất lượng theo mục 6.2 TCVN ISO 9001:2015"
    )
    item = "quality_objectives"
    satisfied_by = frozenset({"quality_objectives"})

    def missing_message(self, agency: AgencyFacts) -> str:
        return (
            f"Không tìm thấy mục tiêu chất lượng trên trang thông tin điện tử {agency.website}. "
            "Đăng tải mục tiêu chất lượng là thực hành tốt, không phải nghĩa vụ pháp lý."
        )
