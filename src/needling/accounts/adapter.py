from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: owners add staff, and clinics invite clients to the portal."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Shown with status 429 (LockoutStatusMiddleware); 5 minutes = the "5/5m/key" limit.
        "too_many_login_attempts": (
            "Too many failed sign-in attempts. Sign-in is paused for this account for 5 minutes; "
            "wait and try again, or reset your password."
        ),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
