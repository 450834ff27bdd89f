"""Baseline: the schema as `create_all` made it before migrations existed.

Revision ID: 0001
Revises:
Create Date: 2026-12-02 06:09:48.376868
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("code", AutoString(length=64), nullable=False),
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("level", AutoString(length=16), nullable=False),
        sa.Column("website", AutoString(), nullable=False),
        sa.Column("parent", AutoString(), nullable=True),
        sa.Column("established", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("agency_pkey")),
    )
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_code"), ["code"], unique=True)

    op.create_table(
        "crawlrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("agencies", sa.Integer(), nullable=False),
        sa.Column("fetches", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("crawlrun_pkey")),
    )
    op.create_table(
        "fetch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("url", AutoString(), nullable=False),
        sa.Column("final_url", AutoString(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("error", AutoString(length=32), nullable=True),
        sa.Column("error_detail", AutoString(), nullable=True),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("content_type", AutoString(), nullable=True),
        sa.Column("filename", AutoString(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", AutoString(length=64), nullable=True),
        sa.Column("etag", AutoString(), nullable=True),
        sa.Column("last_modified", AutoString(), nullable=True),
        sa.Column("is_document", sa.Boolean(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("referer", AutoString(), nullable=True),
        sa.Column("link_text", AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("fetch_agency_id_fkey")),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"], name=op.f("fetch_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("fetch_pkey")),
    )
    with op.batch_alter_table("fetch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fetch_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fetch_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fetch_sha256"), ["sha256"], unique=False)

    op.create_table(
        "sitevisit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("reachable", sa.Boolean(), nullable=False),
        sa.Column("robots_forbidden", sa.Boolean(), nullable=False),
        sa.Column("failure", AutoString(), nullable=True),
        sa.Column("failure_detail", AutoString(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("sitevisit_agency_id_fkey")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"], name=op.f("sitevisit_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("sitevisit_pkey")),
        sa.UniqueConstraint("run_id", "agency_id", name=op.f("sitevisit_run_id_agency_id_key")),
    )
    with op.batch_alter_table("sitevisit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sitevisit_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sitevisit_run_id"), ["run_id"], unique=False)

    op.create_table(
        "verdict",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("status", AutoString(length=16), nullable=False),
        sa.Column("iso_version", AutoString(length=16), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("audited_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("verdict_agency_id_fkey")),
        sa.PrimaryKeyConstraint("agency_id", name=op.f("verdict_pkey")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("fetch_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("url", AutoString(), nullable=False),
        sa.Column("sha256", AutoString(length=64), nullable=False),
        sa.Column("doc_type", AutoString(length=32), nullable=False),
        sa.Column("iso_version", AutoString(length=16), nullable=True),
        sa.Column("versions_mentioned", sa.JSON(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("number", AutoString(), nullable=True),
        sa.Column("issued", sa.Date(), nullable=True),
        sa.Column("title", AutoString(), nullable=True),
        sa.Column("text", AutoString(), nullable=False),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("extraction_error", AutoString(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("document_agency_id_fkey")),
        sa.ForeignKeyConstraint(["fetch_id"], ["fetch.id"], name=op.f("document_fetch_id_fkey")),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"], name=op.f("document_run_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("document_pkey")),
        sa.UniqueConstraint("agency_id", "sha256", name=op.f("document_agency_id_sha256_key")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_fetch_id"), ["fetch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_sha256"), ["sha256"], unique=False)

    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("rule", AutoString(length=16), nullable=False),
        sa.Column("severity", AutoString(length=16), nullable=False),
        sa.Column("message", AutoString(), nullable=False),
        sa.Column("evidence_url", AutoString(), nullable=True),
        sa.Column("evidence_fetch_id", sa.Integer(), nullable=True),
        sa.Column("snippet", AutoString(), nullable=True),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("last_seen", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"], name=op.f("finding_agency_id_fkey")),
        sa.ForeignKeyConstraint(
            ["evidence_fetch_id"], ["fetch.id"], name=op.f("finding_evidence_fetch_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("finding_pkey")),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_rule"), ["rule"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_rule"))
        batch_op.drop_index(batch_op.f("ix_finding_agency_id"))

    op.drop_table("finding")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_run_id"))
        batch_op.drop_index(batch_op.f("ix_document_fetch_id"))
        batch_op.drop_index(batch_op.f("ix_document_agency_id"))

    op.drop_table("document")
    op.drop_table("verdict")
    with op.batch_alter_table("sitevisit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sitevisit_run_id"))
        batch_op.drop_index(batch_op.f("ix_sitevisit_agency_id"))

    op.drop_table("sitevisit")
    with op.batch_alter_table("fetch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fetch_sha256"))
        batch_op.drop_index(batch_op.f("ix_fetch_run_id"))
        batch_op.drop_index(batch_op.f("ix_fetch_agency_id"))

    op.drop_table("fetch")
    op.drop_table("crawlrun")
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_code"))

    op.drop_table("agency")
