"""A page's fingerprint: what it says, so that a recrawl of a page whose counters, clocks or
view state changed neither stores nor reads it again.

Existing documents get none: their pages are read once more at the next recrawl, which
fingerprints them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", AutoString(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("fingerprint")
