"""What the FHIR server may show this user: every row through `visible_to(user, "fhir.read")`,
the same policy as the pages (clinicians of the clinic; nobody else)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from needling.access import can
from needling.charting.models import AdverseEvent, SessionZone, TreatmentSession
from needling.clients.models import Client
from needling.clinics.models import Clinic, Location, StaffMember
from needling.consent.models import ConsentSignature
from needling.equipment.models import Device, Lot
from needling.outcomes.models import Assessment
from needling.plans.models import CoursePlan
from needling.scheduling.models import Appointment

READ = "fhir.read"


def may_read(user: Any) -> bool:
    return can(user, READ)


def clients(user: Any) -> QuerySet[Client]:
    return Client.objects.visible_to(user, READ).order_by("pk")


def clinic(user: Any) -> QuerySet[Clinic]:
    return Clinic.objects.visible_to(user, READ)


def staff(user: Any) -> QuerySet[StaffMember]:
    return StaffMember.objects.visible_to(user, READ).select_related("user").order_by("pk")


def locations(user: Any) -> QuerySet[Location]:
    return Location.objects.visible_to(user, READ).order_by("pk")


def appointments(user: Any) -> QuerySet[Appointment]:
    return Appointment.objects.visible_to(user, READ).order_by("start", "pk")


def sessions(user: Any) -> QuerySet[TreatmentSession]:
    # Signed charts only: a draft is not yet a record another system should act on.
    return (
        TreatmentSession.objects.visible_to(user, READ)
        .filter(status="signed")
        .order_by("session_date", "pk")
    )


def zones(user: Any) -> QuerySet[SessionZone]:
    return (
        SessionZone.objects.visible_to(user, READ)
        .filter(session__status="signed")
        .select_related("session")
        .order_by("session_id", "pk")
    )


def devices(user: Any) -> QuerySet[Device]:
    return Device.objects.visible_to(user, READ).order_by("pk")


def lots(user: Any) -> QuerySet[Lot]:
    return Lot.objects.visible_to(user, READ).order_by("pk")


def adverse_events(user: Any) -> QuerySet[AdverseEvent]:
    return AdverseEvent.objects.visible_to(user, READ).order_by("onset", "pk")


def plans(user: Any) -> QuerySet[CoursePlan]:
    return CoursePlan.objects.visible_to(user, READ).order_by("pk")


def consents(user: Any) -> QuerySet[ConsentSignature]:
    return (
        ConsentSignature.objects.visible_to(user, READ)
        .select_related("document")
        .defer("signature_png")
        .order_by("pk")
    )


def assessments(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.visible_to(user, READ).order_by("assessed_on", "pk")
