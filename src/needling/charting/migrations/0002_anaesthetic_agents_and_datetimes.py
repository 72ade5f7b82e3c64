"""Anaesthetic: each agent and its strength, the prescriber, datetimes for application and
removal, and when needling started (issue 17, vocabulary.md "Topical anaesthetics")."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("charting", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="treatmentsession",
            name="anaesthetic_agents",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="treatmentsession",
            name="anaesthetic_prescriber",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name="treatmentsession",
            name="anaesthetic_override_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="treatmentsession",
            name="needling_started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="treatmentsession",
            name="anaesthetic_applied_dt",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="treatmentsession",
            name="anaesthetic_removed_dt",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="treatmentsession",
            name="anaesthetic_agent",
            field=models.CharField(blank=True, help_text="product name", max_length=120),
        ),
    ]
