"""What the exports and the report say of one agency, read from its status row: the reason
for its status in one sentence, the evidence behind it, what it lacks, what it published.

A finding *decides* a status when its rule's verdict is that status (rules.RULES); the
reason is the decisive finding's own Vietnamese message, cut to its first sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from inspection.official_report.labels import DOC_TYPE_LABELS, doc_type_label, status_label
from rules import RULES
from rules.completeness.required_item import RequiredItemRule

__all__ = [
    "VIETNAM",
    "decisive_findings",
    "documents_by_type",
    "evidence_url",
    "legal_basis",
    "local_date",
    "local_datetime",
    "missing_items",
    "reason",
    "rule_name",
]

# Vietnam keeps UTC+7 all year; a fixed offset needs no time-zone database.
VIETNAM = timezone(timedelta(hours=7), "ICT")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def decisive_findings(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The row's findings whose rule's verdict is the row's status, in rule order."""
    status = row.get("status")
    order = list(RULES)
    decisive = [
        finding
        for finding in row.get("findings") or []
        if finding["rule"] in RULES and RULES[finding["rule"]].verdict == status
    ]
    return sorted(decisive, key=lambda finding: order.index(finding["rule"]))


def missing_items(row: Mapping[str, Any]) -> list[str]:
    """The required items the agency has not published (Vietnamese, lower case)."""
    items = []
    for finding in row.get("findings") or []:
        rule = RULES.get(finding["rule"])
        if rule is not None and issubclass(rule, RequiredItemRule):
            items.append(_lower_first(doc_type_label(rule.item)))
    return items


def reason(row: Mapping[str, Any]) -> str:
    """Why the agency has its status, in one Vietnamese sentence."""
    status = row.get("status")
    if status is None:
        return "Chưa được kiểm tra."
    if status == "compliant":
        version = row.get("iso_version")
        edition = f" theo TCVN ISO 9001:{version}" if version in ("2015", "2008") else ""
        return f"Đã đăng tải đủ các tài liệu HTQLCL cần có{edition}."
    if status == "incomplete" and (items := missing_items(row)):
        return f"Chưa đăng tải {', '.join(items)}."
    decisive = decisive_findings(row)
    if not decisive:
        return f"{status_label(status)}."
    return _without_urls(first_sentence(decisive[0]["message"]), row, decisive[0])


def _without_urls(text: str, row: Mapping[str, Any], finding: Mapping[str, Any]) -> str:
    """The sentence without the site's or the evidence's address: a reason sits beside
    its evidence link, where the address would be said twice."""
    for url in {row.get("website"), finding.get("evidence_url")} - {None, ""}:
        text = text.replace(f" {url}", "")
    return text


def evidence_url(row: Mapping[str, Any]) -> str | None:
    """The page or document that shows the status: the decisive finding's evidence, or for
    an agency that passes, its newest declaration."""
    decisive = decisive_findings(row)
    if decisive and decisive[0].get("evidence_url"):
        return str(decisive[0]["evidence_url"])
    declarations = [d for d in row.get("documents") or [] if d.get("doc_type") == "declaration"]
    if declarations and row.get("status") is not None:
        newest = max(declarations, key=lambda d: d.get("issued") or "")
        return str(newest["url"])
    return None


def documents_by_type(documents: Sequence[Mapping[str, Any]]) -> str:
    """ "Quyết định công bố HTQLCL: 1; Quy trình: 4", QMS documents only, in label order."""
    counts = Counter(d["doc_type"] for d in documents if d.get("doc_type") != "not_qms")
    known = list(DOC_TYPE_LABELS)
    ordered = sorted(counts, key=lambda t: (known.index(t) if t in known else len(known), t))
    return "; ".join(f"{doc_type_label(t)}: {counts[t]}" for t in ordered)


def legal_basis(finding: Mapping[str, Any]) -> str:
    """The finding's legal citation: the row's own, else its rule's."""
    if finding.get("legal_basis"):
        return str(finding["legal_basis"])
    rule = RULES.get(finding["rule"])
    return rule.legal_basis if rule is not None else ""


def rule_name(code: str) -> str:
    rule = RULES.get(code)
    return rule.name if rule is not None else code


def first_sentence(message: str) -> str:
    """`message` up to the end of its first sentence (a stop before a capital letter)."""
    text = message.strip()
    for match in _SENTENCE_END.finditer(text):
        if text[match.end()].isupper():
            return text[: match.start()]
    return text


def local_datetime(value: str | None) -> datetime | None:
    """An ISO datetime of the JSON rows as Vietnam's wall-clock time, without a zone (as
    spreadsheets keep them). A date alone reads as midnight."""
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def local_date(value: str | None) -> date | None:
    moment = local_datetime(value)
    return moment.date() if moment is not None else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def corrections(row: dict[str, Any]) -> list[str]:
    """Each correction inspectors made to the agency's result, in one line: what, who, why."""
    lines = []
    for finding in row.get("findings") or []:
        override = finding.get("override")
        if override:
            lines.append(f"{finding['rule']} không đúng ({override['by']}): {override['reason']}")
    for document in row.get("documents") or []:
        override = document.get("override")
        if override:
            lines.append(
                f"{document['url']} là {override['doc_type']} ({override['by']}): "
                f"{override['reason']}"
            )
    return lines
