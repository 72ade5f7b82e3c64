from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from needling.access import actor_for
from needling.audit.models import Outcome
from needling.audit.services import record


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(actor=user, action="auth.login")


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(actor=user, action="auth.logout")


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Record the account that was tried only when it exists; never store typed passwords.
    email = str(credentials.get("email") or credentials.get("username") or "").lower()
    user = get_user_model().objects.filter(email=email).first() if email else None
    who = actor_for(user)
    record(
        actor=None,
        action="auth.login_failed",
        outcome=Outcome.DENIED,
        clinic_id=who.clinic_id if who else None,
        detail={"known_account": user is not None, "account_id": getattr(user, "pk", None)},
    )
