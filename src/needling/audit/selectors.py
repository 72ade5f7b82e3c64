"""Reading the audit log: only the acting owner's clinic's events (403 for everyone else)."""

from __future__ import annotations

from django.db.models import QuerySet

from needling.access import require
from needling.audit.models import AuditEvent


def events_of_clinic(user: object) -> QuerySet[AuditEvent]:
    require(user, "audit.view")
    return AuditEvent.objects.visible_to(user)
