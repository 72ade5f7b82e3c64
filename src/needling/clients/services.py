"""Writing clients: one transaction each, the audit event inside it. Keyword-only arguments."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from needling.access import clinic_of, require
from needling.audit.services import record
from needling.clients.models import Client
from needling.clients.selectors import possible_duplicates

IDENTITY = ("first_name", "last_name", "date_of_birth", "email", "phone")
SKIN = ("fitzpatrick_type", "sensitive_skin")


class DuplicateClient(Exception):
    """Same name and date of birth as an existing client, and nobody confirmed it is another
    person."""

    def __init__(self, existing: list[Client]) -> None:
        super().__init__("a client with the same name and date of birth exists")
        self.existing = existing


def _allowed_fields(user: object, client: Client | None) -> tuple[str, ...]:
    from needling.access import can

    if can(user, "client.edit_clinical", client):
        return IDENTITY + SKIN
    return IDENTITY


def create_client(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    email: str = "",
    phone: str = "",
    fitzpatrick_type: int | None = None,
    sensitive_skin: bool = False,
    confirm_duplicate: bool = False,
) -> Client:
    """A new client in the actor's clinic. Raises DuplicateClient (nothing saved) when the same
    name and date of birth exist unless `confirm_duplicate`; ValidationError on bad fields."""
    require(actor, "client.create")
    clinic = clinic_of(actor)
    values: dict[str, Any] = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "date_of_birth": date_of_birth,
        "email": email.strip(),
        "phone": phone.strip(),
    }
    if fitzpatrick_type is not None or sensitive_skin:
        require(actor, "client.edit_clinical")
        values.update(fitzpatrick_type=fitzpatrick_type, sensitive_skin=sensitive_skin)
    client = Client(clinic=clinic, **values)
    client.full_clean()
    with transaction.atomic():
        duplicates = possible_duplicates(
            actor,
            first_name=client.first_name,
            last_name=client.last_name,
            date_of_birth=client.date_of_birth,
        )
        if duplicates and not confirm_duplicate:
            raise DuplicateClient(duplicates)
        client.save()
        record(
            actor=actor,
            action="client.create",
            client=client,
            obj=client,
            detail={
                "fields": sorted(k for k, v in values.items() if v not in ("", None, False)),
                "duplicate_confirmed": bool(duplicates),
            },
        )
    return client


def update_client(*, actor: Any, client: Client, changes: dict[str, Any]) -> list[str]:
    """Change identity (and, for clinicians, skin) fields; returns the names of changed fields.

    Fields the actor may not edit are refused with ValidationError; nothing is saved on error.
    """
    require(actor, "client.edit_identity", client)
    allowed = _allowed_fields(actor, client)
    refused = sorted(set(changes) - set(allowed))
    if refused:
        raise ValidationError(f"You may not change: {', '.join(refused)}.")
    with transaction.atomic():
        fresh = Client.objects.select_for_update().get(pk=client.pk)
        changed = []
        for name, value in changes.items():
            if isinstance(value, str):
                value = value.strip()
            if getattr(fresh, name) != value:
                setattr(fresh, name, value)
                changed.append(name)
        if not changed:
            return []
        fresh.full_clean()
        fresh.save(update_fields=[*changed, "updated_at"])
        record(
            actor=actor,
            action="client.edit",
            client=fresh,
            obj=fresh,
            detail={"fields": sorted(changed)},
        )
    for name in changed:
        setattr(client, name, getattr(fresh, name))
    return sorted(changed)
