"""Runs, history, published results.

A crawl run becomes a `run` with a kind, trigger, state and progress: the rows of the old
`crawlrun` keep their ids (every fetch, visit and document points at them); a run that
finished is `complete`, one that never did `interrupted`. What each run saw and judged is
kept per run (`documentsighting`, `agencyresult`, `runfinding`); `verdict` becomes the
published result and points at the run it comes from; a finding gets an identity (agency,
rule, subject) with at most one open per key. Existing open findings get the subject "" (a
finding about the agency), or their evidence URL where the old keying had several open for
one rule; the first audit after the upgrade re-keys per-document findings by document.
Users, overrides and the audit log are new tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 06:10:44.518334
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _runs()
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("username", AutoString(length=64), nullable=True),
        sa.Column("action", AutoString(length=64), nullable=False),
        sa.Column("target", AutoString(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("address", AutoString(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("auditentry_pkey")),
    )
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditentry_at"), ["at"], unique=False)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", AutoString(length=64), nullable=False),
        sa.Column("password_hash", AutoString(), nullable=False),
        sa.Column("role", AutoString(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("password_changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("user_pkey")),
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_username"), ["username"], unique=True)

    op.create_table(
        "agencyresult",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("visit_run_id", sa.Integer(), nullable=True),
        sa.Column("facts_run_id", sa.Integer(), nullable=True),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("rule_status", AutoString(length=16), nullable=True),
        sa.Column("iso_version", AutoString(length=16), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("audited_at", UTCDateTime(), nullable=False),
        sa.Column("reachable", sa.Boolean(), nullable=False),
        sa.Column("last_reached", sa.Date(), nullable=True),
        sa.Column("unreachable_since", sa.Date(), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("agencyresult_agency_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["facts_run_id"], ["run.id"], name=op.f("agencyresult_facts_run_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["visit_run_id"], ["run.id"], name=op.f("agencyresult_visit_run_id_fkey")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("agencyresult_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("agencyresult_pkey")),
        sa.UniqueConstraint("run_id", "agency_id", name=op.f("agencyresult_run_id_agency_id_key")),
    )
    with op.batch_alter_table("agencyresult", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agencyresult_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agencyresult_run_id"), ["run_id"], unique=False)

    op.create_table(
        "override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("kind", AutoString(length=16), nullable=False),
        sa.Column("rule", AutoString(length=16), nullable=True),
        sa.Column("subject", AutoString(), nullable=True),
        sa.Column("document_sha256", AutoString(length=64), nullable=True),
        sa.Column("doc_type", AutoString(length=32), nullable=True),
        sa.Column("evidence_sha256", AutoString(length=64), nullable=True),
        sa.Column("reason", AutoString(), nullable=False),
        sa.Column("created_by", AutoString(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_by", AutoString(length=64), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("override_agency_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("override_pkey")),
    )
    with op.batch_alter_table("override", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_override_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "runfinding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("rule", AutoString(length=16), nullable=False),
        sa.Column("subject", AutoString(), nullable=False),
        sa.Column("severity", AutoString(length=16), nullable=False),
        sa.Column("message", AutoString(), nullable=False),
        sa.Column("evidence_url", AutoString(), nullable=True),
        sa.Column("evidence_fetch_id", sa.Integer(), nullable=True),
        sa.Column("snippet", AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("runfinding_agency_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["evidence_fetch_id"], ["fetch.id"], name=op.f("runfinding_evidence_fetch_id_fkey")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("runfinding_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("runfinding_pkey")),
    )
    with op.batch_alter_table("runfinding", schema=None) as batch_op:
        batch_op.create_index(
            "ix_runfinding_run_id_agency_id", ["run_id", "agency_id"], unique=False
        )

    op.create_table(
        "documentsighting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("fetch_id", sa.Integer(), nullable=False),
        sa.Column("url", AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("documentsighting_agency_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("documentsighting_document_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["fetch_id"], ["fetch.id"], name=op.f("documentsighting_fetch_id_fkey")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("documentsighting_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("documentsighting_pkey")),
        sa.UniqueConstraint(
            "run_id",
            "agency_id",
            "document_id",
            name=op.f("documentsighting_run_id_agency_id_document_id_key"),
        ),
    )
    with op.batch_alter_table("documentsighting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documentsighting_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_documentsighting_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_documentsighting_run_id"), ["run_id"], unique=False)

    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_at", UTCDateTime(), nullable=True))
        batch_op.alter_column("website", existing_type=sa.VARCHAR(), nullable=True)

    with op.batch_alter_table("fetch", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("start", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("gap", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", AutoString(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("open", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("opened_run_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_run_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolved_run_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("finding_agency_id_rule_subject_open_key"),
            ["agency_id", "rule", "subject", "open"],
        )
        batch_op.create_foreign_key(
            batch_op.f("finding_opened_run_id_fkey"), "run", ["opened_run_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("finding_last_run_id_fkey"), "run", ["last_run_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("finding_resolved_run_id_fkey"), "run", ["resolved_run_id"], ["id"]
        )

    with op.batch_alter_table("sitevisit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retried", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("verdict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("run_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("facts_run_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rule_status", AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column("visit_run_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_reached", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("unreachable_since", sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("verdict_run_id_fkey"), "run", ["run_id"], ["id"])
        batch_op.create_foreign_key(
            batch_op.f("verdict_result_id_fkey"), "agencyresult", ["result_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("verdict_facts_run_id_fkey"), "run", ["facts_run_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("verdict_visit_run_id_fkey"), "run", ["visit_run_id"], ["id"]
        )

    _published_results()


def downgrade() -> None:
    raise NotImplementedError(
        "0002 cannot be undone without losing run history: restore a backup taken before it"
    )


def _runs() -> None:
    """crawlrun -> run, keeping ids; states from finished_at."""
    op.rename_table("crawlrun", "run")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE run RENAME CONSTRAINT crawlrun_pkey TO run_pkey")
        op.execute("ALTER SEQUENCE crawlrun_id_seq RENAME TO run_id_seq")
    text = AutoString
    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", text(16), nullable=False, server_default="crawl"))
        batch_op.add_column(sa.Column("trigger", text(16), nullable=False, server_default="manual"))
        batch_op.add_column(sa.Column("state", text(16), nullable=False, server_default="complete"))
        batch_op.add_column(sa.Column("running", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("as_of", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("selection", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("requested_by", text(), nullable=True))
        batch_op.add_column(sa.Column("executor", text(16), nullable=False, server_default="local"))
        batch_op.add_column(sa.Column("host", text(), nullable=True))
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("heartbeat_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("phase", text(32), nullable=True))
        batch_op.add_column(
            sa.Column("agencies_done", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("documents_read", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("statuses", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reason", text(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("run_running_key"), ["running"])
        batch_op.create_index(batch_op.f("ix_run_state"), ["state"], unique=False)
    op.execute("UPDATE run SET agencies_done = agencies WHERE finished_at IS NOT NULL")
    op.execute(
        "UPDATE run SET state = 'interrupted', reason = 'không hoàn thành (trước khi nâng cấp)' "
        "WHERE finished_at IS NULL"
    )


def _published_results() -> None:
    """Sightings from documents, results from verdicts, identities for findings."""
    op.execute(
        "INSERT INTO documentsighting (run_id, agency_id, document_id, fetch_id, url) "
        "SELECT run_id, agency_id, id, fetch_id, url FROM document WHERE doc_type <> 'not_qms'"
    )
    op.execute(
        "INSERT INTO agencyresult (run_id, agency_id, visit_run_id, facts_run_id, status, "
        "rule_status, iso_version, as_of, audited_at, reachable, last_reached, documents, "
        "findings) "
        "SELECT v.run_id, v.agency_id, v.run_id, CASE WHEN v.reachable THEN v.run_id END, "
        "verdict.status, verdict.status, verdict.iso_version, verdict.as_of, "
        "verdict.audited_at, v.reachable, "
        "CASE WHEN v.reachable THEN verdict.as_of END, 0, 0 "
        "FROM verdict JOIN sitevisit v ON v.agency_id = verdict.agency_id "
        "AND v.run_id = (SELECT max(run_id) FROM sitevisit s WHERE s.agency_id = v.agency_id)"
    )
    op.execute(
        "UPDATE verdict SET rule_status = status, "
        "result_id = (SELECT r.id FROM agencyresult r WHERE r.agency_id = verdict.agency_id), "
        "run_id = (SELECT r.run_id FROM agencyresult r WHERE r.agency_id = verdict.agency_id), "
        "visit_run_id = (SELECT r.visit_run_id FROM agencyresult r "
        "WHERE r.agency_id = verdict.agency_id), "
        "facts_run_id = (SELECT r.facts_run_id FROM agencyresult r "
        "WHERE r.agency_id = verdict.agency_id), "
        "last_reached = (SELECT r.last_reached FROM agencyresult r "
        "WHERE r.agency_id = verdict.agency_id)"
    )
    _finding_identities()


def _finding_identities() -> None:
    """Open findings get a subject and the open marker; of two open with one key (concurrent
    runs made such pairs), the newer stays open and the older is resolved."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, agency_id, rule, evidence_url, last_seen FROM finding "
            "WHERE resolved_at IS NULL ORDER BY id DESC"
        )
    ).all()
    per_rule = Counter((row.agency_id, row.rule) for row in rows)
    kept: set[tuple[int, str, str]] = set()
    for row in rows:
        several = per_rule[(row.agency_id, row.rule)] > 1
        subject = (row.evidence_url or "") if several else ""
        key = (row.agency_id, row.rule, subject)
        if key in kept:
            bind.execute(
                sa.text("UPDATE finding SET resolved_at = :at WHERE id = :id"),
                {"at": row.last_seen, "id": row.id},
            )
            continue
        kept.add(key)
        bind.execute(
            sa.text("UPDATE finding SET subject = :subject, open = 1 WHERE id = :id"),
            {"subject": subject, "id": row.id},
        )
