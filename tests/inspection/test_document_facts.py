"""document_facts: a stored document, as read and kept in the store, seen by the rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from extractors import read_document
from inspection.document_facts import document_facts
from rules import AgencyFacts, DocumentFacts, SiteFacts, audit
from store import (
    Agency,
    Document,
    Fetch,
    Run,
    make_engine,
    open_session,
    prepare,
    sqlite_url,
)

AS_OF = date(2026, 6, 1)
DECLARATION = """UBND TỈNH ĐỒNG THÁP
SỞ TƯ PHÁP
Số: 56/QĐ-STP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Tháp, ngày 02 tháng 3 năm 2026
QUYẾT ĐỊNH
Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015
GIÁM ĐỐC SỞ TƯ PHÁP
Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ;
Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Công bố Hệ thống quản lý chất lượng của Sở Tư pháp phù hợp TCVN ISO 9001:2015 đối
với các thủ tục hành chính tại Danh mục kèm theo.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TL. GIÁM ĐỐC
CHÁNH VĂN PHÒNG
Đỗ Hữu Nghĩa
"""
REPORT = """SỞ TƯ PHÁP
Số: 12/BC-STP
Đồng Tháp, ngày 15 tháng 12 năm 2025
BÁO CÁO
Kết quả duy trì Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2025
1. Kết quả: Đã thực hiện đánh giá nội bộ, họp xem xét của lãnh đạo theo kế hoạch.
2. Các quy trình vẫn ghi đại diện lãnh đạo và hành động phòng ngừa.
GIÁM ĐỐC
Nguyễn Văn An
"""


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = make_engine(sqlite_url(tmp_path / "q.db"))
    prepare(engine)
    return open_session(engine)


def _stored(session: Session, text: str, name: str) -> Document:
    """Read `text` as the crawl's reader does, store it, and load it back from the database."""
    agency = session.exec(select(Agency)).first() or Agency(
        code="SO-TP", name="Sở Tư pháp", level="department", website="http://stp.vn/"
    )
    run = session.exec(select(Run)).first() or Run()
    session.add_all([agency, run])
    session.commit()
    assert agency.id is not None and run.id is not None
    fetch = Fetch(run_id=run.id, agency_id=agency.id, url=f"http://stp.vn/{name}.txt")
    session.add(fetch)
    session.commit()
    assert fetch.id is not None
    reading = read_document(text.encode(), filename=f"{name}.txt")
    found = reading.classification
    document = Document(
        agency_id=agency.id,
        fetch_id=fetch.id,
        run_id=run.id,
        url=fetch.url,
        sha256=name,
        doc_type=found.doc_type,
        iso_version=found.iso_version,
        year=found.year,
        number=found.number,
        issued=found.issued,
        title=reading.title,
        text=reading.text,
        details=reading.as_dict(),
    )
    session.add(document)
    session.commit()
    document_id = document.id
    session.expunge_all()
    loaded = session.get(Document, document_id)
    assert loaded is not None
    return loaded


def test_a_stored_declaration_carries_what_the_rules_read(session: Session) -> None:
    document = _stored(session, DECLARATION, "quyet-dinh")
    facts = document_facts(document)
    assert (facts.doc_type, facts.iso_version, facts.number) == ("declaration", "2015", "56/QĐ-STP")
    assert (facts.issued, facts.evidence_id, facts.url) == (
        date(2026, 3, 2),
        document.fetch_id,
        "http://stp.vn/quyet-dinh.txt",
    )
    assert facts.issuer == "SỞ TƯ PHÁP"
    assert (facts.signer, facts.signer_title) == ("Đỗ Hữu Nghĩa", "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG")
    assert facts.scope is not None and "Danh mục kèm theo" in facts.scope
    assert facts.scope_list is True
    assert facts.cited == ("19/2014/QĐ-TTg", "61/2018/NĐ-CP")
    assert (facts.vocabulary, facts.held) == ((), ())


def test_a_stored_report_says_what_was_held_and_in_which_words(session: Session) -> None:
    facts = document_facts(_stored(session, REPORT, "bao-cao"))
    assert (facts.doc_type, facts.year) == ("report", 2025)
    assert facts.held == ("internal_audit", "management_review")
    assert facts.vocabulary == (("2008", "hành động phòng ngừa"), ("2008", "đại diện lãnh đạo"))


def test_the_rules_judge_the_stored_documents(session: Session) -> None:
    declaration = document_facts(_stored(session, DECLARATION, "quyet-dinh"))
    report = document_facts(_stored(session, REPORT, "bao-cao"))
    agency = AgencyFacts(
        code="SO-TP",
        name="Sở Tư pháp",
        level="department",
        website="http://stp.vn/",
        established=None,
        site=SiteFacts(reachable=True, start_url="http://stp.vn/"),
        documents=(declaration, report),
    )
    findings = {f.rule: f for f in audit(agency, as_of=AS_OF).findings}
    assert "CHÁNH VĂN PHÒNG" in findings["DOC007"].message  # signed "TL." by the office chief
    assert "DOC008" not in findings  # 56/QĐ-STP is the Sở's own number
    assert "FRESH005" not in findings and "FRESH006" not in findings  # the report says held


def test_a_document_read_before_the_new_keys_keeps_its_can_cu_numbers() -> None:
    old = _document(
        {
            "signer": "Nguyễn Văn An",
            "scope": "Công bố HTQLCL đối với các thủ tục hành chính của Sở.",
            "legal_bases": [
                {"type": "decree", "number": "61/2018/NĐ-CP", "year": 2018},
                {"type": "law", "number": None, "year": 2015},
            ],
        }
    )
    facts = document_facts(old)
    assert facts.cited == ("61/2018/NĐ-CP",)
    assert (facts.signer, facts.signer_title, facts.scope_list) == ("Nguyễn Văn An", None, False)


def test_cited_texts_and_can_cu_numbers_are_merged_once_each() -> None:
    both = _document(
        {
            "cited_texts": ["19/2014/QĐ-TTg", "118/2025/NĐ-CP"],
            "legal_bases": [{"number": "19/2014/QĐ-TTg"}, {"number": "26/2014/TT-BKHCN"}],
        }
    )
    assert document_facts(both).cited == ("19/2014/QĐ-TTg", "118/2025/NĐ-CP", "26/2014/TT-BKHCN")


@pytest.mark.parametrize(
    ("details", "held"),
    [
        ({}, ()),
        (
            {
                "signer": 5,
                "signer_title": "",
                "scope": ["Điều 1"],
                "scope_list": "yes",
                "cited_texts": "61/2018/NĐ-CP",
                "legal_bases": "Căn cứ …",
                "vocabulary": ["hành động phòng ngừa"],
                "held": "internal_audit",
            },
            (),
        ),
        ({"legal_bases": [None, 3, {"number": 12}], "vocabulary": {"2008": "tạo sản phẩm"}}, ()),
        (
            {"held": ["internal_audit", "hội nghị", None], "vocabulary": {"2008": [None, ""]}},
            ("internal_audit",),
        ),
    ],
)
def test_missing_or_odd_details_give_the_defaults(
    details: dict[str, object], held: tuple[str, ...]
) -> None:
    expected = DocumentFacts(
        url="http://s.vn/qd.pdf",
        doc_type="declaration",
        iso_version="2015",
        year=None,
        number="12/QĐ-SKHCN",
        issued=date(2025, 9, 15),
        title="Quyết định công bố",
        evidence_id=7,
        held=held,
    )
    assert document_facts(_document(details)) == expected


def _document(details: dict[str, object]) -> Document:
    return Document(
        agency_id=1,
        fetch_id=7,
        run_id=1,
        url="http://s.vn/qd.pdf",
        sha256="x",
        doc_type="declaration",
        iso_version="2015",
        number="12/QĐ-SKHCN",
        issued=date(2025, 9, 15),
        title="Quyết định công bố",
        details=details,
    )
