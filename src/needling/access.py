"""The one place that answers "may this user do this to this object".

Every view, htmx partial, API handler and export asks here. Strangers to an object get 404 (we do
not confirm that it exists); people who may see it but not do the action get 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from needling.clients.models import Client
    from needling.clinics.models import Clinic

# The staff roles are needling.clinics.models.Role's values (tests/test_access.py checks they
# agree); "client" is a portal user. No other module names a role.
OWNER, PRACTITIONER, FRONT_DESK, CLIENT = "owner", "practitioner", "front_desk", "client"
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
    "backup.view": frozenset({OWNER}),
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
    "appointment.attend": CLINICIANS,  # who can be an appointment's practitioner
    # Who may learn that a row exists at all (anyone else gets 404, not 403). A portal client
    # only ever finds rows of their own record, and the clinic-wide rows (documents, devices).
    "client.find": ALL_STAFF | {CLIENT},
    "chart.find": ALL_STAFF,  # clients see nothing of charts, not even that one exists
    "plan.find": ALL_STAFF,
    "intake.find": ALL_STAFF | {CLIENT},
    "consent.find": ALL_STAFF | {CLIENT},
    "photo.find": ALL_STAFF | {CLIENT},
    "outcome.find": ALL_STAFF | {CLIENT},
    "equipment.find": ALL_STAFF | {CLIENT},
    "appointment.find": ALL_STAFF,  # the portal's own appointments are a later issue
    "messages.find": ALL_STAFF,
    "staff.find": ALL_STAFF,
    "clinic.find": ALL_STAFF | {CLIENT},
    "audit.find": frozenset({OWNER}),
    # FHIR export of clinical records (issue 15): the clinicians who may read charts.
    "fhir.read": CLINICIANS,
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
    def is_portal(self) -> bool:
        """A client using the portal, on their own record."""
        return self.role == CLIENT

    @property
    def role_label(self) -> str:
        from needling.clinics.models import Role

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


def roles_for(action: str) -> frozenset[str]:
    """The roles the policy gives `action`: for queries that pick people by what they may do
    (e.g. the practitioners an appointment can be booked with)."""
    if action not in POLICY:
        raise ValueError(f"unknown action {action!r}")
    return POLICY[action]


def clinic_of(user: object) -> Clinic:
    from needling.clinics.models import Clinic

    actor = actor_for(user)
    if actor is None:
        raise PermissionDenied("no clinic")
    return Clinic.objects.get(pk=actor.clinic_id)


def clients_visible_to(user: object) -> QuerySet[Client]:
    """Every client record this user may know exists."""
    from needling.clients.models import Client

    return Client.objects.visible_to(user, "client.find")


def client_for(user: object, client_id: object, action: str = "client.view_identity") -> Client:
    """The client with this id if the user may see it (else 404) and do `action` (else 403)."""
    from needling.clients.models import Client

    return get_visible_or_404(Client.objects.all(), user, client_id, action)


# ---------------------------------------------------------------------------------------------
# Visibility on the models (NetBox's RestrictedQuerySet.restrict is the model): every
# clinic-owned model declares how its rows reach a clinic and, for rows of a client's record, the
# client; `Model.objects.visible_to(user, action)` is then derived from POLICY alone.


@dataclass(frozen=True)
class Scope:
    """How a model's rows belong to a clinic and (for a client's record) to a client.

    clinic: the lookup path from the row to its clinic id (e.g. "client__clinic").
    client: the lookup path to its client, or None for clinic-wide rows (devices, documents).
    find: the POLICY action naming who may learn that a row exists (anyone else: 404).
    view: the POLICY action `visible_to(user)` means by default.
    """

    clinic: str
    client: str | None
    find: str
    view: str

    def __post_init__(self) -> None:
        for action in (self.find, self.view):
            if action not in POLICY:
                raise ValueError(f"unknown action {action!r}")


class VisibleQuerySet[M: models.Model](QuerySet[M]):
    """The queryset of every clinic-owned model: `visible_to` keeps the rows the user may do
    `action` to ("view" means the model's Scope.view)."""

    def visible_to(self, user: object, action: str = "view") -> Self:
        return restrict(self, user, action)


def scope_of(model: type[models.Model]) -> Scope:
    scope = getattr(model, "visibility", None)
    if not isinstance(scope, Scope):
        raise ValueError(f"{model.__name__} declares no visibility Scope")
    return scope


def restrict[Q: QuerySet[Any]](queryset: Q, user: object, action: str = "view") -> Q:
    """The rows of `queryset` that `user` may do `action` to: none unless the policy gives the
    user's role that action; then the user's own clinic's rows, and for a portal client only the
    rows of their own record (or the clinic-wide rows of their clinic)."""
    scope = scope_of(queryset.model)
    action = scope.view if action == "view" else action
    if action not in POLICY:
        raise ValueError(f"unknown action {action!r}")
    actor = actor_for(user)
    if actor is None or actor.role not in POLICY[action]:
        return queryset.none()
    if actor.role == CLIENT and scope.client is not None:
        if actor.client_id is None:
            return queryset.none()
        return queryset.filter(**{scope.client: actor.client_id})
    clinic = "pk" if scope.clinic == "pk" else f"{scope.clinic}_id"
    return queryset.filter(**{clinic: actor.clinic_id})


def parse_pk(value: object, what: str = "object") -> int:
    """An id from a URL or form; anything but a positive integer is a 404."""
    text = str(value)
    if not text.isdigit() or len(text) > 18:
        raise Http404(f"no such {what}")
    return int(text)


def get_visible_or_404[T: models.Model](
    queryset: QuerySet[T], user: object, pk: object, action: str = "view"
) -> T:
    """The row with this id if the user may know it exists (else 404) and may do `action` to it
    (else 403). One query."""
    scope = scope_of(queryset.model)
    what = queryset.model._meta.verbose_name
    row = restrict(queryset, user, scope.find).filter(pk=parse_pk(pk, str(what))).first()
    if row is None:
        raise Http404(f"no such {what}")
    action = scope.view if action == "view" else action
    if action not in POLICY:
        raise ValueError(f"unknown action {action!r}")
    actor = actor_for(user)
    # The row's clinic and client are the user's (it was found in their scope), so only the
    # role is left to ask.
    if actor is None or actor.role not in POLICY[action]:
        raise PermissionDenied(f"not allowed: {action}")
    return row
