"""A database with the baseline schema (revision 0001, as `create_all` made it before
migrations) holding a little of everything, written with that schema's own SQL."""

from __future__ import annotations

from sqlalchemy import Engine, text

from store.schema import migrate_to

ROWS = [
    "INSERT INTO agency (id, code, name, level, website, established, created_at, updated_at) "
    "VALUES (1, 'SKHCN', 'Sở Khoa học và Công nghệ', 'department', 'http://skhcn.vn/', "
    "'2025-07-01', '2026-05-01 00:00:00', '2026-05-01 00:00:00'), "
    "(2, 'XA-A', 'UBND xã A', 'commune', 'http://xaa.vn/', NULL, "
    "'2026-05-01 00:00:00', '2026-05-01 00:00:00')",
    "INSERT INTO crawlrun (id, started_at, finished_at, agencies, fetches) VALUES "
    "(1, '2026-05-31 01:00:00', '2026-05-31 01:30:00', 2, 3), "
    "(2, '2026-06-01 01:00:00', NULL, 2, 1)",
    "INSERT INTO sitevisit (id, run_id, agency_id, reachable, robots_forbidden, failure, "
    "failure_detail, pages, documents, finished_at) VALUES "
    "(1, 1, 1, true, false, NULL, NULL, 1, 1, '2026-05-31 01:10:00'), "
    "(2, 1, 2, false, false, 'refused', 'Connection refused', 0, 0, '2026-05-31 01:11:00')",
    'INSERT INTO "fetch" (id, run_id, agency_id, url, status, error, fetched_at, sha256, '
    "is_document, depth, link_text) VALUES "
    "(1, 1, 1, 'http://skhcn.vn/', 200, NULL, '2026-05-31 01:05:00', 'aa', false, 0, NULL), "
    "(2, 1, 1, 'http://skhcn.vn/qd.pdf', 200, NULL, '2026-05-31 01:06:00', 'bb', true, 1, "
    "'QĐ'), "
    "(3, 1, 2, 'http://xaa.vn/', NULL, 'refused', '2026-05-31 01:07:00', NULL, false, 0, NULL)",
    "INSERT INTO document (id, agency_id, fetch_id, run_id, first_seen, url, sha256, doc_type, "
    "iso_version, versions_mentioned, number, issued, title, text, ocr, details) VALUES "
    "(1, 1, 2, 1, '2026-05-31 01:20:00', 'http://skhcn.vn/qd.pdf', 'bb', 'declaration', "
    "'2015', '[\"2015\"]', '12/QĐ-SKHCN', '2025-09-15', 'Quyết định công bố', 'Điều 1. …', "
    'false, \'{"signer": "Nguyễn Văn An"}\'), '
    "(2, 1, 1, 1, '2026-05-31 01:20:00', 'http://skhcn.vn/', 'aa', 'not_qms', NULL, '[]', "
    "NULL, NULL, NULL, '', false, '{}')",
    "INSERT INTO verdict (agency_id, status, iso_version, as_of, audited_at) VALUES "
    "(1, 'incomplete', '2015', '2026-05-31', '2026-05-31 01:30:00'), "
    "(2, 'unreachable', NULL, '2026-05-31', '2026-05-31 01:30:00')",
    "INSERT INTO finding (id, agency_id, rule, severity, message, evidence_url, "
    "evidence_fetch_id, first_seen, last_seen, resolved_at) VALUES "
    "(1, 1, 'DOC003', 'warning', 'Không tìm thấy chính sách chất lượng', 'http://skhcn.vn/', "
    "1, '2026-04-01 01:00:00', '2026-05-31 01:30:00', NULL), "
    "(2, 2, 'SITE001', 'error', 'Không truy cập được', 'http://xaa.vn/', 3, "
    "'2026-05-31 01:30:00', '2026-05-31 01:30:00', NULL), "
    "(3, 1, 'DOC002', 'error', 'Không tìm thấy quyết định công bố', 'http://skhcn.vn/', 1, "
    "'2026-03-01 01:00:00', '2026-04-01 01:00:00', '2026-05-31 01:30:00')",
]
COUNTS = {"agency": 2, "sitevisit": 2, "fetch": 3, "document": 2, "verdict": 2, "finding": 3}


def baseline_database(engine: Engine, *, without_revision: bool = False) -> None:
    """Migrate to the baseline and fill it; `without_revision`: as `create_all` left it."""
    migrate_to(engine, "0001")
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
        if without_revision:
            connection.execute(text("DROP TABLE alembic_version"))
