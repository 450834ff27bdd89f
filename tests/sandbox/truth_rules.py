"""The design's status rules, checked against the documents a truth file lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sandbox import TruthAgency, required_objectives_year

REQUIRED = {"declaration", "quality_policy", "quality_objectives", "process_list"}


def check_statuses(truth: Iterable[TruthAgency], as_of: date) -> None:
    """Each status follows from the agency's documents (design.md, "Verdict")."""
    year = required_objectives_year(as_of)
    for agency in truth:
        types = {d.doc_type for d in agency.documents}
        versions = {d.iso_version for d in agency.documents}
        objectives = [d.year or 0 for d in agency.documents if d.doc_type == "quality_objectives"]
        if agency.status in ("unreachable", "not_published"):
            assert agency.documents == () and agency.iso_version is None, agency.code
        elif agency.status == "outdated":
            assert versions == {"2008"} and agency.iso_version == "2008", agency.code
        elif agency.status == "incomplete":
            assert "2015" in versions and not types >= REQUIRED, agency.code
        elif agency.status == "compliant":
            assert types >= REQUIRED and max(objectives) == year, agency.code
        elif "stale_objectives" in agency.tags:
            assert types >= REQUIRED and max(objectives) == year - 1, agency.code
        else:
            assert agency.status == "stale" and "merged_2025" in agency.tags, agency.code
