"""Database triggers that refuse UPDATE, DELETE (and TRUNCATE) on the audit log."""

from __future__ import annotations

from typing import Any

_SQLITE_NAMES = ("audit_event_no_update", "audit_event_no_delete")


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name, op in zip(_SQLITE_NAMES, ("UPDATE", "DELETE"), strict=True):
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {op} ON audit_auditevent "
                    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
                )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;"
            )
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent")
            cursor.execute(
                "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
                "ON audit_auditevent FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();"
            )


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent")


def installed(connection: Any) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
                list(_SQLITE_NAMES),
            )
            return bool(cursor.fetchone()[0] == len(_SQLITE_NAMES))
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_event_append_only'"
            )
            return bool(cursor.fetchone()[0] == 1)
    return False
