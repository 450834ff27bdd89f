"""The `blob` table: raw bytes in the database, for `QMSAUDIT_BLOB_STORE=database`, so that
workers on several machines share evidence without a shared folder.

Empty after the upgrade: bytes already in the blob folder stay there (the default store).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blob",
        sa.Column("sha256", AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("blob_pkey")),
    )


def downgrade() -> None:
    op.drop_table("blob")
