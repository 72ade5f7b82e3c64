"""Database triggers that refuse UPDATE and DELETE on the audit log, whatever code runs."""

from django.db import migrations


def create_triggers(apps, schema_editor):
    from needling.audit import triggers

    triggers.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from needling.audit import triggers

    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
