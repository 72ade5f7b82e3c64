"""Changing who works at a clinic. Owners only; every change is audited in its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import slugify

from needling.access import get_visible_or_404, require
from needling.audit.services import record
from needling.clinics.models import Clinic, Location, Role, StaffMember


def _other_active_owners(member: StaffMember) -> bool:
    return (
        StaffMember.objects.filter(clinic_id=member.clinic_id, role=Role.OWNER, active=True)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def add_staff(*, actor: Any, email: str, full_name: str, role: str, title: str = "") -> StaffMember:
    """Create a staff account with no password; the person sets one from the invitation."""
    who = require(actor, "staff.manage")
    if role not in Role.values:
        raise ValidationError({"role": "Choose owner, practitioner or front desk."})
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with this e-mail address already exists."})
    user = User.objects.create_user(email, None, full_name=full_name.strip())
    member = StaffMember.objects.create(
        user=user, clinic_id=who.clinic_id, role=role, title=title.strip()
    )
    record(actor=actor, action="staff.add", obj=member, detail={"role": role})
    return member


@transaction.atomic
def change_staff(*, actor: Any, member: StaffMember, role: str, title: str, active: bool) -> None:
    who = require(actor, "staff.manage", member)
    if role not in Role.values:
        raise ValidationError({"role": "Choose owner, practitioner or front desk."})
    if who.user_id == member.user_id and not active:
        raise ValidationError("You cannot deactivate your own account.")
    losing_owner = (
        member.role == Role.OWNER and member.active and (role != Role.OWNER or not active)
    )
    if losing_owner and not _other_active_owners(member):
        raise ValidationError("The clinic must keep at least one active owner.")
    changed = {
        name: [str(getattr(member, name)), str(value)]
        for name, value in (("role", role), ("active", active), ("title", title.strip()))
        if getattr(member, name) != value
    }
    if not changed:
        return
    member.role, member.title, member.active = role, title.strip(), active
    member.save(update_fields=["role", "title", "active"])
    record(actor=actor, action="staff.change", obj=member, detail={"fields": sorted(changed)})


def send_invitation(request: HttpRequest, member: StaffMember) -> None:
    """E-mail a link to set a password: allauth's password reset, which reveals no accounts."""
    from allauth.account.forms import ResetPasswordForm

    form = ResetPasswordForm(data={"email": member.user.email})
    if form.is_valid():
        form.save(request)


@transaction.atomic
def create_clinic(*, name: str, owner_email: str, owner_name: str, location: str) -> StaffMember:
    """Bootstrap a new install: the clinic, its first location and its owner (no password yet)."""
    name = name.strip()
    if not name:
        raise ValidationError("The clinic needs a name.")
    base = slugify(name)[:50] or "clinic"
    slug, n = base, 1
    while Clinic.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    clinic = Clinic.objects.create(name=name, slug=slug)
    Location.objects.create(clinic=clinic, name=location.strip() or name)
    User = get_user_model()
    email = owner_email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError("An account with this e-mail address already exists.")
    user = User.objects.create_user(email, None, full_name=owner_name.strip())
    member = StaffMember.objects.create(user=user, clinic=clinic, role=Role.OWNER)
    record(actor=None, action="clinic.create", obj=clinic, clinic_id=clinic.pk)
    return member


def staff_member_for(user: Any, member_id: object) -> StaffMember:
    """A staff member of the user's own clinic (404 for anyone else's)."""
    members = StaffMember.objects.select_related("user")
    return get_visible_or_404(members, user, member_id, "staff.find")
