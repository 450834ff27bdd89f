"""Alembic's environment: migrate the connection `store.schema` hands over (no alembic.ini).

Migrations run through `store.schema.upgrade(engine)`, which passes its connection in
`config.attributes["connection"]`; nothing here reads a URL or the environment.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from store.models import metadata

config = context.config


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters a table by copying it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through store.schema.upgrade(engine)")
run_migrations(connection)
