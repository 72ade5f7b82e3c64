from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("charting", "0003_anaesthetic_data")]

    operations = [
        migrations.RemoveField(model_name="treatmentsession", name="anaesthetic_concentration_pct"),
        migrations.RemoveField(model_name="treatmentsession", name="anaesthetic_applied_at"),
        migrations.RemoveField(model_name="treatmentsession", name="anaesthetic_removed_at"),
        migrations.RenameField(
            model_name="treatmentsession",
            old_name="anaesthetic_applied_dt",
            new_name="anaesthetic_applied_at",
        ),
        migrations.RenameField(
            model_name="treatmentsession",
            old_name="anaesthetic_removed_dt",
            new_name="anaesthetic_removed_at",
        ),
    ]
