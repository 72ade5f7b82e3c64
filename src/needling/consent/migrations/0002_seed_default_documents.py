"""Version 1 of each consent text for clinics that existed before the consent app.

Clinics created later get theirs from the post_save receiver in apps.py. The texts are copied
from needling.consent.defaults as they are when this migration runs.
"""

import hashlib

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from needling.consent.defaults import DEFAULTS

    Clinic = apps.get_model("clinics", "Clinic")
    ConsentDocument = apps.get_model("consent", "ConsentDocument")
    now = timezone.now()
    for clinic in Clinic.objects.all():
        for kind, (title, body) in DEFAULTS.items():
            text = f"{title}\n\n{body}".replace("\r\n", "\n")
            ConsentDocument.objects.get_or_create(
                clinic=clinic,
                kind=str(kind),
                version=1,
                defaults={
                    "title": title,
                    "body": body,
                    "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "published_at": now,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial"), ("clinics", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
