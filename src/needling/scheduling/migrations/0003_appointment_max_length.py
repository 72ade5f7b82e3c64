"""No appointment is longer than MAX_APPOINTMENT_MINUTES (a CHECK constraint), so overlap
look-ups can bound `start` from below and walk an index range instead of the whole history.

On SQLite, adding the constraint rebuilds the table, which drops its triggers: the
no-double-booking triggers are created again here, bounded the same way and split per
practitioner and room so each probe uses its (practitioner, start) or (room, start) index.
"""

from __future__ import annotations

from typing import Any

import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models

import needling.scheduling.models

_WINDOW = f"datetime(NEW.start, '-{needling.scheduling.models.MAX_APPOINTMENT_MINUTES} minutes')"


def _overlap(column: str) -> str:
    # S608: column is one of two constant names below, not input.
    # Django stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, the format
    # datetime() returns, so text comparison is time order.
    return f"""EXISTS (
    SELECT 1 FROM scheduling_appointment a
    WHERE a.{column} = NEW.{column}
      AND a.start > {_WINDOW} AND a.start < NEW."end" AND NEW.start < a."end"
      AND (NEW.id IS NULL OR a.id <> NEW.id) AND a.status <> 'cancelled')"""  # noqa: S608


_CONDITION = f"""
  NEW.status <> 'cancelled' AND ({_overlap("practitioner_id")}
    OR (NEW.room_id IS NOT NULL AND {_overlap("room_id")}))
"""
SQLITE_UP = [
    "DROP TRIGGER IF EXISTS appointment_no_overlap_insert",
    "DROP TRIGGER IF EXISTS appointment_no_overlap_update",
    f"""CREATE TRIGGER appointment_no_overlap_insert BEFORE INSERT ON scheduling_appointment
        WHEN {_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps another appointment'); END""",
    f"""CREATE TRIGGER appointment_no_overlap_update BEFORE UPDATE ON scheduling_appointment
        WHEN {_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'appointment overlaps another appointment'); END""",
]


def _sqlite_triggers(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)


def _sqlite_triggers_back(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        import importlib

        _0002 = importlib.import_module("needling.scheduling.migrations.0002_no_double_booking")
        for sql in _0002.SQLITE_DOWN + _0002.SQLITE_UP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0003_search_key_pattern_ops"),
        ("clinics", "0001_initial"),
        ("scheduling", "0002_no_double_booking"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    needling.scheduling.models.LengthSeconds("start", "end"), 28800
                ),
                name="appointment_at_most_max_length",
            ),
        ),
        migrations.RunPython(_sqlite_triggers, _sqlite_triggers_back),
    ]
