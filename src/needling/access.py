"""The one place that answers "may this user do this to this object".

Every view, htmx partial, API handler and export asks here. Strangers to an object get 404 (we do
not confirm that it exists); people who may see it but not do the action get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from needling.clinics.models import Role

if TYPE_CHECKING:
    from needling.clients.models import Client
    from needling.clinics.models import Clinic

OWNER, PRACTITIONER, FRONT_DESK, CLIENT = (
    Role.OWNER.value,
    Role.PRACTITIONER.value,
    Role.FRONT_DESK.value,
    "client",
)
ALL_STAFF = frozenset({OWNER, PRACTITIONER, FRONT_DESK})
CLINICIANS = frozenset({OWNER, PRACTITIONER})

# action -> roles that may do it. "client" means: a portal user, on their own record only.
POLICY: dict[str, frozenset[str]] = {
    "clinic.view_today": ALL_STAFF,
    "client.list": ALL_STAFF,
    "client.create": ALL_STAFF,
    "client.view_identity": ALL_STAFF | {CLIENT},
    "client.edit_identity": ALL_STAFF,
    "client.view_clinical": CLINICIANS | {CLIENT},
    "client.edit_clinical": CLINICIANS,
    "client.override_stop": CLINICIANS,
    "client.view_history": frozenset({OWNER}),
    "audit.view": frozenset({OWNER}),
    "staff.manage": frozenset({OWNER}),
    "clinic.settings": frozenset({OWNER}),
    "portal.use": frozenset({CLIENT}),
    "reference.view": ALL_STAFF,
    # Intake and screening (issue 4): a practitioner decides on cautions; owners revise the form.
    "screening.decide": CLINICIANS,
    "intake.manage_forms": frozenset({OWNER}),
    # Consent (issue 4): front desk sees only "signed / not signed", never the contents.
    "consent.view_status": ALL_STAFF | {CLIENT},
    "consent.view": CLINICIANS | {CLIENT},
    "consent.sign": CLINICIANS | {CLIENT},
    "consent.withdraw": CLINICIANS | {CLIENT},
    "consent.publish": frozenset({OWNER}),
    # Equipment, plans and charts (issue 5): front desk and clients see none of it.
    "equipment.view": CLINICIANS,
    "equipment.manage": frozenset({OWNER}),
    "equipment.recall": CLINICIANS,
    "plan.view": CLINICIANS,
    "plan.edit": CLINICIANS,
    "chart.view": CLINICIANS,
    "chart.edit": CLINICIANS,
    "chart.sign": CLINICIANS,
    "chart.override_depth": CLINICIANS,
    # Photos and outcomes (issue 7): clinicians only; front desk never sees a photo, and the
    # client portal's access to photos is a later issue.
    "photo.view": CLINICIANS,
    "photo.capture": CLINICIANS,
    "photo.measure": CLINICIANS,
    "photo.export": CLINICIANS,
    "outcome.view": CLINICIANS,
    "outcome.record": CLINICIANS,
    # Scheduling (issue 6): front desk books; only a practitioner overrides the healing gate.
    "calendar.view": ALL_STAFF,
    "appointment.book": ALL_STAFF,
    "appointment.override_gate": CLINICIANS,
    "calendar.feeds": frozenset({OWNER}),
    "messages.view": ALL_STAFF,
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: their role, their clinic, and for a portal user their own client id."""

    user_id: int
    role: str
    clinic_id: int
    client_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in ALL_STAFF

    @property
    def role_label(self) -> str:
        return "Client" if self.role == CLIENT else Role(self.role).label


def actor_for(user: object) -> Actor | None:
    """The actor behind a request user; None for anonymous users and accounts with no role.

    Cached on the user object so one request asks the database once.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:  # type: ignore[attr-defined]
        return None
    cached = getattr(user, "_needling_actor", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    from needling.clients.models import Client
    from needling.clinics.models import StaffMember

    actor: Actor | None = None
    staff = (
        StaffMember.objects.filter(user_id=user.pk, active=True)  # type: ignore[attr-defined]
        .values_list("role", "clinic_id")
        .first()
    )
    if staff:
        actor = Actor(user_id=user.pk, role=staff[0], clinic_id=staff[1])  # type: ignore[attr-defined]
    else:
        own = Client.objects.filter(portal_user_id=user.pk).values_list("id", "clinic_id").first()  # type: ignore[attr-defined]
        if own:
            actor = Actor(user_id=user.pk, role=CLIENT, clinic_id=own[1], client_id=own[0])  # type: ignore[attr-defined]
    user._needling_actor = actor  # type: ignore[attr-defined]
    return actor


def can(user: object, action: str, obj: object | None = None) -> bool:
    """May `user` do `action` (to `obj`, when given)? Unknown actions are a programming error."""
    if action not in POLICY:
        raise ValueError(f"unknown action {action!r}")
    actor = actor_for(user)
    if actor is None or actor.role not in POLICY[action]:
        return False
    if obj is None:
        return True
    return _owns(actor, obj)


def _owns(actor: Actor, obj: object) -> bool:
    from needling.clients.models import Client
    from needling.clinics.models import Clinic

    if isinstance(obj, Client):
        if actor.role == CLIENT:
            return obj.pk == actor.client_id
        return obj.clinic_id == actor.clinic_id
    if isinstance(obj, Clinic):
        return obj.pk == actor.clinic_id
    clinic_id = getattr(obj, "clinic_id", None)
    if clinic_id is not None:
        return clinic_id == actor.clinic_id and actor.role != CLIENT
    raise ValueError(f"no access rule for {type(obj).__name__}")


def require(user: object, action: str, obj: object | None = None) -> Actor:
    """Like `can`, but raises PermissionDenied (403). Use after the object was found visible."""
    if not can(user, action, obj):
        raise PermissionDenied(f"not allowed: {action}")
    actor = actor_for(user)
    assert actor is not None
    return actor


def clinic_of(user: object) -> Clinic:
    from needling.clinics.models import Clinic

    actor = actor_for(user)
    if actor is None:
        raise PermissionDenied("no clinic")
    return Clinic.objects.get(pk=actor.clinic_id)


def clients_visible_to(user: object) -> QuerySet[Client]:
    """Every client record this user may know exists."""
    from needling.clients.models import Client

    actor = actor_for(user)
    if actor is None:
        return Client.objects.none()
    if actor.role == CLIENT and actor.client_id is not None:
        return Client.objects.filter(pk=actor.client_id)
    return Client.objects.filter(clinic_id=actor.clinic_id)


def client_for(user: object, client_id: object, action: str = "client.view_identity") -> Client:
    """The client with this id if the user may see it (else 404) and do `action` (else 403)."""
    try:
        pk = int(str(client_id))
    except ValueError:
        raise Http404("no such client") from None
    client = clients_visible_to(user).filter(pk=pk).first()
    if client is None:
        raise Http404("no such client")
    require(user, action, client)
    return client
