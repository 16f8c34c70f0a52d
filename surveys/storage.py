"""Deleted rows that must be gone from the storage too, not only from the table.

PostgreSQL keeps a deleted or updated row's old version in the table's pages until VACUUM
reuses the space, and a plain VACUUM only marks the space free: the bytes stay, readable
with pageinspect or from the raw file. VACUUM FULL writes the live rows into a new file and
drops the old one, so the table's pages hold nothing else. It takes an exclusive lock for
as long as it runs (well under a second for the tables it is used on: the drafts left of
other rounds, and one round's participants), and cannot run inside a transaction, so it
is called after commit.

SQLite (the embedded mode): `PRAGMA secure_delete` overwrites deleted content with zeros as
it is deleted, which callers switch on before deleting; a WAL checkpoint then moves the
change into the database file and truncates the log. VACUUM, which would rewrite the whole
file, is skipped: secure_delete already leaves no old content in the pages.
"""

from __future__ import annotations

from django.db import connection, transaction


def secure_delete_on() -> None:
    """Before deleting or overwriting personal data (a no-op on PostgreSQL)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def rewrite_after_commit(*tables: str) -> None:
    """Rewrites these tables' storage once the current transaction commits (at once if there
    is none). Inside a transaction that never commits (a test's), nothing is rewritten."""
    transaction.on_commit(lambda: rewrite(*tables))


def rewrite(*tables: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"VACUUM FULL {connection.ops.quote_name(table)}")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
