"""What the FHIR server may show this user: clinical records of the clients they may see, through
the same policy as the pages (clinicians; a portal client only their own)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from needling.access import can, clients_visible_to
from needling.charting.models import AdverseEvent, SessionZone, TreatmentSession
from needling.clients.models import Client
from needling.clinics.models import Clinic, Location, StaffMember
from needling.consent.models import ConsentSignature
from needling.equipment.models import Device, Lot
from needling.outcomes.models import Assessment
from needling.plans.models import CoursePlan
from needling.scheduling.models import Appointment


def may_read(user: Any) -> bool:
    return can(user, "fhir.read")


def clients(user: Any) -> QuerySet[Client]:
    return clients_visible_to(user).order_by("pk")


def clinic(user: Any) -> QuerySet[Clinic]:
    return Clinic.objects.filter(pk__in=clients_visible_to(user).values("clinic_id"))


def staff(user: Any) -> QuerySet[StaffMember]:
    return (
        StaffMember.objects.filter(clinic__in=clinic(user))
        .select_related("user", "clinic")
        .order_by("pk")
    )


def locations(user: Any) -> QuerySet[Location]:
    return Location.objects.filter(clinic__in=clinic(user)).order_by("pk")


def appointments(user: Any) -> QuerySet[Appointment]:
    return Appointment.objects.filter(client__in=clients(user)).order_by("start", "pk")


def sessions(user: Any) -> QuerySet[TreatmentSession]:
    return (
        TreatmentSession.objects.filter(client__in=clients(user), status="signed")
        .select_related("device", "lot")
        .order_by("session_date", "pk")
    )


def zones(user: Any) -> QuerySet[SessionZone]:
    return (
        SessionZone.objects.filter(session__in=sessions(user))
        .select_related("session")
        .order_by("session_id", "pk")
    )


def devices(user: Any) -> QuerySet[Device]:
    return Device.objects.filter(clinic__in=clinic(user)).order_by("pk")


def lots(user: Any) -> QuerySet[Lot]:
    return Lot.objects.filter(clinic__in=clinic(user)).order_by("pk")


def adverse_events(user: Any) -> QuerySet[AdverseEvent]:
    return AdverseEvent.objects.filter(client__in=clients(user)).order_by("onset", "pk")


def plans(user: Any) -> QuerySet[CoursePlan]:
    return CoursePlan.objects.filter(client__in=clients(user)).order_by("pk")


def consents(user: Any) -> QuerySet[ConsentSignature]:
    return (
        ConsentSignature.objects.filter(client__in=clients(user))
        .select_related("document")
        .order_by("pk")
    )


def assessments(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.filter(client__in=clients(user)).order_by("assessed_on", "pk")
