"""The database refuses double bookings of a practitioner or a room, whatever code path writes.

PostgreSQL: exclusion constraints (btree_gist, tstzrange overlap) on non-cancelled appointments.
SQLite: triggers that abort an insert or update overlapping a non-cancelled appointment
(SQLite stores datetimes as ISO text in UTC, which compares in time order).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_no_practitioner_overlap
       EXCLUDE USING gist (practitioner_id WITH =, tstzrange(start, "end", '[)') WITH &&)
       WHERE (status <> 'cancelled')""",
    """ALTER TABLE scheduling_appointment ADD CONSTRAINT appointment_no_room_overlap
       EXCLUDE USING gist (room_id WITH =, tstzrange(start, "end", '[)') WITH &&)
       WHERE (status <> 'cancelled' AND room_id IS NOT NULL)""",
]
PG_DOWN = [
    "ALTER TABLE scheduling_appointment DROP CONSTRAINT IF EXISTS appointment_no_room_overlap",
    "ALTER TABLE scheduling_appointment DROP CONSTRAINT IF EXISTS appointment_no_practitioner_overlap",
]

_SQLITE_CONDITION = """
  NEW.status <> 'cancelled' AND EXISTS (
    SELECT 1 FROM scheduling_appointment a
    WHERE (NEW.id IS NULL OR a.id <> NEW.id) AND a.status <> 'cancelled'
      AND a.start < NEW."end" AND NEW.start < a."end"
      AND (a.practitioner_id = NEW.practitioner_id
           OR (NEW.room_id IS NOT NULL AND a.room_id = NEW.room_id)))
"""
SQLITE_UP = [
    f"""CREATE TRIGGER appointment_no_overlap_insert BEFORE INSERT ON scheduling_appointment
        WHEN {_SQLITE_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps another appointment'); END""",
    f"""CREATE TRIGGER appointment_no_overlap_update BEFORE UPDATE ON scheduling_appointment
        WHEN {_SQLITE_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps another appointment'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS appointment_no_overlap_insert",
    "DROP TRIGGER IF EXISTS appointment_no_overlap_update",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": PG_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
