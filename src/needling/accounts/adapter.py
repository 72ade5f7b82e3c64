from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: owners add staff, and clinics invite clients to the portal."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
