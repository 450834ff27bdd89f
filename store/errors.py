"""The store's exceptions, rooted in one class.

StoreError
├── SchemaBehindError   the database needs `qmsaudit db upgrade`
└── SchemaAheadError    the database was migrated by a newer qmsaudit
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's errors; the message is Vietnamese, for the user."""
