"""Existing anaesthetic records: the single strength goes under the agent the product's name
names (lidocaine first when several are named: the old rule read it as lidocaine); times of day
become datetimes on the session's date in the clinic's time zone, a removal earlier than the
application being on the next day (a contact across midnight)."""

import datetime as dt
import re
import zoneinfo

from django.conf import settings
from django.db import migrations

AGENTS = ("lidocaine", "prilocaine", "tetracaine", "benzocaine")
ALIASES = {"lignocaine": "lidocaine", "amethocaine": "tetracaine"}


def agent_named(name: str) -> str | None:
    words = re.findall(r"[a-z]+", name.lower())
    named = [ALIASES.get(w, w) for w in words if ALIASES.get(w, w) in AGENTS]
    if not named:
        return None
    return "lidocaine" if "lidocaine" in named else named[0]


def forwards(apps, schema_editor):
    Session = apps.get_model("charting", "TreatmentSession")
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    rows = Session.objects.exclude(
        anaesthetic_concentration_pct__isnull=True,
        anaesthetic_applied_at__isnull=True,
        anaesthetic_removed_at__isnull=True,
    )
    for s in rows.iterator():
        fields: dict[str, object] = {}
        agent = agent_named(s.anaesthetic_agent or "")
        if s.anaesthetic_concentration_pct is not None and agent is not None:
            fields["anaesthetic_agents"] = {agent: str(s.anaesthetic_concentration_pct)}
        applied = removed = None
        if s.anaesthetic_applied_at is not None:
            applied = dt.datetime.combine(s.session_date, s.anaesthetic_applied_at, zone)
            fields["anaesthetic_applied_dt"] = applied
        if s.anaesthetic_removed_at is not None:
            removed = dt.datetime.combine(s.session_date, s.anaesthetic_removed_at, zone)
            if applied is not None and removed < applied:
                removed += dt.timedelta(days=1)
            fields["anaesthetic_removed_dt"] = removed
        if fields:
            Session.objects.filter(pk=s.pk).update(**fields)


def backwards(apps, schema_editor):
    Session = apps.get_model("charting", "TreatmentSession")
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for s in Session.objects.iterator():
        agents = s.anaesthetic_agents or {}
        strength = agents.get("lidocaine") or next(iter(agents.values()), None)
        Session.objects.filter(pk=s.pk).update(
            anaesthetic_concentration_pct=strength,
            anaesthetic_applied_at=(
                s.anaesthetic_applied_dt.astimezone(zone).time()
                if s.anaesthetic_applied_dt
                else None
            ),
            anaesthetic_removed_at=(
                s.anaesthetic_removed_dt.astimezone(zone).time()
                if s.anaesthetic_removed_dt
                else None
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("charting", "0002_anaesthetic_agents_and_datetimes")]

    operations = [migrations.RunPython(forwards, backwards)]
